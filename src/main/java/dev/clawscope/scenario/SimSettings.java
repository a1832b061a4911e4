package dev.clawscope.scenario;

import dev.clawscope.sim.PairingMode;
import dev.clawscope.sim.SimConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * How the embedded simulator runs for a scenario. Ignored with a real gateway.
 *
 * @param tick the gateway's tick period (the link's watchdog fires at 2 x tick)
 * @param wsPing the server's own WebSocket ping period
 * @param pairing how unknown devices are treated
 * @param startup how long after start the gateway answers {@code UNAVAILABLE}
 */
public record SimSettings(Duration tick, Duration wsPing, PairingMode pairing, Duration startup) {

    public SimSettings {
        Objects.requireNonNull(tick, "tick");
        Objects.requireNonNull(wsPing, "wsPing");
        Objects.requireNonNull(pairing, "pairing");
        Objects.requireNonNull(startup, "startup");
    }

    /** The real gateway's timing (30 s ticks, 25 s server pings), silent loopback pairing, no startup window. */
    public static SimSettings defaults() {
        return new SimSettings(Duration.ofSeconds(30), Duration.ofSeconds(25), PairingMode.AUTO, Duration.ZERO);
    }

    SimConfig toConfig(String token) {
        return SimConfig.defaults(token).withTickInterval(tick).withWsPing(wsPing, wsPing)
                .withPairing(pairing, Duration.ofMinutes(5)).withStartup(startup);
    }
}
