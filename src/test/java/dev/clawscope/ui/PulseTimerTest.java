package dev.clawscope.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The pausing pulse timer runs the toolkit's task at its period, stops when paused, runs again when
 * resumed, and stays stopped once stopped. (Swapping it into a GTK toolkit is checked by
 * DesktopQuitIT on a real display; here the toolkit is Monocle's.)
 */
@ExtendWith(ApplicationExtension.class)
class PulseTimerTest {

    @Start
    void start(Stage stage) {
        // the toolkit runs: Timer's period bounds come from it
    }

    @Test
    void pausedItTimesNothingResumedItTicksAgainStoppedItStays() throws Exception {
        AtomicReference<CountDownLatch> ticks = new AtomicReference<>(new CountDownLatch(3));
        PulseTimer timer = new PulseTimer(() -> ticks.get().countDown());
        timer.start(16);
        try {
            assertTrue(ticks.get().await(5, TimeUnit.SECONDS), "started, it runs the task");
            timer.pause();
            assertFalse(timer.ticking(), "paused, it times nothing");
            assertTrue(timer.pauses() >= 1);
            ticks.set(new CountDownLatch(3));
            timer.resume();
            assertTrue(timer.ticking());
            assertTrue(ticks.get().await(5, TimeUnit.SECONDS), "resumed, it runs the task again");
        } finally {
            timer.stop();
        }
        assertFalse(timer.ticking(), "stopped");
        timer.resume();
        assertFalse(timer.ticking(), "a stopped timer does not come back on resume");
    }
}
