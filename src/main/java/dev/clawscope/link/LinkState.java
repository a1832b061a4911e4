package dev.clawscope.link;

/** Where a {@link GatewayLink} stands; the journal's {@code state_changed} uses these names in lower case. */
public enum LinkState {
    IDLE, CONNECTING, HANDSHAKING, CONNECTED, BACKOFF, PAUSED, DISCONNECTED, DISPOSING, DISPOSED;

    /** The journal's spelling, e.g. {@code connected}. */
    /** The state named {@code wire} in the journal, e.g. {@code backoff}. */
    public static LinkState fromWire(String wire) {
        return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
