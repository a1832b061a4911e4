package dev.clawscope.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.link.ReconnectPlanner.Cause;
import dev.clawscope.link.ReconnectPlanner.Decision;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The planner driven from the owner thread on virtual time, against a gateway that drops every connection. */
@Timeout(20)
class ReconnectInVirtualTimeTest {

    private final VirtualLinkExecutor time = new VirtualLinkExecutor();
    private final ReconnectPlanner planner = new ReconnectPlanner(new OpenClawReferenceBackoff(), new SplittableRandom(1));
    private final List<Long> connectedAtMs = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        assertTrue(time.shutdown(Duration.ofSeconds(5)));
    }

    private long nowMs() {
        return time.monoNanos() / 1_000_000;
    }

    /** Connects at once, passes hello-ok, and loses the connection {@code upMs} later. */
    private void connect(long upMs) {
        connectedAtMs.add(nowMs());
        planner.onHelloOk(nowMs());
        time.schedule(() -> lose(upMs), upMs);
    }

    private void lose(long upMs) {
        planner.onConnectionLost(nowMs());
        Decision decision = planner.next(new Cause.Transient("closed 1006"), nowMs());
        if (decision instanceof Decision.Retry retry) {
            time.schedule(() -> connect(upMs), retry.delayMs());
        }
    }

    @Test
    void connectionsDroppedAfterTwoSecondsBackOffFurtherEachTime() {
        time.execute(() -> connect(2_000));

        time.advance(Duration.ofMinutes(2));

        assertEquals(List.of(0L, 3_000L, 7_000L, 13_000L, 23_000L, 41_000L, 73_000L, 105_000L), connectedAtMs);
    }

    @Test
    void connectionsThatLastTheStablePeriodReconnectAfterOneSecond() {
        time.execute(() -> connect(10_000));

        time.advance(Duration.ofSeconds(50));

        assertEquals(List.of(0L, 11_000L, 22_000L, 33_000L, 44_000L), connectedAtMs);
    }

    @Test
    void aWallClockJumpDoesNotMoveTheSchedule() {
        time.execute(() -> connect(2_000));
        time.advance(Duration.ofSeconds(4));

        time.jumpWallClock(Duration.ofHours(3));
        time.advance(Duration.ofSeconds(20));

        assertEquals(List.of(0L, 3_000L, 7_000L, 13_000L, 23_000L), connectedAtMs);
    }
}
