package dev.clawscope.link;

import dev.clawscope.journal.LinkEvent;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Decides when, and whether, the link reconnects after a connection is lost or refused.
 *
 * <p>The gateway's hints are followed within limits, so that no number it sends can make the link
 * hammer it or wait for years:
 *
 * <ul>
 *   <li>{@code retryAfterMs} is held to [250 ms, 5 min]. The k-th retry-after answer in a row
 *       (k from 1; a hello-ok, a reset or any other cause ends the row) waits {@code max(hint,
 *       floor(k))}, where the floor is 250 ms for the first 12 answers (a starting gateway answers
 *       "in 500 ms" for several seconds, and following it exactly is what brings the link back
 *       within half a second of readiness) and then grows by half with each answer, to 30 s: a
 *       gateway that keeps saying "in 1 ms" gets twelve retries at 250 ms, then 375, 562, 843,
 *       1265 ms and so on.
 *   <li>{@code restartExpectedMs} is held to [0, 10 min].
 *   <li>A hint outside its range is replaced by the nearer end, and the {@link Decision.Retry}
 *       carries the {@code hint_clamped} line to journal. Sums with the clock saturate.
 * </ul>
 *
 * <p>Not thread-safe: confined to the link's owner thread like the rest of the link's state. Time
 * is passed in as {@code nowMs} (any monotonic milliseconds) so that decisions replay exactly.
 */
public final class ReconnectPlanner {

    public static final long DEFAULT_STABLE_PERIOD_MS = 10_000;
    public static final long DEFAULT_PAIRING_MIN_DELAY_MS = 15_000;
    public static final long DEFAULT_PAIRING_TTL_MS = 300_000;

    /** Pause reason once a pairing request has outlived its TTL. */
    static final String PAIRING_EXPIRED = "pairing_expired";
    static final String PAIRING_REQUIRED = "PAIRING_REQUIRED";
    private static final long NOT_UP = Long.MIN_VALUE;
    /**
     * How long after the announced restart time a refused attempt still counts as "the gateway is
     * about to be back": a real gateway often needs a few times its {@code restartExpectedMs}.
     */
    public static final long RESTART_WINDOW_MS = 30_000;
    /** Spread of the first attempt after an announced restart, so a crowd of clients does not arrive at once. */
    public static final long RESTART_SPREAD_MS = 250;
    /** Within the restart window, retries come every 200 to 700 ms: back well within a second of readiness. */
    public static final long RESTART_RETRY_MIN_MS = 200;
    public static final long RESTART_RETRY_SPREAD_MS = 500;
    /** What a {@code retryAfterMs} may ask for: at least a quarter second, at most five minutes. */
    static final HintRange RETRY_AFTER = new HintRange("retry_after_ms", 250, 300_000);
    /** How far off an announced restart may lie: from now to ten minutes. */
    static final HintRange RESTART_EXPECTED = new HintRange("restart_expected_ms", 0, 600_000);
    /** The floor under the first retry-after answer of a row; each further answer raises it by half. */
    private static final long RETRY_AFTER_FLOOR_MS = 250;
    /** Retry-after answers in a row that are followed at the plain floor before it starts to grow. */
    static final int RETRY_AFTER_GRACE = 12;
    private static final double RETRY_AFTER_GROWTH = 1.5;
    private static final long RETRY_AFTER_FLOOR_CAP_MS = 30_000;

    private final BackoffPolicy policy;
    private final RandomGenerator random;
    private final long stablePeriodMs;
    private final long pairingMinDelayMs;
    private final long pairingTtlMs;

    /** Attempts made since the last reset; owner thread only. */
    private int attempt;
    /** When the first failure since the last reset happened; owner thread only. */
    private long outageSinceMs;
    /** The policy's previous draw since the last reset, 0 before the first; owner thread only. */
    private long previousDelayMs;
    /** When the current connection passed hello-ok, or {@code NOT_UP}; owner thread only. */
    private long upSinceMs = NOT_UP;
    /** Until when a failed attempt means "restart still in progress", or {@code NOT_UP}; owner thread only. */
    private long restartWindowEndMs = NOT_UP;
    /** Retry-after answers in a row, ended by any other cause, a hello-ok or a reset; owner thread only. */
    private int retryAfterRow;

