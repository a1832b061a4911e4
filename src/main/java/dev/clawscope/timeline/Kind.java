package dev.clawscope.timeline;

import dev.clawscope.journal.Source;

/**
 * What a journal entry is on the timeline: its lane, its colour token and its legend label. A kind
 * that is not {@link #drawn()} is classified but left off the drawing, since a neighbour already
 * shows it (a probe is drawn by its answer, the handshake steps by the attempt and {@code hello_ok}).
 * A kind belongs to this app's own link, to an observed client ({@code peer_*} lines) or to both;
 * the legend of a source lists its own.
 */
public enum Kind {
    /** A {@code state_changed}: a span on the state lane, coloured by {@link EventKinds#tone(dev.clawscope.link.LinkState)}. */
    STATE(Lane.STATE, Tone.IDLE, "link state", true, Family.LINK),
    PONG(Lane.HEARTBEAT, Tone.PONG, "ws pong", true, Family.LINK),
    TICK(Lane.HEARTBEAT, Tone.TICK, "tick frame", true, Family.BOTH),
    PROBE(Lane.HEARTBEAT, Tone.PROBE, "probe ok", true, Family.LINK),
    PING(Lane.HEARTBEAT, Tone.PING, "ws ping sent", true, Family.LINK),
    PROBE_FAILED(Lane.HEARTBEAT, Tone.TIMEOUT, "probe failed", true, Family.LINK),
    PROBE_SENT(Lane.HEARTBEAT, Tone.PING, "probe sent", false, Family.LINK),
    SERVER_PING(Lane.HEARTBEAT, Tone.PING, "server ping", false, Family.LINK),
    BACKOFF(Lane.RECONNECT, Tone.BACKOFF, "reconnect delay", true, Family.LINK),
    ATTEMPT(Lane.RECONNECT, Tone.CLOSE, "connect attempt", true, Family.LINK),
    HANDSHAKE(Lane.RECONNECT, Tone.MUTED, "handshake step", false, Family.BOTH),
    HELLO(Lane.RECONNECT, Tone.CONNECTED, "hello ok", true, Family.BOTH),
    PAUSED(Lane.RECONNECT, Tone.STOPPED, "reconnect paused", true, Family.LINK),
    FAULT(Lane.FAULT, Tone.FAULT, "fault injected", true, Family.BOTH),
    TIMEOUT(Lane.FAULT, Tone.TIMEOUT, "liveness timeout", true, Family.LINK),
    SHUTDOWN(Lane.FAULT, Tone.TIMEOUT, "shutdown notice", true, Family.BOTH),
    CLOSED(Lane.FAULT, Tone.CLOSE, "closed", true, Family.LINK),
    HANDSHAKE_FAILED(Lane.FAULT, Tone.STOPPED, "handshake failed", true, Family.BOTH),
    ERROR(Lane.FAULT, Tone.STOPPED, "error", true, Family.BOTH),
    SEQ_GAP(Lane.FAULT, Tone.MUTED, "seq gap", true, Family.LINK),
    HINT_CLAMPED(Lane.FAULT, Tone.MUTED, "hint clamped", false, Family.LINK),
    DISCONNECT(Lane.DISPOSAL, Tone.STOPPED, "disconnect requested", true, Family.LINK),
    DISPOSE_BEGIN(Lane.DISPOSAL, Tone.CLOSE, "dispose begin", true, Family.LINK),
    DISPOSE_END(Lane.DISPOSAL, Tone.ENDED, "dispose end", true, Family.LINK),

