package dev.clawscope.timeline;

import dev.clawscope.journal.LinkEvent;
import dev.clawscope.link.LinkState;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The classification table: every journal event type to its {@link Kind}, and link states to tones. */
public final class EventKinds {

    private static final Map<Class<? extends LinkEvent>, Kind> TABLE = Map.ofEntries(
            Map.entry(LinkEvent.StateChanged.class, Kind.STATE),
            Map.entry(LinkEvent.ConnectAttempt.class, Kind.ATTEMPT),
            Map.entry(LinkEvent.SocketOpen.class, Kind.HANDSHAKE),
            Map.entry(LinkEvent.Challenge.class, Kind.HANDSHAKE),
            Map.entry(LinkEvent.HelloOk.class, Kind.HELLO),
            Map.entry(LinkEvent.HandshakeFailed.class, Kind.HANDSHAKE_FAILED),
            Map.entry(LinkEvent.Tick.class, Kind.TICK),
            Map.entry(LinkEvent.WsPingSent.class, Kind.PING),
            Map.entry(LinkEvent.WsPong.class, Kind.PONG),
            Map.entry(LinkEvent.ServerPing.class, Kind.SERVER_PING),
            Map.entry(LinkEvent.ProbeSent.class, Kind.PROBE_SENT),
            Map.entry(LinkEvent.ProbeOk.class, Kind.PROBE),
            Map.entry(LinkEvent.ProbeFailed.class, Kind.PROBE_FAILED),
            Map.entry(LinkEvent.SeqGap.class, Kind.SEQ_GAP),
            Map.entry(LinkEvent.ShutdownNotice.class, Kind.SHUTDOWN),
            Map.entry(LinkEvent.LivenessTimeout.class, Kind.TIMEOUT),
            Map.entry(LinkEvent.Closed.class, Kind.CLOSED),
            Map.entry(LinkEvent.ReconnectScheduled.class, Kind.BACKOFF),
            Map.entry(LinkEvent.ReconnectPaused.class, Kind.PAUSED),
            Map.entry(LinkEvent.DisconnectRequested.class, Kind.DISCONNECT),
            Map.entry(LinkEvent.DisposeBegin.class, Kind.DISPOSE_BEGIN),
            Map.entry(LinkEvent.DisposeEnd.class, Kind.DISPOSE_END),
            Map.entry(LinkEvent.ListenerFault.class, Kind.ERROR),
            Map.entry(LinkEvent.FaultInjected.class, Kind.FAULT),
            Map.entry(LinkEvent.Error.class, Kind.ERROR),
            Map.entry(LinkEvent.HintClamped.class, Kind.HINT_CLAMPED));

    private static final LinkState[] STATES = LinkState.values();

    private EventKinds() {
    }

    /** The kind of {@code event}; every event type has one. */
    public static Kind of(LinkEvent event) {
        return of(event.getClass());
    }

    /** The kind of every event of {@code type}. */
    public static Kind of(Class<? extends LinkEvent> type) {
        Kind kind = TABLE.get(type);
        if (kind == null) {
            throw new IllegalArgumentException("no timeline kind for " + type.getSimpleName());
        }
        return kind;
    }

    /**
     * What a mark says beside it, e.g. {@code fault: blackhole}, {@code pong timeout after 10.0 s},
     * {@code closed 1012}, {@code #3} on a reconnect delay; otherwise the kind's legend label.
     */
    public static String label(LinkEvent event) {
        if (event instanceof LinkEvent.FaultInjected fault) {
            return "fault: " + fault.kind();
        }
        if (event instanceof LinkEvent.LivenessTimeout timeout) {
            return timeout.kind() + " timeout after " + Seconds.of(timeout.silenceMs());
        }
        if (event instanceof LinkEvent.ShutdownNotice notice) {
            return "shutdown: " + notice.reason();
        }
        if (event instanceof LinkEvent.Closed closed) {
            return "closed " + closed.code();
        }
        if (event instanceof LinkEvent.HandshakeFailed failed) {
            return "handshake failed" + (failed.errorCode() == null ? "" : ": " + failed.errorCode());
        }
        if (event instanceof LinkEvent.Error error) {
            return "error: " + error.where();
        }
        if (event instanceof LinkEvent.ListenerFault fault) {
            return "listener fault: " + fault.listener();
        }
        if (event instanceof LinkEvent.SeqGap gap) {
            return "seq gap " + gap.expected() + "\u2192" + gap.received();
        }
        if (event instanceof LinkEvent.ReconnectScheduled scheduled) {
            return "#" + scheduled.attempt();
        }
        if (event instanceof LinkEvent.ReconnectPaused paused) {
            return "paused: " + paused.reason();
        }
        return of(event).label();
    }

    /** The state a {@code state_changed} moved to; {@code null} for a name this version does not know. */
    public static LinkState to(LinkEvent.StateChanged changed) {
        return state(changed.to());
    }

    /** The state the journal spells {@code wire}, or {@code null} for a name this version does not know. */
    public static LinkState state(String wire) {
        Objects.requireNonNull(wire, "wire");
        for (LinkState state : STATES) {
            if (state.wire().equals(wire)) {
                return state;
            }
        }
        return null;
    }

    /** The colour token of a state span; an unknown state ({@code null}) is drawn as idle. */
    public static Tone tone(LinkState state) {
        if (state == null) {
            return Tone.IDLE;
        }
        return switch (state) {
            case CONNECTED -> Tone.CONNECTED;
            case CONNECTING, HANDSHAKING, BACKOFF -> Tone.TRANSIENT;
            case PAUSED, DISCONNECTED -> Tone.STOPPED;
            case DISPOSING, DISPOSED -> Tone.ENDED;
            case IDLE -> Tone.IDLE;
        };
    }

    /** The legend's state entries: each state tone with the states it stands for. */
    public static final Map<Tone, String> STATE_LEGEND = legend();

    private static Map<Tone, String> legend() {
        LinkedHashMap<Tone, String> names = new LinkedHashMap<>();
        for (LinkState state : STATES) {
            names.merge(tone(state), state.wire(), (a, b) -> a + " / " + b);
        }
        return Collections.unmodifiableMap(names);
    }
}