    /** With the default stable period (10 s), pairing retry floor (15 s) and pairing TTL (5 min). */
    public ReconnectPlanner(BackoffPolicy policy, RandomGenerator random) {
        this(policy, random, DEFAULT_STABLE_PERIOD_MS, DEFAULT_PAIRING_MIN_DELAY_MS, DEFAULT_PAIRING_TTL_MS);
    }

    public ReconnectPlanner(BackoffPolicy policy, RandomGenerator random,
            long stablePeriodMs, long pairingMinDelayMs, long pairingTtlMs) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.random = Objects.requireNonNull(random, "random");
        if (stablePeriodMs < 0 || pairingMinDelayMs < 0 || pairingTtlMs < 0) {
            throw new IllegalArgumentException("periods cannot be negative: stable " + stablePeriodMs
                    + " ms, pairing delay " + pairingMinDelayMs + " ms, pairing TTL " + pairingTtlMs + " ms");
        }
        this.stablePeriodMs = stablePeriodMs;
        this.pairingMinDelayMs = pairingMinDelayMs;
        this.pairingTtlMs = pairingTtlMs;
    }

    public BackoffPolicy policy() {
        return policy;
    }

    /** Attempts counted since the last reset; the next retry is this plus one. */
    public int attempts() {
        return attempt;
    }

    /** The handshake completed: the connection counts as up from {@code nowMs}. */
    public void onHelloOk(long nowMs) {
        upSinceMs = nowMs;
        restartWindowEndMs = NOT_UP;
        retryAfterRow = 0;
    }

    /**
     * The connection went away. Only a connection that stayed up for the stable period resets the
     * attempt count; a gateway that accepts and then drops at once must keep backing off.
     */
    public void onConnectionLost(long nowMs) {
        if (upSinceMs != NOT_UP && nowMs - upSinceMs >= stablePeriodMs) {
            attempt = 0;
            previousDelayMs = 0;
        }
        upSinceMs = NOT_UP;
    }

    /** Starts over, for an explicit connect by the user. */
    public void reset() {
        attempt = 0;
        previousDelayMs = 0;
        upSinceMs = NOT_UP;
        restartWindowEndMs = NOT_UP;
        retryAfterRow = 0;
    }

    /** The next step after a failure; a connection still counted as up is taken as lost at {@code nowMs}. */
    public Decision next(Cause cause, long nowMs) {
        Objects.requireNonNull(cause, "cause");
        if (upSinceMs != NOT_UP) {
            onConnectionLost(nowMs);
        }
        if (cause instanceof Cause.Terminal terminal) {
            return new Decision.Pause(terminal.reason(), terminal.detailCode());
        }
        if (cause instanceof Cause.PairingPending pairing
                && Saturating.subtract(nowMs, pairing.firstSeenMs()) > pairingTtlMs) {
            return new Decision.Pause(PAIRING_EXPIRED, PAIRING_REQUIRED);
        }
        if (attempt == 0) {
            outageSinceMs = nowMs;
        }
        int next = attempt == Integer.MAX_VALUE ? attempt : ++attempt;
        long backoff = policy.delayMs(next, Math.max(0, Saturating.subtract(nowMs, outageSinceMs)), previousDelayMs,
                random);
        previousDelayMs = backoff;
        if (!(cause instanceof Cause.RetryAfter)) {
            retryAfterRow = 0;
        } else if (retryAfterRow < Integer.MAX_VALUE) {
            retryAfterRow++;
        }
        if (cause instanceof Cause.Transient failure && nowMs < restartWindowEndMs) {
            // The gateway announced a restart and is not back yet: it will be soon, and a refused
            // connect costs it nothing, so keep close behind instead of backing off.
            return retry(next, RESTART_RETRY_MIN_MS + spread(RESTART_RETRY_SPREAD_MS),
                    "restart_pending:" + failure.reason());
        } else if (cause instanceof Cause.Transient failure) {
            return retry(next, backoff, "transient:" + failure.reason());
        } else if (cause instanceof Cause.RetryAfter && !policy.followsRetryAfter()) {
            return retry(next, backoff, "transient:retry_after_ignored");
        } else if (cause instanceof Cause.RestartExpected && !policy.followsRestartHint()) {
            return retry(next, backoff, "transient:restart_expected_ignored");
        } else if (cause instanceof Cause.RetryAfter retryAfter) {
            // The gateway said when it will take us; backoff on top would only add idle time. Only
            // a gateway that keeps saying "later" meets a growing floor.
            long hint = retryAfter.retryAfterMs();
            return new Decision.Retry(next, Math.max(RETRY_AFTER.clamp(hint), retryAfterFloorMs(retryAfterRow)),
                    policy.name(), "retry_after", RETRY_AFTER.clamped(hint));
        } else if (cause instanceof Cause.RestartExpected restart) {
            // Not before the announced time, nor before the backoff: a gateway that keeps announcing
            // restarts still gets the backoff's growing pauses.
            long hint = restart.restartExpectedMs();
            long wait = Math.max(RESTART_EXPECTED.clamp(hint), backoff);
            restartWindowEndMs = Saturating.add(Saturating.add(nowMs, wait), RESTART_WINDOW_MS);
            return new Decision.Retry(next, Saturating.add(wait, spread(RESTART_SPREAD_MS)), policy.name(),
                    "restart_expected", RESTART_EXPECTED.clamped(hint));
        } else {
            // PairingPending. Each tight retry can supersede the pending request, so approval would never catch up.
            return retry(next, Math.max(pairingMinDelayMs, backoff), "pairing_pending");
        }
    }

    /**
     * The least wait for the {@code row}-th retry-after answer in a row: 250 ms for the first
     * {@value #RETRY_AFTER_GRACE}, then 250 ms x 1.5^(row-1-{@value #RETRY_AFTER_GRACE}), at most 30 s.
     */
    public static long retryAfterFloorMs(int row) {
        double floor = RETRY_AFTER_FLOOR_MS * Math.pow(RETRY_AFTER_GROWTH, Math.max(0, row - 1 - RETRY_AFTER_GRACE));
        return Math.min(RETRY_AFTER_FLOOR_CAP_MS, (long) floor);
    }

    /** A uniform draw from {@code [0, maxMs]}. */
    private long spread(long maxMs) {
        return Math.min(maxMs, (long) (random.nextDouble() * (maxMs + 1)));
    }

    private Decision retry(int attemptNumber, long delayMs, String cause) {
        return new Decision.Retry(attemptNumber, delayMs, policy.name(), cause);
    }

    /** Why the link needs a new connection. */
    public sealed interface Cause {

        /** Socket loss, timeout, server error: plain backoff. */
        record Transient(String reason) implements Cause {
            public Transient {
                Objects.requireNonNull(reason, "reason");
            }
        }

        /**
         * Gateway starting or draining (UNAVAILABLE, close 1013): retry when told, within [250 ms,
         * 5 min], and no sooner than the growing floor of a row of such answers (see the class doc).
         */
        record RetryAfter(long retryAfterMs) implements Cause {
        }

        /**
         * Shutdown notice with {@code restartExpectedMs} (held to [0, 10 min]): come back just after it or the backoff,
         * whichever is later (plus up to 250 ms, so a crowd spreads out), and while the gateway is not
         * back yet, for 30 s after that, retry every 200 to 700 ms.
         */
        record RestartExpected(long restartExpectedMs) implements Cause {
        }

        /** The device waits for approval; {@code requestId} may be null when the gateway gave none. */
        record PairingPending(String requestId, long firstSeenMs) implements Cause {
        }

        /** Auth, protocol or device error that retrying cannot fix; {@code detailCode} may be null. */
        record Terminal(String reason, String detailCode) implements Cause {
            public Terminal {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }

    /** What the link does next. */
    public sealed interface Decision {

        /**
         * Reconnect after {@code delayMs}; {@code cause} is the journal's short form of the cause.
         * {@code clamped} is the {@code hint_clamped} line to journal when the gateway's hint was out
         * of range, else null.
         */
        record Retry(int attempt, long delayMs, String policy, String cause, LinkEvent.HintClamped clamped)
                implements Decision {
            public Retry {
                if (attempt < 1 || delayMs < 0) {
                    throw new IllegalArgumentException("attempt " + attempt + ", delay " + delayMs + " ms");
                }
                Objects.requireNonNull(policy, "policy");
                Objects.requireNonNull(cause, "cause");
            }

            /** A retry that followed no hint, or a hint in range. */
            public Retry(int attempt, long delayMs, String policy, String cause) {
                this(attempt, delayMs, policy, cause, null);
            }
        }

        /** Stop reconnecting until the user acts; {@code detailCode} may be null. */
        record Pause(String reason, String detailCode) implements Decision {
            public Pause {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }
}