    // ---- an observed client ------------------------------------------------------------------
    /** {@code peer_connect}: the client opened a connection; labelled with its {@code #conn}. */
    PEER_CONNECT(Lane.RECONNECT, Tone.CLOSE, "connection opened", true, Family.OBSERVED),
    /** {@code peer_reconnect}: a bar over the gap the client chose, ending at its connect. */
    PEER_RECONNECT(Lane.RECONNECT, Tone.BACKOFF, "reconnect gap", true, Family.OBSERVED),
    /** {@code peer_disconnect} after a close frame: the close frame already shows it. */
    PEER_GONE(Lane.RECONNECT, Tone.MUTED, "connection ended", false, Family.OBSERVED),
    PEER_PING_CLIENT(Lane.HEARTBEAT, Tone.PING, "ws ping from client", true, Family.OBSERVED),
    PEER_PONG_SERVER(Lane.HEARTBEAT, Tone.PONG, "ws pong from server", true, Family.OBSERVED),
    PEER_PING_SERVER(Lane.HEARTBEAT, Tone.PING, "ws ping from server", true, Family.OBSERVED),
    PEER_PONG_CLIENT(Lane.HEARTBEAT, Tone.PONG, "ws pong from client", true, Family.OBSERVED),
    /** A pong the observer swallowed ({@code drop-pongs}). */
    PEER_PONG_DROPPED(Lane.HEARTBEAT, Tone.TIMEOUT, "pong dropped", true, Family.OBSERVED),
    PEER_REQUEST(Lane.RPC, Tone.PING, "rpc call", true, Family.OBSERVED),
    PEER_RESPONSE(Lane.RPC, Tone.PROBE, "rpc ok", true, Family.OBSERVED),
    PEER_RESPONSE_FAILED(Lane.RPC, Tone.STOPPED, "rpc failed", true, Family.OBSERVED),
    /** A server event other than tick, shutdown and the challenge: not drawn, a busy session sends many. */
    PEER_EVENT(Lane.RPC, Tone.MUTED, "server event", false, Family.OBSERVED),
    /** {@code peer_noticed}: the client ended a connection while a fault was in force. */
    PEER_NOTICED(Lane.FAULT, Tone.TIMEOUT, "client noticed", true, Family.OBSERVED),
    PEER_CLOSE(Lane.FAULT, Tone.CLOSE, "close frame", true, Family.OBSERVED),
    /** {@code peer_disconnect} without a close frame: a FIN or a reset. */
    PEER_DROPPED(Lane.FAULT, Tone.CLOSE, "connection dropped", true, Family.OBSERVED),
    /** {@code peer_upgrade} the server did not answer with 101. */
    PEER_UPGRADE_FAILED(Lane.FAULT, Tone.STOPPED, "upgrade failed", true, Family.OBSERVED),
    PEER_PROBLEM(Lane.FAULT, Tone.STOPPED, "decode problem", true, Family.OBSERVED),
    PEER_SKIPPED(Lane.FAULT, Tone.MUTED, "frame not decoded", true, Family.OBSERVED);

    /** Whose journal holds a kind: this app's link, an observed client, or either. */
    public enum Family {
        LINK, OBSERVED, BOTH;

        /** Whether a journal of {@code source} can hold this family's kinds. */
        public boolean of(Source.Kind source) {
            return this == BOTH || (this == LINK) == (source == Source.Kind.GATEWAY_LINK);
        }
    }

    private final Lane lane;
    private final Tone tone;
    private final String label;
    private final boolean drawn;
    private final Family family;

    Kind(Lane lane, Tone tone, String label, boolean drawn, Family family) {
        this.lane = lane;
        this.tone = tone;
        this.label = label;
        this.drawn = drawn;
        this.family = family;
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

    public Family family() {
        return family;
    }

    /** A fault-lane mark whose label goes first when labels compete for room. */
    public boolean strong() {
        return this == FAULT || this == TIMEOUT || this == PEER_NOTICED;
    }

    /**
     * Whether a mark of this kind carries {@link EventKinds#label} beside it: every drawn fault-lane
     * mark, reconnect delays and pauses, and an observed client's connects ({@code #3}) and gaps.
     */
    public boolean labelled() {
        return drawn && (lane == Lane.FAULT || this == BACKOFF || this == PAUSED || this == PEER_CONNECT
                || this == PEER_RECONNECT);
    }
}
