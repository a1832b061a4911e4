package dev.clawscope.ui;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;

/**
 * Fails a UI test whose FX thread stops answering: every 10 ms it posts a heartbeat to the FX
 * thread unless one is still waiting, and keeps the longest wait from post to run (a heartbeat
 * still waiting when the watchdog stops counts with its age so far).
 */
public final class FxWatchdog implements AutoCloseable {

    private static final long PERIOD_MS = 10;

    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fx-watchdog");
        t.setDaemon(true);
        return t;
    });
    /** When the heartbeat in flight was posted, or -1 when none is. */
    private final AtomicLong postedAt = new AtomicLong(-1);
    private final AtomicLong longestNs = new AtomicLong();
    private final AtomicLong beats = new AtomicLong();

    private FxWatchdog() {
    }

    /** Starts watching the FX thread. */
    public static FxWatchdog start() {
        FxWatchdog watchdog = new FxWatchdog();
        watchdog.clock.scheduleAtFixedRate(watchdog::post, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
        return watchdog;
    }

    private void post() {
        long now = System.nanoTime();
        if (postedAt.compareAndSet(-1, now)) {
            Platform.runLater(() -> {
                longestNs.accumulateAndGet(System.nanoTime() - postedAt.getAndSet(-1), Math::max);
                beats.incrementAndGet();
            });
        }
    }

    /** Stops watching and fails when the FX thread was ever blocked for longer than {@code limit}. */
    public void assertNeverBlockedLongerThan(Duration limit) {
        close();
        long waiting = postedAt.get();
        long longest = Math.max(longestNs.get(), waiting < 0 ? 0 : System.nanoTime() - waiting);
        if (beats.get() == 0) {
            throw new AssertionError("the FX thread never ran a heartbeat");
        }
        if (longest > limit.toNanos()) {
            throw new AssertionError("the FX thread was blocked for " + TimeUnit.NANOSECONDS.toMillis(longest)
                    + " ms (limit " + limit.toMillis() + " ms, " + beats.get() + " heartbeats)");
        }
    }

    @Override
    public void close() {
        clock.shutdownNow();
    }
}
