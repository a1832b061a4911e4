package dev.clawscope.timeline;

import dev.clawscope.journal.LinkEvent;
import dev.clawscope.link.LinkState;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
            Map.entry(LinkEvent.HintClamped.class, Kind.HINT_CLAMPED),
            // an observed client; the kind of a few depends on the line, see of(LinkEvent)
            Map.entry(LinkEvent.PeerConnect.class, Kind.PEER_CONNECT),
            Map.entry(LinkEvent.PeerUpgrade.class, Kind.HANDSHAKE),
            Map.entry(LinkEvent.PeerHello.class, Kind.HANDSHAKE),
            Map.entry(LinkEvent.PeerHelloOk.class, Kind.HELLO),
            Map.entry(LinkEvent.PeerRequest.class, Kind.PEER_REQUEST),
            Map.entry(LinkEvent.PeerResponse.class, Kind.PEER_RESPONSE),
            Map.entry(LinkEvent.PeerEvent.class, Kind.PEER_EVENT),
            Map.entry(LinkEvent.PeerWsPing.class, Kind.PEER_PING_CLIENT),
            Map.entry(LinkEvent.PeerWsPong.class, Kind.PEER_PONG_SERVER),
            Map.entry(LinkEvent.PeerClose.class, Kind.PEER_CLOSE),
            Map.entry(LinkEvent.PeerDisconnect.class, Kind.PEER_GONE),
            Map.entry(LinkEvent.PeerReconnect.class, Kind.PEER_RECONNECT),
            Map.entry(LinkEvent.PeerNoticed.class, Kind.PEER_NOTICED),
            Map.entry(LinkEvent.PeerFrameSkipped.class, Kind.PEER_SKIPPED),
            Map.entry(LinkEvent.PeerDecodeProblem.class, Kind.PEER_PROBLEM));

    /** Faults that act only on connections opened later, or end faults: they break no open connection. */
    private static final Set<String> FUTURE_ONLY_FAULTS =
            Set.of("heal", "pass", "refuse", "stall-upgrade", "unavailable", "auth-reject");

    private static final LinkState[] STATES = LinkState.values();
    /** Names a client or server sent (methods, events, error codes) are cut to this many characters in a label. */
    private static final int LABEL_TEXT_MAX = 48;

    private EventKinds() {
    }

    /**
     * The kind of {@code event}; every event type has one. An observed client's line may refine its
     * type's kind: pings and pongs by who sent them (and a dropped pong), a server event by its name
     * (tick, shutdown, the challenge), a response by success (a failed {@code connect} is a failed
     * handshake), an upgrade by its status, a disconnect by whether a close frame came first.
     */
    public static Kind of(LinkEvent event) {
        if (event instanceof LinkEvent.PeerWsPing ping) {
            return "server".equals(ping.from()) ? Kind.PEER_PING_SERVER : Kind.PEER_PING_CLIENT;
        }
        if (event instanceof LinkEvent.PeerWsPong pong) {
            return Boolean.TRUE.equals(pong.dropped()) ? Kind.PEER_PONG_DROPPED
                    : "client".equals(pong.from()) ? Kind.PEER_PONG_CLIENT : Kind.PEER_PONG_SERVER;
        }
        if (event instanceof LinkEvent.PeerEvent e) {
            return switch (e.event()) {
                case "tick" -> Kind.TICK;
                case "shutdown" -> Kind.SHUTDOWN;
                case "connect.challenge" -> Kind.HANDSHAKE;
                default -> Kind.PEER_EVENT;
            };
        }
        if (event instanceof LinkEvent.PeerResponse response && !response.ok()) {
            return "connect".equals(response.method()) ? Kind.HANDSHAKE_FAILED : Kind.PEER_RESPONSE_FAILED;
        }
        if (event instanceof LinkEvent.PeerUpgrade upgrade && !Integer.valueOf(101).equals(upgrade.status())) {
            return Kind.PEER_UPGRADE_FAILED;
        }
        if (event instanceof LinkEvent.PeerDisconnect gone && !"close_frame".equals(gone.how())) {
            return Kind.PEER_DROPPED;
        }
        return of(event.getClass());
    }

    /** The kind of events of {@code type}; for the few refined by {@link #of(LinkEvent)}, the usual one. */
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
        String peer = peerLabel(event);
        return peer != null ? peer : of(event).label();
    }

    /** An observed client's label, led by its connection, e.g. {@code #3 close 1012 from server}; null for others. */
    private static String peerLabel(LinkEvent event) {
        if (event instanceof LinkEvent.PeerConnect e) {
            return "#" + e.conn();
        }
        if (event instanceof LinkEvent.PeerReconnect e) {
            return "#" + e.conn() + " after " + Seconds.of(e.gapMs());
        }
        if (event instanceof LinkEvent.PeerHelloOk e) {
            return "#" + e.conn() + " hello ok";
        }
        if (event instanceof LinkEvent.PeerHello e) {
            return "#" + e.conn() + " connect as " + (e.clientId() == null ? "?" : shortened(e.clientId()));
        }
        if (event instanceof LinkEvent.PeerUpgrade e) {
            return "#" + e.conn() + " upgrade " + (e.status() == null ? "not answered" : e.status());
        }
        if (event instanceof LinkEvent.PeerNoticed e) {
            return "#" + e.conn() + " noticed " + e.fault();
        }
        if (event instanceof LinkEvent.PeerClose e) {
            return "#" + e.conn() + " close " + (e.code() == null ? "" : e.code() + " ") + "from " + e.from();
        }
        if (event instanceof LinkEvent.PeerDisconnect e) {
            return "#" + e.conn() + " " + e.how().replace('_', ' ') + " by " + e.by();
        }
        if (event instanceof LinkEvent.PeerRequest e) {
            return "#" + e.conn() + " " + shortened(e.method());
        }
        if (event instanceof LinkEvent.PeerResponse e) {
            String method = e.method() == null ? "unknown request" : shortened(e.method());
            return "#" + e.conn() + " " + method + (e.ok() ? " ok" : " failed" + (e.errorCode() == null ? "" : ": "
                    + shortened(e.errorCode())));
        }
        if (event instanceof LinkEvent.PeerEvent e) {
            if ("shutdown".equals(e.event())) {
                return "#" + e.conn() + " shutdown" + (e.restartExpectedMs() == null ? ""
                        : ", back in " + Seconds.of(e.restartExpectedMs()));
            }
            return "tick".equals(e.event()) ? of(event).label() : "#" + e.conn() + " " + shortened(e.event());
        }
        if (event instanceof LinkEvent.PeerWsPong e && Boolean.TRUE.equals(e.dropped())) {
            return "#" + e.conn() + " pong dropped";
        }
        if (event instanceof LinkEvent.PeerFrameSkipped e) {
            return "#" + e.conn() + " " + e.why() + " " + e.opcode() + " frame";
        }
        if (event instanceof LinkEvent.PeerDecodeProblem e) {
            return "#" + e.conn() + " decode problem (" + e.from() + ")";
        }
        return null;
    }

    /** What a client or server named, cut to a label's length: both may send anything. */
    private static String shortened(String text) {
        return text.length() <= LABEL_TEXT_MAX ? text : text.substring(0, LABEL_TEXT_MAX - 1) + "\u2026";
    }

    /**
     * A mark drawn as a bar: from {@code offsetMs} after its entry's time, {@code lengthMs} long. A
     * reconnect delay lies ahead of its line; an observed client's reconnect gap lies behind its
     * {@code peer_reconnect}, which comes with the connect that ends it.
     */
    public record Bar(double offsetMs, double lengthMs) {
    }

    /** The bar {@code event} is drawn as, or null for a mark drawn as a stroke. */
    public static Bar bar(LinkEvent event) {
        if (event instanceof LinkEvent.ReconnectScheduled scheduled) {
            return new Bar(0, scheduled.delayMs());
        }
        if (event instanceof LinkEvent.PeerReconnect reconnect) {
            return new Bar(-reconnect.gapMs(), reconnect.gapMs());
        }
        return null;
    }

    /**
     * Whether a fault of this {@code fault_injected} kind acts on connections already open: false for
     * a heal and for faults that only meet connections opened later ({@code refuse},
     * {@code stall-upgrade}, {@code unavailable}, {@code auth-reject}).
     */
    public static boolean reachesOpenConnections(String faultKind) {
        return !FUTURE_ONLY_FAULTS.contains(faultKind);
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

    /** An observed client's state lane: its connections, opening and then up. */
    public static final Map<Tone, String> CONNECTION_LEGEND = connectionLegend();

    private static Map<Tone, String> connectionLegend() {
        LinkedHashMap<Tone, String> names = new LinkedHashMap<>();
        names.put(ConnectionSpan.OPENING, "connection opening (before hello ok)");
        names.put(ConnectionSpan.UP, "connection up (after hello ok)");
        names.put(ConnectionSpan.CLOSING, "connection closing (after a close frame)");
        return Collections.unmodifiableMap(names);
    }

    private static Map<Tone, String> legend() {
        LinkedHashMap<Tone, String> names = new LinkedHashMap<>();
        for (LinkState state : STATES) {
            names.merge(tone(state), state.wire(), (a, b) -> a + " / " + b);
        }
        return Collections.unmodifiableMap(names);
    }
}
