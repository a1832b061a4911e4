package dev.clawscope.link;

import java.util.random.RandomGenerator;

/** How long to wait before reconnect attempt number {@code attempt}; implementations are immutable. */
public interface BackoffPolicy {

    /** The name used in settings, on the command line and in the journal. */
    String name();

    /**
     * @param attempt the attempt about to be made, starting at 1
     * @param random the source of jitter; policies without jitter ignore it
     * @return the delay in milliseconds, never negative
     */
    long delayMs(int attempt, RandomGenerator random);

    /**
     * Whether a {@code shutdown} notice's {@code restartExpectedMs} sets the first wait. Clawscope
     * follows it; the presets that emulate other clients do what those clients do.
     */
    default boolean followsRestartHint() {
        return true;
    }

    /** Whether a {@code retryAfterMs} (gateway starting, close 1013) sets the next wait. */
    default boolean followsRetryAfter() {
        return true;
    }
}
