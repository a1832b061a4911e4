package dev.clawscope.ui;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The watchdog catches an FX thread that waits on a monitor held elsewhere. */
@ExtendWith(ApplicationExtension.class)
class FxWatchdogTest {

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new Label("watched"), 200, 100));
        stage.show();
    }

    @Test
    void anFxThreadWaitingOnAMonitorFailsTheCheck() throws Exception {
        Object monitor = new Object();
        FxWatchdog watchdog = FxWatchdog.start();
        CountDownLatch heldElsewhere = new CountDownLatch(1);
        CountDownLatch fxGotIt = new CountDownLatch(1);
        CountDownLatch fxWaits = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            synchronized (monitor) {
                heldElsewhere.countDown();
                try {
                    // Held until the FX thread has waited on it for a while: 300 ms past its arrival.
                    fxWaits.await(5, TimeUnit.SECONDS);
                    fxGotIt.await(300, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        holder.start();
        assertTrue(heldElsewhere.await(5, TimeUnit.SECONDS));
        Platform.runLater(() -> {
            fxWaits.countDown();
            synchronized (monitor) {
                fxGotIt.countDown();
            }
        });
        assertTrue(fxGotIt.await(5, TimeUnit.SECONDS));
        holder.join(5_000);
        AssertionError failure = assertThrows(AssertionError.class,
                () -> watchdog.assertNeverBlockedLongerThan(Duration.ofMillis(100)));
        assertTrue(failure.getMessage().contains("BLOCKED"), failure.getMessage());
    }
}
