package dev.clawscope.link;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RealLinkExecutorTest extends LinkExecutorContract {

    @Override
    LinkExecutor create() {
        return new RealLinkExecutor();
    }

    /** Timers run in due order, so once a marker due after {@code time} has run, so has every earlier timer. */
    @Override
    void elapse(Duration time) throws InterruptedException {
        if (executor.isShutdown()) {
            return; // no thread is left to run anything
        }
        CountDownLatch marker = new CountDownLatch(1);
        executor.schedule(marker::countDown, time.toMillis());
        assertTrue(marker.await(time.plus(WAIT).toMillis(), TimeUnit.MILLISECONDS), "marker timer ran");
    }

    @Test
    void aTimerWaitsAtLeastItsDelay() throws InterruptedException {
        AtomicLong ranAt = new AtomicLong();
        long scheduledAt = executor.monoNanos();
        executor.schedule(() -> ranAt.set(executor.monoNanos()), 50);

        elapse(Duration.ofMillis(60));

        assertTrue(ranAt.get() - scheduledAt >= TimeUnit.MILLISECONDS.toNanos(50),
                "ran after " + (ranAt.get() - scheduledAt) + " ns");
    }

    @Test
    void readsTheSystemClocks() {
        long wallBefore = System.currentTimeMillis();
        long monoBefore = System.nanoTime();

        long wall = executor.wallMillis();
        long mono = executor.monoNanos();

        assertTrue(wall >= wallBefore && wall <= System.currentTimeMillis());
        assertTrue(mono >= monoBefore && mono <= System.nanoTime());
    }
}
