package dev.clawscope.tray;

import dev.clawscope.link.LinkState;

/** The tray icon's badge: what an operator needs to see at a glance. */
public enum TrayStatus {
    /** Connected. */
    GREEN("connected"),
    /** Connecting, waiting to retry, or a pairing request waits for approval. */
    AMBER("connecting"),
    /** Paused (auth, pairing, protocol) or failing: the link will not recover by itself. */
    RED("needs attention"),
    /** Disconnected on purpose, or not started. */
    GREY("disconnected");

    private final String words;

    TrayStatus(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    /**
     * @param pairingPending this device's own pairing request waits for approval
     * @param failing reconnects keep failing (several attempts without a hello-ok)
     */
    public static TrayStatus of(LinkState state, boolean pairingPending, boolean failing) {
        if (pairingPending && state != LinkState.PAUSED) {
            return AMBER;
        }
        return switch (state) {
            case CONNECTED -> GREEN;
            case CONNECTING, HANDSHAKING, BACKOFF -> failing ? RED : AMBER;
            case PAUSED -> RED;
            case IDLE, DISCONNECTED, DISPOSING, DISPOSED -> GREY;
        };
    }
}
