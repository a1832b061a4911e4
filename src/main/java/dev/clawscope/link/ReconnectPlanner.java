package dev.clawscope.link;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Decides when, and whether, the link reconnects after a connection is lost or refused.
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

    private final BackoffPolicy policy;
    private final RandomGenerator random;
    private final long stablePeriodMs;
    private final long pairingMinDelayMs;
    private final long pairingTtlMs;

    /** Attempts made since the last reset; owner thread only. */
    private int attempt;
    /** When the current connection passed hello-ok, or {@code NOT_UP}; owner thread only. */
    private long upSinceMs = NOT_UP;
    /** Until when a failed attempt means "restart still in progress", or {@code NOT_UP}; owner thread only. */
    private long restartWindowEndMs = NOT_UP;

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
    }

    /**
     * The connection went away. Only a connection that stayed up for the stable period resets the
     * attempt count; a gateway that accepts and then drops at once must keep backing off.
     */
    public void onConnectionLost(long nowMs) {
        if (upSinceMs != NOT_UP && nowMs - upSinceMs >= stablePeriodMs) {
            attempt = 0;
        }
        upSinceMs = NOT_UP;
    }

    /** Starts over, for an explicit connect by the user. */
    public void reset() {
        attempt = 0;
        upSinceMs = NOT_UP;
        restartWindowEndMs = NOT_UP;
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
        if (cause instanceof Cause.PairingPending pairing && nowMs - pairing.firstSeenMs() > pairingTtlMs) {
            return new Decision.Pause(PAIRING_EXPIRED, PAIRING_REQUIRED);
        }
        int next = attempt == Integer.MAX_VALUE ? attempt : ++attempt;
        long backoff = policy.delayMs(next, random);
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
            // The gateway said when it will take us; backoff on top would only add idle time.
            return retry(next, Math.max(retryAfter.retryAfterMs(), 0), "retry_after");
        } else if (cause instanceof Cause.RestartExpected restart) {
            // Not before the announced time, nor before the backoff: a gateway that keeps announcing
            // restarts still gets the backoff's growing pauses.
            long wait = Math.max(restart.restartExpectedMs(), backoff);
            restartWindowEndMs = nowMs + wait + RESTART_WINDOW_MS;
            return retry(next, wait + spread(RESTART_SPREAD_MS), "restart_expected");
        } else {
            // PairingPending. Each tight retry can supersede the pending request, so approval would never catch up.
            return retry(next, Math.max(pairingMinDelayMs, backoff), "pairing_pending");
        }
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

        /** Gateway starting or draining (UNAVAILABLE, close 1013): retry exactly when told. */
        record RetryAfter(long retryAfterMs) implements Cause {
        }

        /**
         * Shutdown notice with {@code restartExpectedMs}: come back just after it or the backoff,
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

        /** Reconnect after {@code delayMs}; {@code cause} is the journal's short form of the cause. */
        record Retry(int attempt, long delayMs, String policy, String cause) implements Decision {
            public Retry {
                if (attempt < 1 || delayMs < 0) {
                    throw new IllegalArgumentException("attempt " + attempt + ", delay " + delayMs + " ms");
                }
                Objects.requireNonNull(policy, "policy");
                Objects.requireNonNull(cause, "cause");
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
