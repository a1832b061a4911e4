package dev.clawscope.ui;

import java.util.EnumSet;
import java.util.Set;
import javafx.scene.Scene;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs, once each, how long the way to each first took: the window's first frame, the inspector's,
 * the link's hello-ok and the tray icon. One line each in the log file ({@code start-up: window
 * shown, 812 ms after the JVM started}), which is where a slow start shows and what the
 * start-up benchmark reads. Any thread.
 */
final class StartupMarks {

    private static final Logger LOG = LoggerFactory.getLogger(StartupMarks.class);

    enum Mark {
        WINDOW_SHOWN("window shown"),
        INSPECTOR_SHOWN("inspector shown"),
        CONNECTED("connected (hello-ok)"),
        TRAY_ICON("tray icon installed");

        final String words;

        Mark(String words) {
            this.words = words;
        }
    }

    private static final Set<Mark> SAID = EnumSet.noneOf(Mark.class);
    /**
     * When the JVM started, by the management bean's millisecond clock (the process start the OS
     * keeps is rounded to its boot time's whole second), read off the FX thread as this class loads.
     */
    private static final java.util.concurrent.CompletableFuture<Long> JVM_START =
            java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());

    private StartupMarks() {
    }

    /** Logs {@code mark} the first time it happens in this process, with the time since the JVM started. */
    static void mark(Mark mark) {
        synchronized (SAID) {
            if (!SAID.add(mark)) {
                return;
            }
        }
        long now = System.currentTimeMillis();
        try {
            LOG.info("start-up: {}, {} ms after the JVM started", mark.words,
                    now - JVM_START.get(2, java.util.concurrent.TimeUnit.SECONDS));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.info("start-up: {}", mark.words);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.info("start-up: {}", mark.words);
        }
    }

    /** Logs {@code mark} once the next frame of {@code scene} is laid out (FX thread). */
    static void onNextFrame(Scene scene, Mark mark) {
        synchronized (SAID) {
            if (SAID.contains(mark)) {
                return;
            }
        }
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            mark(mark);
        };
        scene.addPostLayoutPulseListener(once[0]);
    }
}
