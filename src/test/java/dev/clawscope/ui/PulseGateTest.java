package dev.clawscope.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The pulse timer stops once no window shows and runs again as one shows: an animation started
 * after the window is back gets its frames.
 */
@ExtendWith(ApplicationExtension.class)
class PulseGateTest {

    private Stage stage;
    private PulseGate gate;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new Pane(), 200, 100));
        stage.show();
    }

    @AfterEach
    void uninstall() throws Exception {
        if (gate != null) {
            fx(() -> {
                gate.uninstall();
                return null;
            });
        }
    }

    @Test
    void theTimerStopsWhileNoWindowShowsAndRunsAgainForTheNextOne(FxRobot robot) throws Exception {
        gate = fx(() -> PulseGate.install().orElseThrow(() -> new AssertionError("the toolkit's timer is reachable")));
        assertFalse(fx(gate::stopped), "a window shows");
        // Hide every window the toolkit has (the test's own stage among them).
        robot.interact(() -> java.util.List.copyOf(Window.getWindows()).forEach(Window::hide));
        FxWait.waitFor("the timer stopped", () -> fx(gate::stopped));

        robot.interact(stage::show);
        assertFalse(fx(gate::stopped), "showing a window starts it before its first frame");
        CountDownLatch frames = new CountDownLatch(3);
        AtomicReference<AnimationTimer> timer = new AtomicReference<>();
        robot.interact(() -> {
            timer.set(new AnimationTimer() {
                @Override
                public void handle(long now) {
                    frames.countDown();
                }
            });
            timer.get().start();
        });
        try {
            assertTrue(frames.await(5, TimeUnit.SECONDS), "the shown window gets pulses");
        } finally {
            robot.interact(() -> timer.get().stop());
        }
        assertTrue(fx(gate::stops) >= 1);
    }

    private static <T> T fx(Callable<T> query) throws Exception {
        return WaitForAsyncUtils.asyncFx(query).get(5, TimeUnit.SECONDS);
    }
}
