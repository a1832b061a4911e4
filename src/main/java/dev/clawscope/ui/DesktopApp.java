package dev.clawscope.ui;

import dev.clawscope.Version;
import dev.clawscope.session.OpenSessions;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Application;
import org.slf4j.LoggerFactory;

/** Starts the JavaFX window from a launcher that is not itself an {@link Application}. */
public final class DesktopApp {

    // JavaFX warns about running from the class path, which is how this jar is meant to run.
    // Held in a field because java.util.logging keeps loggers only weakly.
    private static final Logger JAVAFX_PLATFORM_LOG = Logger.getLogger("javafx");

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(DesktopApp.class);

    private DesktopApp() {
    }

    private static volatile SingleInstance instance;
    private static volatile boolean launched;

    /** Whether this process is the desktop app {@link #launch()} started (not a test's window). */
    static boolean launched() {
        return launched;
    }

    /**
     * How long quitting waits for the sessions to close (the link's close frame and {@code
     * dispose_end}), so that the process is gone within 3 s of Quit, SIGTERM or the window's close.
     */
    static final Duration QUIT_WAIT = Duration.ofMillis(2_500);
    private static final OpenSessions SESSIONS = new OpenSessions();

    /** The sessions the window opened; quitting closes each, bounded and awaited. */
    static OpenSessions sessions() {
        return SESSIONS;
    }

    /** This process's claim on being the only window, once {@link #launch()} made it. */
    static java.util.Optional<SingleInstance> instance() {
        return java.util.Optional.ofNullable(instance);
    }

    /**
     * Opens the window and returns an exit code once it is closed and its sessions have closed (at
     * most {@link #QUIT_WAIT} after). When Clawscope already runs for
     * this user, asks that one to come to the front instead and returns 0.
     */
    public static int launch() {
        JAVAFX_PLATFORM_LOG.setLevel(Level.SEVERE);
        try {
            SingleInstance.Claim claim = SingleInstance.claim(dev.clawscope.settings.AppDirectories.current().data());
            if (claim instanceof SingleInstance.Claim.Other other) {
                System.out.println(other.told() ? "Clawscope is already running; its window was brought to the front."
                        : "Clawscope is already running (its lock is taken) but did not answer; not opening a second one.");
                return 0;
            }
            instance = ((SingleInstance.Claim.First) claim).instance();
        } catch (java.io.IOException e) {
            LOG.warn("cannot check for a running instance: {}", e.getMessage());
        }
        LOG.info("clawscope {} opening its window", Version.get());
        launched = true;
        // The software pipeline unless told otherwise (-Dprism.order=es2,sw): the window draws a
        // few frames a second at most, and a GPU driver mapped for them costs more than they do
        // (Mesa's llvmpipe on a display without a GPU: about 60 MB, also in the tray).
        if (System.getProperty("prism.order") == null) {
            System.setProperty("prism.order", "sw");
        }
        SESSIONS.closeAllOnExit(QUIT_WAIT);
        GdkGl.await(GdkGl.WAIT); // started by main; GTK reads it as the toolkit starts
        try {
            Application.launch(ClawscopeApp.class);
            return 0;
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("cannot open the window", e);
            System.err.println("clawscope: cannot open the window: " + RootCause.message(e));
            System.err.println("Headless? Every feature also runs as a command: clawscope --help");
            return 1;
        } finally {
            SESSIONS.closeAll(QUIT_WAIT);
        }
    }
}
