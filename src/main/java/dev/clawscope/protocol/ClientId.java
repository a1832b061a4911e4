package dev.clawscope.protocol;

import java.util.Optional;

/** {@code client.id}: a closed enum in the gateway schema; any other value fails the handshake. */
public enum ClientId {
    WEBCHAT_UI("webchat-ui"),
    OPENCLAW_CONTROL_UI("openclaw-control-ui"),
    OPENCLAW_BROWSER_COPILOT("openclaw-browser-copilot"),
    OPENCLAW_TUI("openclaw-tui"),
    WEBCHAT("webchat"),
    CLI("cli"),
    GATEWAY_CLIENT("gateway-client"),
    OPENCLAW_MACOS("openclaw-macos"),
    OPENCLAW_LINUX("openclaw-linux"),
    OPENCLAW_IOS("openclaw-ios"),
    OPENCLAW_WATCHOS("openclaw-watchos"),
    OPENCLAW_ANDROID("openclaw-android"),
    NODE_HOST("node-host"),
    OPENCLAW_WORKER("openclaw-worker"),
    TEST("test"),
    FINGERPRINT("fingerprint"),
    OPENCLAW_PROBE("openclaw-probe");

    private final String wire;

    ClientId(String wire) {
        this.wire = wire;
    }

    /** The exact string sent on the wire. */
    public String wire() {
        return wire;
    }

    public static Optional<ClientId> fromWire(String value) {
        return WireValues.find(ClientId.class, ClientId::wire, value);
    }

    /** For user input: throws an IllegalArgumentException that lists the accepted values. */
    public static ClientId parse(String value) {
        return WireValues.require(ClientId.class, ClientId::wire, value, "client id");
    }

    /** Comma-separated list of every accepted wire value. */
    public static String allowedValues() {
        return WireValues.list(ClientId.class, ClientId::wire);
    }

    @Override
    public String toString() {
        return wire;
    }
}
