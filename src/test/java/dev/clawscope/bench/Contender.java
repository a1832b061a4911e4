package dev.clawscope.bench;

import dev.clawscope.link.GatewayAddress;
import dev.clawscope.link.LinkConfig;
import dev.clawscope.protocol.ClientId;
import dev.clawscope.protocol.ClientInfo;
import dev.clawscope.protocol.ClientMode;
import dev.clawscope.protocol.Secret;
import java.time.Duration;
import java.util.List;

/** The three clients the benchmarks compare. */
enum Contender {
    /** Clawscope's {@code GatewayLink} with its default settings. */
    CLAWSCOPE("Clawscope link (defaults)"),
    /** The official reference client, {@code @openclaw/gateway-client}, as shipped, run by Node. */
    REFERENCE("reference client (Node)"),
    /**
     * The Windows tray's policy, emulated on Clawscope's link: .NET {@code ClientWebSocket}
     * keep-alive pings every 30 s whose answers nobody checks, no tick watchdog, no probe, and its
     * backoff table 1, 2, 4, 8, 15, 30, 60 s with 0–25 % added jitter.
     */
    WINDOWS_TRAY("Windows tray policy (emulated)");

    final String label;

    Contender(String label) {
        this.label = label;
    }

    boolean java() {
        return this != REFERENCE;
    }

    /** The link configuration of a Java contender; token-only, as the reference client runs here. */
    LinkConfig config(GatewayAddress address, Secret token) {
        LinkConfig defaults = LinkConfig.defaults(address, token,
                ClientInfo.of(ClientId.CLI, ClientMode.CLI, "bench", "linux"), List.of("operator.read"))
                .withSignDevice(false);
        return switch (this) {
            case CLAWSCOPE -> defaults;
            // A pong deadline no run reaches: the keep-alive's answer is never checked.
            case WINDOWS_TRAY -> defaults.withWsPing(Duration.ofSeconds(30), Duration.ofDays(365)).withTickWatchdog(0)
                    .withProbe(null, Duration.ZERO).withBackoff("windows-tray");
            case REFERENCE -> throw new IllegalStateException("the reference client runs in Node");
        };
    }
}
