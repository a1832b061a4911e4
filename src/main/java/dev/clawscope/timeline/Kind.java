package dev.clawscope.timeline;

/**
 * What a journal entry is on the timeline: its lane, its colour token and its legend label. A kind
 * that is not {@link #drawn()} is classified but left off the drawing, since a neighbour already
 * shows it (a probe is drawn by its answer, the handshake steps by the attempt and {@code hello_ok}).
 */
public enum Kind {
    /** A {@code state_changed}: a span on the state lane, coloured by {@link EventKinds#tone(dev.clawscope.link.LinkState)}. */
    STATE(Lane.STATE, Tone.IDLE, "link state", true),
    PONG(Lane.HEARTBEAT, Tone.PONG, "ws pong", true),
    TICK(Lane.HEARTBEAT, Tone.TICK, "tick frame", true),
    PROBE(Lane.HEARTBEAT, Tone.PROBE, "probe ok", true),
    PING(Lane.HEARTBEAT, Tone.PING, "ws ping sent", true),
    PROBE_FAILED(Lane.HEARTBEAT, Tone.TIMEOUT, "probe failed", true),
    PROBE_SENT(Lane.HEARTBEAT, Tone.PING, "probe sent", false),
    SERVER_PING(Lane.HEARTBEAT, Tone.PING, "server ping", false),
    BACKOFF(Lane.RECONNECT, Tone.BACKOFF, "reconnect delay", true),
    ATTEMPT(Lane.RECONNECT, Tone.CLOSE, "connect attempt", true),
    HANDSHAKE(Lane.RECONNECT, Tone.MUTED, "handshake step", false),
    HELLO(Lane.RECONNECT, Tone.CONNECTED, "hello ok", true),
    PAUSED(Lane.RECONNECT, Tone.STOPPED, "reconnect paused", true),
    FAULT(Lane.FAULT, Tone.FAULT, "fault injected", true),
    TIMEOUT(Lane.FAULT, Tone.TIMEOUT, "liveness timeout", true),
    SHUTDOWN(Lane.FAULT, Tone.TIMEOUT, "shutdown notice", true),
    CLOSED(Lane.FAULT, Tone.CLOSE, "closed", true),
    HANDSHAKE_FAILED(Lane.FAULT, Tone.STOPPED, "handshake failed", true),
    ERROR(Lane.FAULT, Tone.STOPPED, "error", true),
    SEQ_GAP(Lane.FAULT, Tone.MUTED, "seq gap", true),
    HINT_CLAMPED(Lane.FAULT, Tone.MUTED, "hint clamped", false),
    DISCONNECT(Lane.DISPOSAL, Tone.STOPPED, "disconnect requested", true),
    DISPOSE_BEGIN(Lane.DISPOSAL, Tone.CLOSE, "dispose begin", true),
    DISPOSE_END(Lane.DISPOSAL, Tone.ENDED, "dispose end", true);

    private final Lane lane;
    private final Tone tone;
    private final String label;
    private final boolean drawn;

    Kind(Lane lane, Tone tone, String label, boolean drawn) {
        this.lane = lane;
        this.tone = tone;
        this.label = label;
        this.drawn = drawn;
    }

    public Lane lane() {
        return lane;
    }

    public Tone tone() {
        return tone;
    }

    public String label() {
        return label;
    }

    public boolean drawn() {
        return drawn;
    }

    /** A fault-lane mark whose label goes first when labels compete for room. */
    public boolean strong() {
        return this == FAULT || this == TIMEOUT;
    }
}
