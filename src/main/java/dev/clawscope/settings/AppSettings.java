package dev.clawscope.settings;

import dev.clawscope.link.BackoffPolicies;
import dev.clawscope.link.GatewayAddress;
import dev.clawscope.observe.ObserveRoute;
import java.util.Objects;

/**
 * What the window remembers between runs. Never a token: those live in a {@link TokenVault}.
 *
 * @param gatewayUrl the gateway to connect to; empty means the local OpenClaw config, else the demo
 * @param clientName the display name the gateway shows for this client
 * @param wsPingMs our WebSocket ping period (default 5 s), 0 for none
 * @param pongDeadlineMs the shortest pong deadline (default 5 s); it grows with the measured round trips
 * @param theme {@code light} or {@code dark}
 * @param observe whether the window observes another client instead of keeping its own link
 * @param observeListen where the observer listens for that client, a loopback {@code HOST:PORT}
 * @param observeTarget where it relays the client: {@code sim} or a gateway's {@code ws://HOST:PORT}
 */
public record AppSettings(
        String gatewayUrl,
        boolean allowInsecure,
        String clientName,
        String backoff,
        long wsPingMs,
        long pongDeadlineMs,
        long probeIntervalMs,
        boolean faultInjection,
        boolean redactIps,
        boolean redactHosts,
        String theme,
        boolean observe,
        String observeListen,
        String observeTarget) {

    /** Where the observer listens unless told otherwise: the port after the gateway's default. */
    public static final String OBSERVE_LISTEN = "127.0.0.1:18790";

    public AppSettings {
        gatewayUrl = gatewayUrl == null ? "" : gatewayUrl.strip();
        clientName = clientName == null || clientName.isBlank() ? "Clawscope inspector" : clientName.strip();
        Objects.requireNonNull(backoff, "backoff");
        theme = "dark".equals(theme) ? "dark" : "light";
        observeListen = observeListen == null || observeListen.isBlank() ? OBSERVE_LISTEN : observeListen.strip();
        observeTarget = observeTarget == null || observeTarget.isBlank() ? ObserveRoute.SIM : observeTarget.strip();
    }

    public static AppSettings defaults() {
        return new AppSettings("", false, "Clawscope inspector", "paced-jitter", 5_000, 5_000, 60_000, false, false,
                false, "light", false, OBSERVE_LISTEN, ObserveRoute.SIM);
    }

    /** Where the window observes another client when {@link #observe()} is on. */
    public ObserveRoute observeRoute() {
        return ObserveRoute.of(observeListen, observeTarget, allowInsecure);
    }

    /**
     * What is wrong with these settings, in words for the settings dialog, or null when nothing is.
     */
    public String problem() {
        if (!gatewayUrl.isEmpty()) {
            try {
                GatewayAddress.parse(gatewayUrl, allowInsecure);
            } catch (IllegalArgumentException e) {
                return "Gateway URL: " + e.getMessage();
            }
        }
        if (BackoffPolicies.byName(backoff).isEmpty()) {
            return "Backoff: unknown preset \"" + backoff + "\"; known: " + String.join(", ", BackoffPolicies.names());
        }
        if (wsPingMs < 0 || wsPingMs > 600_000) {
            return "WebSocket ping interval must be between 0 (off) and 600000 ms";
        }
        if (pongDeadlineMs < 100 || pongDeadlineMs > 600_000) {
            return "Pong deadline must be between 100 and 600000 ms";
        }
        if (probeIntervalMs < 0 || probeIntervalMs > 3_600_000) {
            return "Probe interval must be between 0 (off) and 3600000 ms";
        }
        try {
            observeRoute();
        } catch (IllegalArgumentException e) {
            return "Observe: " + e.getMessage();
        }
        return null;
    }
}
