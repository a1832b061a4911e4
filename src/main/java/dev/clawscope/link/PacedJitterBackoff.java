package dev.clawscope.link;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Clawscope's default: quick and paced while an outage is young, steady once it is not.
 *
 * <ul>
 *   <li>The first retry waits a uniform {@code [0, firstMaxMs]} (2.8 s: a lone client is back after a
 *       blip in 1.4 s at the median, and a crowd that lost the gateway together spreads over 2.8 s).
 *   <li>Until the outage is {@code pacedForMs} old (30 s), every retry waits a uniform
 *       {@code [pacedMinMs, pacedMaxMs]} (2.2–3.2 s). Most outages are a crash and a start, which end
 *       within this window; a refused connect costs the gateway one SYN/RST, and a gateway that
 *       listens before it is ready (as the real one does) serves the attempt that is already open.
 *       A crowd of 200 makes fewer than 100 attempts in any second.
 *   <li>After that each wait draws from {@code [previous, 2 x previous]}, up to a steady draw from
 *       {@code [steadyMinMs, steadyMaxMs]} (14–22 s), so after a long outage the median client is
 *       back within about 10 s of the gateway's return and the crowd arrives spread out.
 * </ul>
 *
 * <p>Why these numbers and what they cost (more refused attempts during a long outage than the
 * reference client's doubling) is measured in {@code docs/benchmarks.md}, "Reconnect storm".
 */
public record PacedJitterBackoff(long firstMaxMs, long pacedForMs, long pacedMinMs, long pacedMaxMs,
        long steadyMinMs, long steadyMaxMs) implements BackoffPolicy {

    public static final String NAME = "paced-jitter";

    public PacedJitterBackoff {
        if (firstMaxMs < 0 || pacedForMs < 0 || pacedMinMs < 1 || pacedMaxMs < pacedMinMs
                || steadyMinMs < pacedMinMs || steadyMaxMs < steadyMinMs || steadyMaxMs > 3_600_000) {
            throw new IllegalArgumentException("need 1 <= paced min <= paced max, paced min <= steady min <= steady max"
                    + " <= 1 h: first " + firstMaxMs + ", paced " + pacedMinMs + "-" + pacedMaxMs + " for "
                    + pacedForMs + ", steady " + steadyMinMs + "-" + steadyMaxMs + " ms");
        }
    }

    /** First retry within 2.8 s, paced 2.2–3.2 s for 30 s, then growing to a steady 14–22 s. */
    public PacedJitterBackoff() {
        this(2_800, 30_000, 2_200, 3_200, 14_000, 22_000);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return String.format(Locale.ROOT, "First retry within %s s, then every %s–%s s for the first %s s of an"
                + " outage, then growing to %s–%s s; follows the gateway's restart and retry-after hints.",
                seconds(firstMaxMs), seconds(pacedMinMs), seconds(pacedMaxMs), seconds(pacedForMs),
                seconds(steadyMinMs), seconds(steadyMaxMs));
    }

    private static String seconds(long ms) {
        return ms % 1_000 == 0 ? Long.toString(ms / 1_000) : BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString();
    }

    /** The longest wait attempt {@code attempt} can draw, whatever the outage's history. */
    public long boundMs(int attempt) {
        return attempt <= 1 ? firstMaxMs : Math.max(pacedMaxMs, steadyMaxMs);
    }

    /** Without the outage's history: attempt 1 draws the first wait, later attempts the steady one. */
    @Override
    public long delayMs(int attempt, RandomGenerator random) {
        return delayMs(attempt, attempt <= 1 ? 0 : Long.MAX_VALUE, steadyMaxMs, random);
    }

    @Override
    public long delayMs(int attempt, long outageMs, long previousDelayMs, RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts start at 1, got " + attempt);
        }
        if (attempt == 1) {
            return uniform(0, firstMaxMs, random);
        }
        if (outageMs < pacedForMs) {
            return uniform(pacedMinMs, pacedMaxMs, random);
        }
        long steady = uniform(steadyMinMs, steadyMaxMs, random);
        long from = Math.max(pacedMinMs, Math.min(previousDelayMs, steadyMaxMs));
        return Math.min(steady, uniform(from, 2 * from, random));
    }

    private static long uniform(long min, long max, RandomGenerator random) {
        return min + random.nextLong(max - min + 1);
    }
}
