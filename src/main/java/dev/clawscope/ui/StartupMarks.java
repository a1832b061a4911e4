package dev.clawscope.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import javafx.scene.Scene;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs, once each, how long the way to each first took: the window's first frame, the inspector's,
 * the link's hello-ok and the tray icon. One line each in the log file ({@code start-up: window
 * shown, 812 ms after the process started}), which is where a slow start shows and what the
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

    private static final Instant PROCESS_START = ProcessHandle.current().info().startInstant().orElse(null);
    private static final Set<Mark> SAID = EnumSet.noneOf(Mark.class);

    private StartupMarks() {
    }

    /** Logs {@code mark} the first time it happens in this process. */
    static void mark(Mark mark) {
        synchronized (SAID) {
            if (!SAID.add(mark)) {
                return;
            }
        }
        if (PROCESS_START == null) {
            LOG.info("start-up: {}", mark.words);
        } else {
            LOG.info("start-up: {}, {} ms after the process started", mark.words,
                    Duration.between(PROCESS_START, Instant.now()).toMillis());
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
