package dev.clawscope.ui;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps GTK 3 from looking up OpenGL visuals when JavaFX opens the display. GTK does that on X11
 * whether anything will draw with OpenGL or not, and the lookup maps the machine's OpenGL driver
 * (Mesa and its LLVM on most Linux desktops, 55–70 MB) into a window that draws with JavaFX's
 * software pipeline. {@code GDK_GL=disable} in the environment turns the lookup off; the Linux
 * autostart entry starts the tray under it, and this sets it in the process's own environment for
 * every other way of starting the window ({@code java -jar}, the app image, {@code javafx:run}),
 * before JavaFX starts GTK. Only on Linux, only for the software pipeline (the app's default; an
 * {@code -Dprism.order=es2} may want OpenGL), and never over a {@code GDK_GL} the user set.
 *
 * <p>Java has no call that changes its own process's environment, so this asks the C library
 * through JNA (already here for the keyring), which costs about 60 ms the first time; it runs on a
 * thread of its own from the start of {@code main}, alongside the rest of start-up, and the window
 * waits for it (bounded) only right before the toolkit starts.
 */
public final class GdkGl {

    private static final Logger LOG = LoggerFactory.getLogger(GdkGl.class);

    /** The variable GDK reads when it opens the display. */
    static final String VARIABLE = "GDK_GL";
    static final String VALUE = "disable";

    /** The longest the window waits for it: past that it opens without, which costs memory, not function. */
    static final Duration WAIT = Duration.ofSeconds(1);

    private static FutureTask<String> pending;

    private GdkGl() {
    }

    /** Whether to set it: on Linux, for the software pipeline, when the environment has no {@code GDK_GL}. */
    static boolean wanted(String osName, Map<String, String> env, String prismOrder) {
        return osName != null && osName.startsWith("Linux") && !env.containsKey(VARIABLE)
                && (prismOrder == null || "sw".equals(prismOrder.trim()));
    }

    /** Starts setting it on a daemon thread when {@link #wanted} says so; returns at once; once per process. */
    public static synchronized void start() {
        if (pending != null) {
            return;
        }
        if (!wanted(System.getProperty("os.name"), System.getenv(), System.getProperty("prism.order"))) {
            pending = new FutureTask<>(() -> "not needed");
            pending.run();
            return;
        }
        pending = new FutureTask<>(() -> setInThisProcess(VARIABLE, VALUE));
        Thread t = new Thread(pending, "gdk-gl");
        t.setDaemon(true);
        t.start();
    }

    /** Starts it if nobody did, then waits for it, at most {@code max}. Call before the toolkit starts. */
    static void await(Duration max) {
        FutureTask<String> task;
        synchronized (GdkGl.class) {
            start();
            task = pending;
        }
        try {
            LOG.debug("{}={}: {}", VARIABLE, VALUE, task.get(max.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            LOG.debug("{} not set within {} ms; GTK may map the OpenGL driver", VARIABLE, max.toMillis());
        } catch (ExecutionException e) {
            LOG.debug("{} not set: {}", VARIABLE, e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The C library's environment calls. */
    interface LibC extends Library {
        int setenv(String name, String value, int overwrite);

        String getenv(String name);
    }

    /** Sets {@code variable} in the C environment of this process, never over a value it has; says how it went. */
    static String setInThisProcess(String variable, String value) {
        try {
            LibC c = Native.load("c", LibC.class);
            if (c.setenv(variable, value, 0) != 0) {
                return "setenv failed";
            }
            return "set (now " + c.getenv(variable) + ")";
        } catch (LinkageError | RuntimeException e) {
            // No JNA, or no native library it can load (a noexec temp folder): GTK looks the visuals up.
            return "cannot reach the C library: " + e;
        }
    }
}
