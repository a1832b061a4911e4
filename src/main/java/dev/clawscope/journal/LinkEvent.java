package dev.clawscope.journal;

import java.util.List;
import java.util.Objects;

/**
 * Something that happened to a link, one record per journal line type of the contract in
 * DESIGN.md. Components are written in declaration order under their snake_case names
 * ({@code tickIntervalMs} becomes {@code tick_interval_ms}), after the entry envelope.
 *
 * <p>No field shares a name with the envelope ({@code seq, ts, mono_ms, gen, type}).
 * Required components reject {@code null}; a component documented as optional may be {@code
 * null} and is then left out of the line. A component of a fixed set of words ({@link ClosedBy},
 * {@link LivenessKind}) is written as its word. No event carries a token, nonce, signature or key.
 */
public sealed interface LinkEvent
        // Listed in declaration order: typeNames() and the journal contract follow this order, which
        // implicit permits would leave to the compiler's order of discovery.
        permits LinkEvent.StateChanged, LinkEvent.ConnectAttempt, LinkEvent.SocketOpen, LinkEvent.Challenge,
        LinkEvent.HelloOk, LinkEvent.HandshakeFailed, LinkEvent.Tick, LinkEvent.WsPingSent,
        LinkEvent.WsPong, LinkEvent.ServerPing, LinkEvent.ProbeSent, LinkEvent.ProbeOk,
        LinkEvent.ProbeFailed, LinkEvent.SeqGap, LinkEvent.ShutdownNotice, LinkEvent.LivenessTimeout,
        LinkEvent.Closed, LinkEvent.ReconnectScheduled, LinkEvent.ReconnectPaused,
        LinkEvent.DisconnectRequested, LinkEvent.DisposeBegin, LinkEvent.DisposeEnd,
        LinkEvent.ListenerFault, LinkEvent.FaultInjected, LinkEvent.Error, LinkEvent.HintClamped,
        LinkEvent.PeerConnect, LinkEvent.PeerUpgrade, LinkEvent.PeerHello, LinkEvent.PeerHelloOk,
        LinkEvent.PeerRequest, LinkEvent.PeerResponse, LinkEvent.PeerEvent, LinkEvent.PeerWsPing,
        LinkEvent.PeerWsPong, LinkEvent.PeerClose, LinkEvent.PeerDisconnect, LinkEvent.PeerReconnect,
        LinkEvent.PeerNoticed, LinkEvent.PeerFrameSkipped, LinkEvent.PeerDecodeProblem {

    /** The journal line type, e.g. {@code hello_ok}. */
    String type();

    /** Every journal line type, in declaration order. */
    static List<String> typeNames() {
        return java.util.Arrays.stream(LinkEvent.class.getPermittedSubclasses())
                .map(c -> EventCodec.snakeCase(c.getSimpleName())).toList();
    }

    /** The link moved from one state to another, e.g. {@code CONNECTING} to {@code HANDSHAKING}. */
    record StateChanged(String from, String to) implements LinkEvent {
        public StateChanged {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        @Override
        public String type() {
            return "state_changed";
        }
    }

    /** A socket connect to {@code url} began; {@code attempt} counts from 1 since the last success. */
    record ConnectAttempt(int attempt, String url) implements LinkEvent {
        public ConnectAttempt {
            Objects.requireNonNull(url, "url");
        }

        @Override
        public String type() {
            return "connect_attempt";
        }
    }

    /** The WebSocket upgrade succeeded. */
    record SocketOpen() implements LinkEvent {
        @Override
        public String type() {
            return "socket_open";
        }
    }

    /** The gateway sent {@code connect.challenge}; its nonce is deliberately not kept. */
    record Challenge() implements LinkEvent {
        @Override
        public String type() {
            return "challenge";
        }
    }

    /**
     * The gateway accepted {@code connect}. {@code methods} is kept whole (it may hold hundreds of
     * names) because a proof reader checks what was advertised; {@code toString()} shows its size.
     * Optional: {@code authMethod}, how the gateway says this socket authenticated ({@code token},
     * {@code device-token}, …).
     */
    record HelloOk(String serverVersion, int protocol, long tickIntervalMs, List<String> methods,
            List<String> scopes, String authMethod) implements LinkEvent {
        public HelloOk {
            Objects.requireNonNull(serverVersion, "serverVersion");
            methods = List.copyOf(methods);
            scopes = List.copyOf(scopes);
        }

        /** Without an auth method (a gateway that does not report one). */
        public HelloOk(String serverVersion, int protocol, long tickIntervalMs, List<String> methods,
                List<String> scopes) {
            this(serverVersion, protocol, tickIntervalMs, methods, scopes, null);
        }

        @Override
        public String type() {
            return "hello_ok";
        }

        @Override
        public String toString() {
            return "HelloOk[serverVersion=" + serverVersion + ", protocol=" + protocol
                    + ", tickIntervalMs=" + tickIntervalMs + ", methods=" + methods.size() + " names"
                    + ", scopes=" + scopes + (authMethod == null ? "" : ", authMethod=" + authMethod) + "]";
        }
    }

    /**
     * The handshake ended without {@code hello-ok}. Optional: {@code errorCode} and {@code
     * detailCode} (absent when the socket closed or timed out without a gateway error), {@code
     * retryAfterMs} and {@code closeCode}.
     */
    record HandshakeFailed(String errorCode, String detailCode, boolean retryable, Long retryAfterMs,
            Integer closeCode) implements LinkEvent {
        @Override
        public String type() {
            return "handshake_failed";
        }
    }

    /**
     * A {@code tick} event frame arrived carrying {@code seq} = {@code frameSeq}. Written as {@code
     * frame_seq}: a field named {@code seq} would repeat the entry's own {@code seq} key.
     */
    record Tick(long frameSeq) implements LinkEvent {
        @Override
        public String type() {
            return "tick";
        }
    }

    /**
     * We sent a WebSocket ping; its pong is due within {@code deadlineMs} (the deadline derived from
     * recent round trips), or null when not known (a line of an older journal).
     */
    record WsPingSent(Long deadlineMs) implements LinkEvent {
        public WsPingSent() {
            this(null);
        }

        @Override
        public String type() {
            return "ws_ping_sent";
        }
    }

    /** The pong to our ping arrived after {@code rttMs}. */
    record WsPong(double rttMs) implements LinkEvent {
        public WsPong {
            finite(rttMs, "rttMs");
        }

        @Override
        public String type() {
            return "ws_pong";
        }
    }

    /** The gateway pinged us (the transport answered it). */
    record ServerPing() implements LinkEvent {
        @Override
        public String type() {
            return "server_ping";
        }
    }

    /** An application probe RPC was sent. */
    record ProbeSent(String method) implements LinkEvent {
        public ProbeSent {
            Objects.requireNonNull(method, "method");
        }

        @Override
        public String type() {
            return "probe_sent";
        }
    }

    /** The probe RPC answered after {@code rttMs}. */
    record ProbeOk(String method, double rttMs) implements LinkEvent {
        public ProbeOk {
            Objects.requireNonNull(method, "method");
            finite(rttMs, "rttMs");
        }

        @Override
        public String type() {
            return "probe_ok";
        }
    }

    /** The probe RPC failed or timed out. */
    record ProbeFailed(String method, String reason) implements LinkEvent {
        public ProbeFailed {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String type() {
            return "probe_failed";
        }
    }

    /** An event frame skipped sequence numbers. */
    record SeqGap(long expected, long received) implements LinkEvent {
        @Override
        public String type() {
            return "seq_gap";
        }
    }

    /** The gateway announced a shutdown; {@code restartExpectedMs} is optional (absent for a stop). */
    record ShutdownNotice(String reason, Long restartExpectedMs) implements LinkEvent {
        public ShutdownNotice {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String type() {
            return "shutdown_notice";
        }
    }

    /** A liveness layer ({@code kind}: {@code ws_pong}, {@code tick} or {@code probe}) gave up on a silent peer. */
    record LivenessTimeout(LivenessKind kind, long silenceMs, long deadlineMs) implements LinkEvent {
        public LivenessTimeout {
            Objects.requireNonNull(kind, "kind");
        }

        @Override
        public String type() {
            return "liveness_timeout";
        }
    }

    /** The socket closed; {@code reason} may be empty, {@code by} tells which side closed it. */
    record Closed(int code, String reason, ClosedBy by) implements LinkEvent {
        public Closed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(by, "by");
        }

        @Override
        public String type() {
            return "closed";
        }
    }

    /** The next connect attempt is due after {@code delayMs}, chosen by backoff {@code policy}. */
    record ReconnectScheduled(int attempt, long delayMs, String policy, String cause) implements LinkEvent {
        public ReconnectScheduled {
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(cause, "cause");
        }

        @Override
        public String type() {
            return "reconnect_scheduled";
        }
    }

    /**
     * Reconnecting stopped until the user acts. Optional: {@code detailCode}, and {@code hint}, one
     * sentence saying what to do.
     */
    record ReconnectPaused(String reason, String detailCode, String hint) implements LinkEvent {
        public ReconnectPaused {
            Objects.requireNonNull(reason, "reason");
        }

        /** Without a hint. */
        public ReconnectPaused(String reason, String detailCode) {
            this(reason, detailCode, null);
        }

        @Override
        public String type() {
            return "reconnect_paused";
        }
    }

    /** The user asked to disconnect; auto-reconnect is off until the next connect. */
    record DisconnectRequested() implements LinkEvent {
        @Override
        public String type() {
            return "disconnect_requested";
        }
    }

    /** Disposal began. */
    record DisposeBegin() implements LinkEvent {
        @Override
        public String type() {
            return "dispose_begin";
        }
    }

    /** Disposal finished after {@code durationMs}; the link emits nothing after this. */
    record DisposeEnd(double durationMs) implements LinkEvent {
        public DisposeEnd {
            finite(durationMs, "durationMs");
        }

        @Override
        public String type() {
            return "dispose_end";
        }
    }

    /** A subscriber threw; {@code error} is the exception class and message, never a stack trace. */
    record ListenerFault(String listener, String error) implements LinkEvent {
        public ListenerFault {
            Objects.requireNonNull(listener, "listener");
            Objects.requireNonNull(error, "error");
        }

        @Override
        public String type() {
            return "listener_fault";
        }
    }

    /** A fault of the given kind was injected, e.g. {@code blackhole}. */
    record FaultInjected(String kind) implements LinkEvent {
        public FaultInjected {
            Objects.requireNonNull(kind, "kind");
        }

        @Override
        public String type() {
            return "fault_injected";
        }
    }

    /** An unexpected failure inside the client, {@code where} naming the place. */
    record Error(String where, String message) implements LinkEvent {
        public Error {
            Objects.requireNonNull(where, "where");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String type() {
            return "error";
        }
    }

    /**
     * A number the gateway sent was outside the range the link accepts and was replaced:
     * {@code field} names it on the wire ({@code retry_after_ms}, {@code restart_expected_ms},
     * {@code tick_interval_ms}, {@code max_payload}), {@code value} is what the gateway sent
     * (saturated to a long), {@code used} what the link used instead; optional: left out when the
     * hint was ignored altogether.
     */
    record HintClamped(String field, long value, Long used) implements LinkEvent {
        public HintClamped {
            Objects.requireNonNull(field, "field");
        }

        @Override
        public String type() {
            return "hint_clamped";
        }
    }

    /** JSON has no NaN or infinity, so a line could not carry one. */
    private static void finite(double value, String name) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, was " + value);
        }
    }

    // ---- an observed client (clawscope observe) ---------------------------------------------------
    // Every peer_* line names the observed client's TCP connection as conn (1, 2, ... in the order the
    // observer accepted them; the entry's gen carries the same number). from and by name a side:
    // client, server, or observer for what the observer itself did. Payloads never enter these lines.

    /** The observed client opened TCP connection {@code conn} to the observer. */
    record PeerConnect(int conn) implements LinkEvent {
        @Override
        public String type() {
            return "peer_connect";
        }
    }

    /**
     * The HTTP upgrade of connection {@code conn}. Optional: {@code userAgent}, {@code extensions}
     * (offered by the client), {@code acceptedExtensions} (agreed by the server), {@code status}
     * (the server's HTTP status; absent when it never answered before the connection ended).
     */
    record PeerUpgrade(int conn, String path, boolean origin, String userAgent, String extensions,
            String acceptedExtensions, Integer status) implements LinkEvent {
        public PeerUpgrade {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String type() {
            return "peer_upgrade";
        }
    }

    /**
     * The client's {@code connect} request, reduced to who it is: never its token, signature or
     * nonce. {@code auth} is {@code token}, {@code password}, {@code device-token}, {@code device}
     * (a signed device proof only) or {@code none}; {@code device} is added when a token comes with
     * a device proof, e.g. {@code token+device}. Optional: everything the client did not send.
     */
    record PeerHello(int conn, String requestId, String clientId, String clientMode, String clientVersion,
            String platform, String instanceId, String role, List<String> scopes, String auth, String deviceId,
            Integer minProtocol, Integer maxProtocol) implements LinkEvent {
        public PeerHello {
            Objects.requireNonNull(auth, "auth");
            scopes = scopes == null ? null : List.copyOf(scopes);
        }

        @Override
        public String type() {
            return "peer_hello";
        }
    }

    /** The server accepted the client's connect; {@code methods} is kept whole, as in {@link HelloOk}. */
    record PeerHelloOk(int conn, String serverVersion, int protocol, long tickIntervalMs, List<String> methods,
            String authMethod) implements LinkEvent {
        public PeerHelloOk {
            Objects.requireNonNull(serverVersion, "serverVersion");
            methods = List.copyOf(methods);
        }

        @Override
        public String type() {
            return "peer_hello_ok";
        }

        @Override
        public String toString() {
            return "PeerHelloOk[conn=" + conn + ", serverVersion=" + serverVersion + ", protocol=" + protocol
                    + ", tickIntervalMs=" + tickIntervalMs + ", methods=" + methods.size() + " names]";
        }
    }

    /** The client called {@code method}; {@code id} is the request's own id (not a secret). */
    record PeerRequest(int conn, String method, String id) implements LinkEvent {
        public PeerRequest {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(id, "id");
        }

        @Override
        public String type() {
            return "peer_request";
        }
    }

    /**
     * The server answered a request of the client. Optional: {@code method} (absent for an id the
     * client never sent), {@code errorCode} and {@code detailCode} (of a failure),
     * {@code retryAfterMs}, {@code rttMs}, {@code by} ({@code observer} when the observer answered
     * in the server's place).
     */
    record PeerResponse(int conn, String method, String id, boolean ok, String errorCode, String detailCode,
            Long retryAfterMs, Double rttMs, String by) implements LinkEvent {
        public PeerResponse {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public String type() {
            return "peer_response";
        }
    }

    /**
     * The server sent event {@code event}. Optional: {@code frameSeq} (the event's own seq, e.g. of a
     * tick), {@code restartExpectedMs} (of a shutdown), {@code by} ({@code observer} when the
     * observer sent it in the server's place).
     */
    record PeerEvent(int conn, String event, Long frameSeq, Long restartExpectedMs, String by) implements LinkEvent {
        public PeerEvent {
            Objects.requireNonNull(event, "event");
        }

        @Override
        public String type() {
            return "peer_event";
        }
    }

    /** A WebSocket ping from {@code from} ({@code client} or {@code server}). */
    record PeerWsPing(int conn, String from) implements LinkEvent {
        public PeerWsPing {
            Objects.requireNonNull(from, "from");
        }

        @Override
        public String type() {
            return "peer_ws_ping";
        }
    }

    /**
     * A WebSocket pong from {@code from}; {@code rttMs}, when it answers the other side's latest
     * ping, is the time since that ping passed the observer. Optional: {@code rttMs},
     * {@code dropped} (true when the observer swallowed it: {@code drop-pongs}).
     */
    record PeerWsPong(int conn, String from, Double rttMs, Boolean dropped) implements LinkEvent {
        public PeerWsPong {
            Objects.requireNonNull(from, "from");
        }

        @Override
        public String type() {
            return "peer_ws_pong";
        }
    }

    /** A close frame from {@code from}. Optional: {@code code} (a close frame without one). */
    record PeerClose(int conn, String from, Integer code, String reason) implements LinkEvent {
        public PeerClose {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String type() {
            return "peer_close";
        }
    }

    /**
     * Connection {@code conn} is gone. {@code how}: {@code close_frame} (after a close frame),
     * {@code fin} or {@code rst}; {@code by}: the side that ended it first ({@code client},
     * {@code server}, {@code observer}); {@code livedMs} from its {@code peer_connect}.
     */
    record PeerDisconnect(int conn, String how, String by, long livedMs) implements LinkEvent {
        public PeerDisconnect {
            Objects.requireNonNull(how, "how");
            Objects.requireNonNull(by, "by");
        }

        @Override
        public String type() {
            return "peer_disconnect";
        }
    }

    /**
     * The client connected again: {@code gapMs} from the end of connection {@code after} (the one
     * that ended last) to this connect. Optional: {@code fault} in force when it connected.
     */
    record PeerReconnect(int conn, long gapMs, int after, String fault) implements LinkEvent {
        @Override
        public String type() {
            return "peer_reconnect";
        }
    }

    /**
     * The client itself ended connection {@code conn} while fault {@code fault} was in force,
     * {@code afterFaultMs} after the fault began (or after the connection opened, if later);
     * {@code how} as in {@link PeerDisconnect}, with the close code when it sent one.
     */
    record PeerNoticed(int conn, String fault, long afterFaultMs, String how) implements LinkEvent {
        public PeerNoticed {
            Objects.requireNonNull(fault, "fault");
            Objects.requireNonNull(how, "how");
        }

        @Override
        public String type() {
            return "peer_noticed";
        }
    }

    /**
     * A frame from {@code from} was relayed but not decoded: {@code why} is {@code oversize} (over
     * the observer's decode cap), {@code compressed} (RSV1 after a negotiated extension) or
     * {@code binary}. {@code opcode} names the frame, {@code length} its declared payload.
     */
    record PeerFrameSkipped(int conn, String from, String opcode, long length, String why) implements LinkEvent {
        public PeerFrameSkipped {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(opcode, "opcode");
            Objects.requireNonNull(why, "why");
        }

        @Override
        public String type() {
            return "peer_frame_skipped";
        }
    }

    /**
     * What {@code from} sent on connection {@code conn} is not what the protocol allows; it is relayed
     * as it is all the same. After bytes that are not HTTP, a length with its top bit set or too many
     * problems, that direction is no longer decoded. {@code problem} says what, in words.
     */
    record PeerDecodeProblem(int conn, String from, String problem) implements LinkEvent {
        public PeerDecodeProblem {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(problem, "problem");
        }

        @Override
        public String type() {
            return "peer_decode_problem";
        }
    }
}
