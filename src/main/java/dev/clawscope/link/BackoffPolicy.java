package dev.clawscope.link;

import java.util.random.RandomGenerator;

/** How long to wait before reconnect attempt number {@code attempt}; implementations are immutable. */
public interface BackoffPolicy {

    /** The name used in settings, on the command line and in the journal. */
    String name();

    /** One sentence for people choosing a policy, e.g. in the settings dialog; the name when there is none. */
    default String summary() {
        return name();
    }

    /**
     * @param attempt the attempt about to be made, starting at 1
     * @param random the source of jitter; policies without jitter ignore it
     * @return the delay in milliseconds, never negative
     */
    long delayMs(int attempt, RandomGenerator random);

    /**
     * The delay, knowing the outage so far: {@code outageMs} since the failure that began it (0 for
     * the first retry) and the delay drawn before this one ({@code 0} before the first). Policies
     * that need only the attempt number keep this default.
     */
    default long delayMs(int attempt, long outageMs, long previousDelayMs, RandomGenerator random) {
        return delayMs(attempt, random);
    }

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
