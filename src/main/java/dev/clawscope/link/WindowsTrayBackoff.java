package dev.clawscope.link;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The Windows tray's schedule, 1, 2, 4, 8, 15, 30, 60 s (the last repeats), plus 0 to 25 % added
 * jitter. Additive jitter never shortens a step, so clients that drop together stay close together;
 * kept for comparison runs. The tray reads neither {@code restartExpectedMs} nor
 * {@code retryAfterMs}: its table is all it follows.
 */
final class WindowsTrayBackoff implements BackoffPolicy {

    public static final String NAME = "windows-tray";
    private static final long[] SCHEDULE_MS = {1_000, 2_000, 4_000, 8_000, 15_000, 30_000, 60_000};
    private static final double MAX_JITTER = 0.25;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "The Windows tray's table: 1, 2, 4, 8, 15, 30, 60 s plus 0–25 %; ignores the gateway's hints.";
    }

    @Override
    public long delayMs(int attempt, RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        long step = SCHEDULE_MS[Math.min(Doubling.requireAttempt(attempt), SCHEDULE_MS.length) - 1];
        return step + (long) (step * MAX_JITTER * random.nextDouble());
    }

    @Override
    public boolean followsRestartHint() {
        return false;
    }

    @Override
    public boolean followsRetryAfter() {
        return false;
    }

    @Override
    public String toString() {
        return NAME;
    }
}
