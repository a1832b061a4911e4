package dev.clawscope.scenario;

import dev.clawscope.link.LinkConfig;
import dev.clawscope.protocol.Secret;
import java.time.Duration;
import java.util.Objects;

/**
 * How the scenario's link is tuned. Built-in scenarios shorten the liveness and retry periods so a
 * fault plays out in seconds; the journal records the values in force ({@code deadline_ms}, {@code delay_ms}).
 *
 * @param wsPing our own WebSocket ping period; zero turns it off
 * @param pongDeadline how long a pong may take at least (the link derives a longer one from slow round trips)
 * @param tickWatchdog the watchdog multiplier of {@code tickIntervalMs}; zero turns it off
 * @param backoff the backoff policy name
 * @param stablePeriod how long a connection must stay up before the backoff resets
 * @param pairingRetryMin the slowest a pending pairing is retried (DESIGN: 15 s)
 * @param probe the health probe period; zero turns the probe off
 * @param token a token to present instead of the gateway's, or null (e.g. a wrong one on purpose)
 */
public record LinkSettings(Duration wsPing, Duration pongDeadline, int tickWatchdog, String backoff,
                           Duration stablePeriod, Duration pairingRetryMin, Duration probe, String token) {

    public LinkSettings {
        Objects.requireNonNull(wsPing, "wsPing");
        Objects.requireNonNull(pongDeadline, "pongDeadline");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(stablePeriod, "stablePeriod");
        Objects.requireNonNull(pairingRetryMin, "pairingRetryMin");
        Objects.requireNonNull(probe, "probe");
    }

    /** The link's defaults (ping every 5 s, pong deadline at least 5 s), with the probe off. */
    public static LinkSettings defaults() {
        return new LinkSettings(Duration.ofSeconds(5), Duration.ofSeconds(5), 2, "paced-jitter",
                Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ZERO, null);
    }

    /** {@code base} with these settings applied; the token is the caller's concern. */
    LinkConfig apply(LinkConfig base) {
        LinkConfig c = base.withWsPing(wsPing, pongDeadline).withTickWatchdog(tickWatchdog).withBackoff(backoff)
                .withProbe(probe.isZero() ? null : "health", probe);
        return new LinkConfig(c.address(), token == null ? c.sharedToken() : Secret.of(token), c.client(), c.scopes(),
                c.signDevice(), c.challengeTimeout(), c.helloTimeout(), c.wsPingInterval(), c.pongDeadline(),
                c.tickWatchdogMultiplier(), c.probeMethod(), c.probeInterval(), c.backoffPolicy(), stablePeriod,
                pairingRetryMin, c.pairingTtl(), c.clockJumpThreshold());
    }

    @Override
    public String toString() {
        return "LinkSettings[ping=" + wsPing.toMillis() + "ms/" + pongDeadline.toMillis() + "ms, watchdog=" + tickWatchdog
                + "x, backoff=" + backoff + ", stable=" + stablePeriod.toMillis() + "ms, pairingRetryMin="
                + pairingRetryMin.toMillis() + "ms, probe=" + probe.toMillis() + "ms, credentials="
                + (token == null ? "the gateway's" : "overridden") + "]";
    }
}
