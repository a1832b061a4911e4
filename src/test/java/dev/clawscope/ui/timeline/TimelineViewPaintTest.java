package dev.clawscope.ui.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The timeline paints when something changed and otherwise leaves the FX thread alone: an idle
 * window must not redraw on every pulse.
 */
@ExtendWith(ApplicationExtension.class)
class TimelineViewPaintTest {

    private final AtomicLong clock = new AtomicLong(1_000);
    private final TimelineData data = new TimelineData();
    private TimelineView view;

    @Start
    void start(Stage stage) {
        view = new TimelineView(data, () -> clock.get());
        view.followProperty().set(false); // no follow step: only changes repaint
        stage.setScene(new Scene(view, 800, 300));
        stage.show();
        view.start();
    }

    @Test
    void paintsOnChangesAndNotOnIdlePulses() throws Exception {
        long settled = afterPulses(5);
        long idle = afterPulses(30);
        assertEquals(settled, idle, "30 pulses with nothing new: no paint");

        WaitForAsyncUtils.asyncFx(() -> data.add(new JournalEntry(1, Instant.now(), 1_500, 1, new LinkEvent.WsPingSent())))
                .get(5, TimeUnit.SECONDS);
        long afterEvent = afterPulses(5);
        assertTrue(afterEvent > idle, "a new event is painted: " + idle + " -> " + afterEvent);
        assertEquals(afterEvent, afterPulses(30), "and then it is quiet again");
    }

    @Test
    void followingMovesOnAStepASecondNotEveryPulse() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> view.followProperty().set(true)).get(5, TimeUnit.SECONDS);
        long start = afterPulses(5);
        long later = afterPulses(30); // half a second at 60 pulses a second
        assertTrue(later - start <= 1, "at most one follow step in 30 pulses, painted " + (later - start));
    }

    /** Lets {@code count} FX pulses pass (counted by a pulse listener) and returns the paints so far. */
    private long afterPulses(int count) throws Exception {
        CompletableFuture<Long> paints = new CompletableFuture<>();
        WaitForAsyncUtils.asyncFx(() -> new AnimationTimer() {
            private int seen;

            @Override
            public void handle(long now) {
                if (++seen >= count) {
                    stop();
                    paints.complete(view.paints());
                }
            }
        }.start());
        return paints.get(10, TimeUnit.SECONDS);
    }
}
