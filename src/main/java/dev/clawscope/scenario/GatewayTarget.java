package dev.clawscope.scenario;

import dev.clawscope.link.GatewayAddress;
import dev.clawscope.protocol.Secret;
import java.util.Objects;

/** Where a scenario runs: an embedded simulator started for it, or a real gateway behind the fault proxy. */
public sealed interface GatewayTarget {

    static GatewayTarget simulator() {
        return new Simulated();
    }

    /** A real gateway at {@code address} ({@code ws://} only: the proxy in front cannot present its certificate). */
    static GatewayTarget remote(GatewayAddress address, Secret token) {
        return new Remote(address, token);
    }

    record Simulated() implements GatewayTarget {
    }

    /** @param token the gateway token, or null to connect without one */
    record Remote(GatewayAddress address, Secret token) implements GatewayTarget {
        public Remote {
            Objects.requireNonNull(address, "address");
            if (address.secure()) {
                throw new IllegalArgumentException("scenarios put a plain TCP fault proxy in front of the gateway, "
                        + "so they need a ws:// URL (e.g. a gateway on this machine or through an SSH tunnel)");
            }
        }
    }
}
