package dev.clawscope.link;

/** Where a {@link GatewayLink} stands; the journal's {@code state_changed} uses these names in lower case. */
public enum LinkState {
    IDLE, CONNECTING, HANDSHAKING, CONNECTED, BACKOFF, PAUSED, DISCONNECTED, DISPOSING, DISPOSED;

    /** The journal's spelling, e.g. {@code connected}. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
