package dev.clawscope.timeline;

/**
 * How a mark is drawn on its lane: a vertical stroke (or, for a lasting mark, a bar) from {@code
 * top} to {@code bottom}, as fractions of the lane's height, {@code width} pixels wide. Proof and
 * live timeline draw every mark with these, so the two look alike at any lane height.
 */
public record MarkShape(double top, double bottom, double width) {

    private static final MarkShape FULL = new MarkShape(2 / 30.0, 28 / 30.0, 2.5);

    private static final MarkShape[] BY_KIND = new MarkShape[Kind.values().length];

    static {
        for (Kind kind : Kind.values()) {
            BY_KIND[kind.ordinal()] = shape(kind);
        }
    }

    /** The shape of {@code kind}; the same instance every time, so a repaint allocates none. */
    public static MarkShape of(Kind kind) {
        return BY_KIND[kind.ordinal()];
    }

    private static MarkShape shape(Kind kind) {
        return switch (kind) {
            case STATE -> new MarkShape(0.1, 0.9, 0);
            case PING, PROBE_SENT, SERVER_PING -> new MarkShape(19 / 30.0, 26 / 30.0, 1);
            case PONG -> new MarkShape(5 / 30.0, 19 / 30.0, 2);
            case TICK -> new MarkShape(9 / 30.0, 21 / 30.0, 1.2);
            case PROBE -> new MarkShape(4 / 30.0, 14 / 30.0, 2);
            case PROBE_FAILED -> new MarkShape(4 / 30.0, 26 / 30.0, 4);
            case BACKOFF -> new MarkShape(8 / 30.0, 22 / 30.0, 0);
            case ATTEMPT, HANDSHAKE -> new MarkShape(3 / 30.0, 27 / 30.0, 1.2);
            case HELLO -> new MarkShape(6 / 30.0, 24 / 30.0, 2);
            case PAUSED -> FULL;
            case FAULT, TIMEOUT -> new MarkShape(2 / 52.0, 50 / 52.0, 2.5);
            case SHUTDOWN, CLOSED, HANDSHAKE_FAILED, ERROR, SEQ_GAP, HINT_CLAMPED -> new MarkShape(2 / 52.0, 50 / 52.0, 1.2);
            case DISCONNECT, DISPOSE_BEGIN -> new MarkShape(3 / 30.0, 27 / 30.0, 2);
            case DISPOSE_END -> new MarkShape(8 / 30.0, 22 / 30.0, 2);
            // an observed client: what it sends low on a lane, what the server sends high
            case PEER_CONNECT -> new MarkShape(3 / 30.0, 27 / 30.0, 1.2);
            case PEER_RECONNECT -> new MarkShape(8 / 30.0, 22 / 30.0, 1.5); // a bar in the proof; a stroke at its connect elsewhere
            case PEER_GONE -> new MarkShape(3 / 30.0, 27 / 30.0, 1);
            case PEER_PING_CLIENT -> new MarkShape(19 / 30.0, 26 / 30.0, 1);
            case PEER_PONG_CLIENT -> new MarkShape(19 / 30.0, 26 / 30.0, 2);
            case PEER_PONG_SERVER, PEER_PONG_DROPPED -> new MarkShape(5 / 30.0, 19 / 30.0, 2);
            case PEER_PING_SERVER -> new MarkShape(4 / 30.0, 11 / 30.0, 1);
            case PEER_REQUEST -> new MarkShape(17 / 30.0, 26 / 30.0, 1);
            case PEER_RESPONSE -> new MarkShape(4 / 30.0, 15 / 30.0, 1.5);
            case PEER_RESPONSE_FAILED -> new MarkShape(4 / 30.0, 26 / 30.0, 3);
            case PEER_EVENT -> new MarkShape(9 / 30.0, 21 / 30.0, 1);
            case PEER_NOTICED -> new MarkShape(2 / 52.0, 50 / 52.0, 2.5);
            case PEER_CLOSE, PEER_DROPPED, PEER_UPGRADE_FAILED, PEER_PROBLEM, PEER_SKIPPED ->
                    new MarkShape(2 / 52.0, 50 / 52.0, 1.2);
        };
    }
}
