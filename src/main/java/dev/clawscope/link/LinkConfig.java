package dev.clawscope.link;

import dev.clawscope.protocol.ClientInfo;
import dev.clawscope.protocol.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link GatewayLink} connects to and how it watches the connection. Defaults: own
 * WebSocket ping every 5 s whose pong is due within 3 x the largest of the last 16 round trips,
 * at least 5 s and at most 30 s (a dead peer is noticed 5 to 10 s after it stopped answering on
 * a quick link), tick watchdog at 2 x {@code policy.tickIntervalMs}, {@code health} as the probe
 * (only when advertised and allowed) every 60 s, paced-jitter backoff reset after 10 s of stable
 * connection.
 *
 * @param sharedToken the gateway token, or null to rely on a stored device token
 * @param wsPingInterval our own WebSocket ping period; zero disables our pings
 * @param pongDeadline the shortest time a pong may take: the floor of the deadline derived from the
 *     measured round trips, which is capped at 30 s unless this floor is longer
 * @param probeMethod the liveness RPC, or null for none
 * @param probeInterval how often the probe runs; zero disables it
 * @param signDevice whether to send an Ed25519 device proof
 */
public record LinkConfig(
        GatewayAddress address,
        Secret sharedToken,
        ClientInfo client,
        List<String> scopes,
        boolean signDevice,
        Duration challengeTimeout,
        Duration helloTimeout,
        Duration wsPingInterval,
        Duration pongDeadline,
        int tickWatchdogMultiplier,
        String probeMethod,
        Duration probeInterval,
        String backoffPolicy,
        Duration stablePeriod,
        Duration pairingRetryMin,
        Duration pairingTtl,
        Duration clockJumpThreshold) {

    public LinkConfig {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(client, "client");
        scopes = List.copyOf(scopes);
        requireNonNegative(challengeTimeout, "challengeTimeout");
        requireNonNegative(helloTimeout, "helloTimeout");
        requireNonNegative(wsPingInterval, "wsPingInterval");
        requireNonNegative(pongDeadline, "pongDeadline");
        if (tickWatchdogMultiplier < 0) {
            throw new IllegalArgumentException("tickWatchdogMultiplier must be >= 0 (0 disables the watchdog)");
        }
        requireNonNegative(probeInterval, "probeInterval");
        if ("ping".equals(probeMethod)) {
            throw new IllegalArgumentException("gateways have no ping method; use health or leave the probe off");
        }
        BackoffPolicies.require(Objects.requireNonNull(backoffPolicy, "backoffPolicy"));
        requireNonNegative(stablePeriod, "stablePeriod");
        requireNonNegative(pairingRetryMin, "pairingRetryMin");
        requireNonNegative(pairingTtl, "pairingTtl");
        requireNonNegative(clockJumpThreshold, "clockJumpThreshold");
    }

    /** The defaults for an operator link. */
    public static LinkConfig defaults(GatewayAddress address, Secret sharedToken, ClientInfo client,
                                      List<String> scopes) {
        return new LinkConfig(address, sharedToken, client, scopes, true, Duration.ofSeconds(15),
                Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(5), 2, "health",
                Duration.ofSeconds(60), "paced-jitter", Duration.ofSeconds(10), Duration.ofSeconds(15),
                Duration.ofMinutes(5), Duration.ofSeconds(5));
    }

    public LinkConfig withWsPing(Duration interval, Duration deadline) {
        return new LinkConfig(address, sharedToken, client, scopes, signDevice, challengeTimeout, helloTimeout,
                interval, deadline, tickWatchdogMultiplier, probeMethod, probeInterval, backoffPolicy, stablePeriod,
                pairingRetryMin, pairingTtl, clockJumpThreshold);
    }

    public LinkConfig withProbe(String method, Duration interval) {
        return new LinkConfig(address, sharedToken, client, scopes, signDevice, challengeTimeout, helloTimeout,
                wsPingInterval, pongDeadline, tickWatchdogMultiplier, method, interval, backoffPolicy, stablePeriod,
                pairingRetryMin, pairingTtl, clockJumpThreshold);
    }

    public LinkConfig withBackoff(String policy) {
        return new LinkConfig(address, sharedToken, client, scopes, signDevice, challengeTimeout, helloTimeout,
                wsPingInterval, pongDeadline, tickWatchdogMultiplier, probeMethod, probeInterval, policy, stablePeriod,
                pairingRetryMin, pairingTtl, clockJumpThreshold);
    }

    public LinkConfig withSignDevice(boolean value) {
        return new LinkConfig(address, sharedToken, client, scopes, value, challengeTimeout, helloTimeout,
                wsPingInterval, pongDeadline, tickWatchdogMultiplier, probeMethod, probeInterval, backoffPolicy,
                stablePeriod, pairingRetryMin, pairingTtl, clockJumpThreshold);
    }

    public LinkConfig withTickWatchdog(int multiplier) {
        return new LinkConfig(address, sharedToken, client, scopes, signDevice, challengeTimeout, helloTimeout,
                wsPingInterval, pongDeadline, multiplier, probeMethod, probeInterval, backoffPolicy, stablePeriod,
                pairingRetryMin, pairingTtl, clockJumpThreshold);
    }

    @Override
    public String toString() {
        return "LinkConfig[" + address.display() + ", client=" + client.id().wire() + "/" + client.mode().wire()
                + ", scopes=" + scopes + ", token=" + (sharedToken == null ? "none" : "<redacted>")
                + ", backoff=" + backoffPolicy + "]";
    }

    private static void requireNonNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
    }
}
