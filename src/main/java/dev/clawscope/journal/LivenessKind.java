package dev.clawscope.journal;

/** Which liveness layer gave up on a silent peer: the {@code kind} of a {@code liveness_timeout} line. */
public enum LivenessKind implements WireWord {
    /** Our WebSocket ping got no pong within the deadline. */
    WS_PONG,
    /** No text frame (tick or other) within the watchdog's multiple of the tick interval. */
    TICK,
    /** The application probe RPC got no answer within its deadline. */
    PROBE;

    /** The journal word, so that text built from the event reads as the line does. */
    @Override
    public String toString() {
        return wire();
    }
}
