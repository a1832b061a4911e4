package dev.clawscope.sim;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Start-up settings of a {@link SimGateway}. The defaults are the real gateway's (2026.9 line):
 * 30 s ticks, a server WebSocket ping every 25 s with a 25 s pong window, a 15 s handshake
 * deadline, loopback pairing approved silently and pending pairing requests kept 5 minutes.
 *
 * @param port TCP port on 127.0.0.1, 0 for an ephemeral one
 * @param token the shared gateway token every operator must present (never logged)
 * @param startup how long the gateway answers {@code connect} with {@code UNAVAILABLE} after start
 * @param advertisedMethods what hello-ok's {@code features.methods} lists; empty: the methods the
 *        simulator serves. A longer list (the real gateway's) makes the simulator advertise methods it
 *        does not serve, which it answers with an error, so that a client is judged against the real
 *        gateway's surface.
 */
public record SimConfig(
        int port,
        String token,
        Duration tickInterval,
        Duration wsPingInterval,
        Duration pongDeadline,
        Duration handshakeTimeout,
        Duration healthInterval,
        PairingMode pairingMode,
        Duration pairingTtl,
        Duration startup,
        String serverVersion,
        List<String> advertisedMethods) {

    public SimConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("the gateway token must not be blank");
        }
        requirePositive(tickInterval, "tickInterval");
        requirePositive(wsPingInterval, "wsPingInterval");
        requirePositive(pongDeadline, "pongDeadline");
        requirePositive(handshakeTimeout, "handshakeTimeout");
        requirePositive(healthInterval, "healthInterval");
        Objects.requireNonNull(pairingMode, "pairingMode");
        requirePositive(pairingTtl, "pairingTtl");
        Objects.requireNonNull(startup, "startup");
        if (startup.isNegative()) {
            throw new IllegalArgumentException("startup must not be negative");
        }
        Objects.requireNonNull(serverVersion, "serverVersion");
        advertisedMethods = List.copyOf(Objects.requireNonNull(advertisedMethods, "advertisedMethods"));
    }

    /** Settings that advertise the methods the simulator serves. */
    public SimConfig(int port, String token, Duration tickInterval, Duration wsPingInterval, Duration pongDeadline,
            Duration handshakeTimeout, Duration healthInterval, PairingMode pairingMode, Duration pairingTtl,
            Duration startup, String serverVersion) {
        this(port, token, tickInterval, wsPingInterval, pongDeadline, handshakeTimeout, healthInterval, pairingMode,
                pairingTtl, startup, serverVersion, List.of());
    }

    /** The real gateway's defaults with the given shared token and an ephemeral port. */
    public static SimConfig defaults(String token) {
        return new SimConfig(0, token, Duration.ofSeconds(30), Duration.ofSeconds(25), Duration.ofSeconds(25),
                Duration.ofSeconds(15), Duration.ofSeconds(60), PairingMode.AUTO, Duration.ofMinutes(5),
                Duration.ZERO, "2026.9.6-sim");
    }

    public SimConfig withPort(int value) {
        return new SimConfig(value, token, tickInterval, wsPingInterval, pongDeadline, handshakeTimeout,
                healthInterval, pairingMode, pairingTtl, startup, serverVersion, advertisedMethods);
    }

    public SimConfig withTickInterval(Duration value) {
        return new SimConfig(port, token, value, wsPingInterval, pongDeadline, handshakeTimeout,
                healthInterval, pairingMode, pairingTtl, startup, serverVersion, advertisedMethods);
    }

    public SimConfig withWsPing(Duration interval, Duration deadline) {
        return new SimConfig(port, token, tickInterval, interval, deadline, handshakeTimeout,
                healthInterval, pairingMode, pairingTtl, startup, serverVersion, advertisedMethods);
    }

    public SimConfig withHandshakeTimeout(Duration value) {
        return new SimConfig(port, token, tickInterval, wsPingInterval, pongDeadline, value,
                healthInterval, pairingMode, pairingTtl, startup, serverVersion, advertisedMethods);
    }

    public SimConfig withHealthInterval(Duration value) {
        return new SimConfig(port, token, tickInterval, wsPingInterval, pongDeadline, handshakeTimeout,
                value, pairingMode, pairingTtl, startup, serverVersion, advertisedMethods);
    }

    public SimConfig withPairing(PairingMode mode, Duration ttl) {
        return new SimConfig(port, token, tickInterval, wsPingInterval, pongDeadline, handshakeTimeout,
                healthInterval, mode, ttl, startup, serverVersion, advertisedMethods);
    }

    public SimConfig withStartup(Duration value) {
        return new SimConfig(port, token, tickInterval, wsPingInterval, pongDeadline, handshakeTimeout,
                healthInterval, pairingMode, pairingTtl, value, serverVersion, advertisedMethods);
    }

    /** The same settings advertising {@code methods} in hello-ok (empty: the ones the simulator serves). */
    public SimConfig withAdvertisedMethods(List<String> methods) {
        return new SimConfig(port, token, tickInterval, wsPingInterval, pongDeadline, handshakeTimeout,
                healthInterval, pairingMode, pairingTtl, startup, serverVersion, methods);
    }

    @Override
    public String toString() {
        return "SimConfig[port=" + port + ", token=<redacted>, tick=" + tickInterval.toMillis() + "ms, wsPing="
                + wsPingInterval.toMillis() + "ms/" + pongDeadline.toMillis() + "ms, pairing=" + pairingMode + "]";
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
