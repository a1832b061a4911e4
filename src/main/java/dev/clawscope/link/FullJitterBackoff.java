package dev.clawscope.link;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Full jitter: a uniform delay in {@code [0, min(cap, base * 2^(attempt-1))]}. Spreads clients that
 * lost the same gateway at the same moment, so they do not come back in lockstep.
 */
public record FullJitterBackoff(long baseMs, long capMs) implements BackoffPolicy {

    public static final String NAME = "full-jitter";
    public static final long DEFAULT_BASE_MS = 1_000;
    public static final long DEFAULT_CAP_MS = 30_000;

    public FullJitterBackoff {
        if (baseMs < 1 || capMs < baseMs || capMs == Long.MAX_VALUE) {
            throw new IllegalArgumentException("need 1 <= base <= cap < Long.MAX_VALUE, got base "
                    + baseMs + " ms, cap " + capMs + " ms");
        }
    }

    /** Base 1 s, cap 30 s. */
    public FullJitterBackoff() {
        this(DEFAULT_BASE_MS, DEFAULT_CAP_MS);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "A random wait up to " + baseMs + " ms, the bound doubling with each attempt to " + capMs
                + " ms; follows the gateway's restart and retry-after hints.";
    }

    /** The largest delay that attempt {@code attempt} can draw. */
    public long boundMs(int attempt) {
        return Doubling.capped(baseMs, capMs, attempt);
    }

    @Override
    public long delayMs(int attempt, RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        return random.nextLong(boundMs(attempt) + 1);
    }
}
