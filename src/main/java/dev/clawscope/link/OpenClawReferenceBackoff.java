package dev.clawscope.link;

import java.util.random.RandomGenerator;

/**
 * The reference Node client's schedule: 1 s doubling to a 30 s cap, no jitter. For comparison runs.
 * Like that client it takes {@code retryAfterMs} from a gateway that is starting and ignores the
 * {@code shutdown} event's {@code restartExpectedMs}.
 */
final class OpenClawReferenceBackoff implements BackoffPolicy {

    public static final String NAME = "openclaw-reference";
    private static final long BASE_MS = 1_000;
    private static final long CAP_MS = 30_000;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "The reference client's schedule: 1 s doubling to 30 s, no jitter; follows retry-after, ignores"
                + " restartExpectedMs.";
    }

    @Override
    public long delayMs(int attempt, RandomGenerator random) {
        return Doubling.capped(BASE_MS, CAP_MS, attempt);
    }

    @Override
    public boolean followsRestartHint() {
        return false;
    }

    @Override
    public String toString() {
        return NAME;
    }
}
