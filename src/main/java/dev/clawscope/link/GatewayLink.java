package dev.clawscope.link;

import com.google.gson.JsonObject;
import dev.clawscope.journal.ClosedBy;
import dev.clawscope.journal.Journal;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.LivenessKind;
import dev.clawscope.journal.Subscription;
import dev.clawscope.protocol.Challenge;
import dev.clawscope.protocol.ConnectAuth;
import dev.clawscope.protocol.ConnectParams;
import dev.clawscope.protocol.DecodeFailure;
import dev.clawscope.protocol.DecodeResult;
import dev.clawscope.protocol.Decoded;
import dev.clawscope.protocol.DeviceAuthPayload;
import dev.clawscope.protocol.DeviceIdentity;
import dev.clawscope.protocol.ErrorClass;
import dev.clawscope.protocol.EventFrame;
import dev.clawscope.protocol.Frame;
import dev.clawscope.protocol.FrameCodec;
import dev.clawscope.protocol.GatewayError;
import dev.clawscope.protocol.HelloOk;
import dev.clawscope.protocol.PayloadResult;
import dev.clawscope.protocol.RequestFrame;
import dev.clawscope.protocol.ResponseFrame;
import dev.clawscope.protocol.ShutdownNotice;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of a logical connection to a gateway. Every piece of state lives on the link's
 * owner thread ({@link LinkExecutor}); transport callbacks are re-posted there tagged with the
 * connection generation they belong to, and callbacks of an older generation are dropped. Public
 * methods may be called from any thread. Everything the link does is journaled.
 */
public final class GatewayLink {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayLink.class);
    private static final Duration DISPOSE_WAIT = Duration.ofSeconds(5);
    /**
     * TCP connect plus HTTP upgrade. A live gateway answers in milliseconds; a frozen one never
     * does, and a server that accepted TCP but never upgrades is caught only when this runs out.
     */
    static final long UPGRADE_TIMEOUT_MS = 5_000;
    /** When even the recovery from a failed step fails, retry after this long. */
    static final long FALLBACK_RETRY_MS = 30_000;
    /** After a handshake error the gateway closes the socket; wait this long for its close code. */
    private static final long HANDSHAKE_CLOSE_GRACE_MS = 2_000;
    /**
     * The inbound message cap is the link's own: the gateway's {@code policy.maxPayload} may lower
     * it to no less than 64 KiB, never raise it.
     */
    static final HintRange MAX_PAYLOAD = new HintRange("max_payload", 65_536, WsTransport.DEFAULT_MAX_INBOUND);

    private final LinkConfig config;
    private final Transport transport;
    private final LinkExecutor executor;
    private final Journal journal;
    private final DeviceIdentity identity;
    private final DeviceTokenStore tokens;
    private final ReconnectPlanner planner;
    private final FrameCodec codec = new FrameCodec();
    private final AtomicBoolean disposeStarted = new AtomicBoolean();
    private final CompletableFuture<Void> disposed = new CompletableFuture<>();
    private final GatewayEvents gatewayEvents = new GatewayEvents();
    /** The current status; published on the owner thread, read anywhere. */
    private final StatusPublisher<LinkStatus> status;
    /** The current connection's hello-ok; written on the owner thread, read anywhere. */
    private volatile HelloOk lastHello;

    /** Written on the owner thread, read anywhere. */
    private volatile LinkState state = LinkState.IDLE;
    /** Written on the owner thread, read anywhere. */
    private volatile LinkHistory history = LinkHistory.NONE;
    /** Cleared right after {@code dispose_end}: the link emits nothing afterwards. */
    private volatile boolean emitting = true;

    // Owner-thread state below: no other thread touches it.
    private long gen;
    private Transport.Connection connection;
    private InboundGate inboundGate = new InboundGate();
    private boolean helloReceived;
    private HelloOk hello;
    private Challenge challenge;
    private Cancellable handshakeTimer = Cancellable.NONE;
    private Cancellable reconnectTimer = Cancellable.NONE;
    private GatewayError handshakeError;
    private ShutdownNotice shutdownNotice;
    private Long lastSeq;
    private boolean userDisconnected;
    private String pairingRequestId;
    private long pairingFirstSeenMs;
    private long requestCounter;
    /** Attempts since the user's connect() or the last hello-ok; what connect_attempt reports. */
    private int attemptsSinceReset;
    private final PendingRequests pending = new PendingRequests();
    private final TransportErrors transportErrors = new TransportErrors(this::nowMs, this::emit);
    private final Liveness liveness;

    GatewayLink(LinkConfig config, Transport transport, LinkExecutor executor, Journal journal,
                DeviceIdentity identity, DeviceTokenStore tokens, RandomGenerator random) {
        this.config = Objects.requireNonNull(config, "config");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.identity = config.signDevice() ? Objects.requireNonNull(identity, "identity") : identity;
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.planner = new ReconnectPlanner(BackoffPolicies.require(config.backoffPolicy()), random,
                config.stablePeriod().toMillis(), config.pairingRetryMin().toMillis(), config.pairingTtl().toMillis());
        this.liveness = new Liveness(new LivenessPort(), config);
        // A link recreated into a journal continues its generations: gen stays monotonic per journal.
        this.gen = journal.highestGen();
        this.status = new StatusPublisher<>(LinkStatus.initial(Instant.ofEpochMilli(executor.wallMillis()),
                executor.monoNanos() / 1_000_000.0));
    }

    /** A link on its own owner thread and {@link WsTransport}. Call {@link #connect()} to start. */
    public static GatewayLink create(LinkConfig config, Journal journal, DeviceIdentity identity,
                                     DeviceTokenStore tokens, Optional<String> tlsPin) {
        WsTransport transport = new WsTransport(Math.min(config.helloTimeout().toMillis(), UPGRADE_TIMEOUT_MS), tlsPin);
        RealLinkExecutor executor = new RealLinkExecutor();
        try {
            return new GatewayLink(config, transport, executor, journal, identity, tokens, RandomGenerator.getDefault());
        } catch (RuntimeException e) {
            transport.close();
            executor.shutdown(DISPOSE_WAIT);
            throw e;
        }
    }

    // ---- public surface ----------------------------------------------------------------------

    /**
     * Subscribes {@code listener} to the gateway's application events (after hello-ok, all but
     * {@code tick}), delivered in order on a thread of its own; close the result to stop.
     */
    public Subscription onGatewayEvent(String name, Consumer<EventFrame> listener) {
        return gatewayEvents.subscribe(name, listener);
    }

    /** What is true of the link now; the latest value it published. */
    public LinkStatus status() {
        return status.current();
    }

    /**
     * Hands {@code listener} the current status, then later ones on a thread of its own. A slow
     * listener skips values in between but always ends with the latest; it never holds up the link.
     */
    public Subscription onStatus(String name, Consumer<LinkStatus> listener) {
        return status.subscribe(name, StatusPublisher.ownThread(name), listener);
    }

    /** As {@link #onStatus(String, Consumer)}, delivering through {@code executor} (the caller's UI thread, say). */
    public Subscription onStatus(String name, Executor executor, Consumer<LinkStatus> listener) {
        return status.subscribe(name, executor, listener);
    }

    /** The hello-ok of the connection that is up, if one is. */
    public Optional<HelloOk> currentHello() {
        return state == LinkState.CONNECTED ? Optional.ofNullable(lastHello) : Optional.empty();
    }

    public LinkState state() {
        return state;
    }

    /** What the link has done so far, counted by the link itself (not read back from the journal). */
    public LinkHistory history() {
        return history;
    }

    public LinkConfig config() {
        return config;
    }

    /** Starts connecting (again), resetting the backoff. Ignored once disposal has begun. */
    public void connect() {
        owned(() -> {
            if (isEnding()) {
                return;
            }
            userDisconnected = false;
            history = history.resumed();
            planner.reset();
            attemptsSinceReset = 0;
            reconnectTimer.cancel();
            if (connection == null) {
                startAttempt();
            }
        });
    }

    /** Closes the connection and stays disconnected until {@link #connect()}: no automatic reconnect. */
    public void disconnect() {
        owned(() -> {
            if (isEnding()) {
                return;
            }
            emit(new LinkEvent.DisconnectRequested());
            userDisconnected = true;
            reconnectTimer.cancel();
            if (connection != null) {
                endConnection(1000, "disconnect requested", ClosedBy.CLIENT, null);
            } else {
                setState(LinkState.DISCONNECTED);
            }
        });
    }

    /**
     * Sends a request once connected. Fails fast with {@link LinkClosedException} when not
     * connected or when the connection drops before the answer, with a TimeoutException after
     * {@code timeout}.
     */
    public CompletableFuture<ResponseFrame> request(String method, JsonObject params, Duration timeout) {
        Objects.requireNonNull(method, "method");
        CompletableFuture<ResponseFrame> future = new CompletableFuture<>();
        if ("connect".equals(method)) {
            future.completeExceptionally(new IllegalArgumentException("connect is sent by the link itself"));
            return future;
        }
        owned(() -> send(method, params, timeout.toMillis(), future));
        if (executor.isShutdown()) {
            future.completeExceptionally(new LinkClosedException("link disposed"));
        }
        return future;
    }

    /**
     * Tears the link down: cancels timers, closes the socket, fails pending requests, journals
     * {@code dispose_begin}/{@code dispose_end}, and ends the owner thread. Idempotent, callable
     * from any thread; returns when done (at most a few seconds).
     */
    public void dispose() {
        if (disposeStarted.compareAndSet(false, true)) {
            executor.execute(this::disposeOnOwner);
            if (executor.isShutdown() && !disposed.isDone()) {
                disposed.complete(null);
            }
        }
        if (executor.inOwnerThread()) {
            return; // the owner thread finishes the teardown after this task returns
        }
        try {
            disposed.get(DISPOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("link disposal did not finish within {} s", DISPOSE_WAIT.toSeconds());
        }
        executor.shutdown(DISPOSE_WAIT);
    }

    // ---- lifecycle (owner thread) ------------------------------------------------------------

    private void startAttempt() {
        gen++;
        long myGen = gen;
        helloReceived = false;
        hello = null;
        challenge = null;
        handshakeError = null;
        shutdownNotice = null;
        lastSeq = null;
        InboundGate gate = new InboundGate();
        inboundGate = gate;
        setState(LinkState.CONNECTING, s -> s.attempting(attemptsSinceReset + 1));
        history = history.attempted();
        emit(new LinkEvent.ConnectAttempt(++attemptsSinceReset, config.address().display()));
        connection = transport.open(config.address(), new Transport.Listener() {
            @Override
            public void onOpen() {
                post(myGen, GatewayLink.this::socketOpened);
            }

            @Override
            public void onText(String text) {
                long size = text.length();
                if (gate.acquire(size)) {
                    post(myGen, () -> received(text), () -> gate.release(size));
                }
            }

            @Override
            public void onPong(byte[] payload) {
                post(myGen, () -> liveness.pong(payload));
            }

            @Override
            public void onClosed(int code, String reason) {
                post(myGen, () -> endConnection(code, reason, ClosedBy.SERVER, null));
            }

            @Override
            public void onAborted(int code, String reason) {
                post(myGen, () -> aborted(code, reason));
            }

            @Override
            public void onFailed(String reason) {
                post(myGen, () -> connectFailed(reason));
            }

            @Override
            public void onTransportError(String kind, String message) {
                post(myGen, () -> transportErrors.report(kind, message));
            }
        });
    }

    private void post(long callbackGen, Runnable task) {
        post(callbackGen, task, () -> { });
    }

    /**
     * Runs {@code task} on the owner thread if its connection is still current, then {@code after}
     * (also when the task was dropped). A shut-down executor runs neither; the gate that
     * {@code after} releases is closed by then.
     */
    private void post(long callbackGen, Runnable task, Runnable after) {
        executor.execute(() -> {
            try {
                if (callbackGen == gen && !isEnding()) {
                    guarded(task);
                }
            } finally {
                after.run();
            }
        });
    }

    /** Runs a step on the owner thread; a step that throws ends the connection (see {@link #failed}). */
    private void owned(Runnable task) {
        executor.execute(() -> guarded(task));
    }

    private void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /**
     * A step of the link threw: a bug, or input nothing anticipated. The status must not lie, so
     * the connection ends with a journaled reason and the link goes to backoff as after any loss.
     * Should even that throw, the link still drops the socket and retries after a fixed pause.
     */
    private void failed(RuntimeException failure) {
        LOG.error("link step failed: {}", failure.toString());
        LOG.debug("link step failure", failure);
        if (isEnding()) {
            return;
        }
        emit(new LinkEvent.Error("internal", "a link step failed (" + failure.getClass().getSimpleName()
                + "); the connection is dropped and retried"));
        try {
            if (connection != null) {
                endConnection(1011, "internal error", ClosedBy.CLIENT, new ReconnectPlanner.Cause.Transient("internal_error"));
            } else if (state == LinkState.CONNECTING || state == LinkState.HANDSHAKING || state == LinkState.CONNECTED) {
                afterConnectionEnded(new ReconnectPlanner.Cause.Transient("internal_error"));
            }
        } catch (RuntimeException again) {
            LOG.error("link recovery failed: {}", again.toString());
            Transport.Connection ending = connection;
            connection = null;
            gen++;
            inboundGate.close();
            liveness.stop();
            if (ending != null) {
                ending.close(1011, "internal error");
            }
            reconnectTimer.cancel();
            setState(LinkState.BACKOFF, s -> s.retrying(FALLBACK_RETRY_MS, false));
            emit(new LinkEvent.ReconnectScheduled(Math.max(1, attemptsSinceReset), FALLBACK_RETRY_MS,
                    planner.policy().name(), "internal_error"));
            reconnectTimer = executor.schedule(() -> {
                if (!isEnding() && !userDisconnected && connection == null) {
                    guarded(this::startAttempt);
                }
            }, FALLBACK_RETRY_MS);
        }
    }

    private void socketOpened() {
        emit(new LinkEvent.SocketOpen());
        setState(LinkState.HANDSHAKING);
        handshakeTimer = schedule(() -> handshakeTimedOut("connect challenge timeout", 1008),
                config.challengeTimeout().toMillis());
    }

    private void connectFailed(String reason) {
        connection = null;
        inboundGate.close();
        emit(new LinkEvent.Closed(1006, reason, ClosedBy.TRANSPORT));
        afterConnectionEnded(new ReconnectPlanner.Cause.Transient("connect_failed"));
    }

    /**
     * The transport ended the connection itself: a framing error, an oversize message or a flood
     * raised on this side (the close frame already sent), or a TCP connection that dropped without
     * a close frame (1006). Either way it is transient: reconnect with backoff.
     */
    private void aborted(int code, String reason) {
        boolean dropped = code == 1006;
        if (!dropped) {
            emit(new LinkEvent.Error("transport", reason));
        }
        endConnection(code, reason, dropped ? ClosedBy.TRANSPORT : ClosedBy.CLIENT,
                new ReconnectPlanner.Cause.Transient(dropped ? "connection_lost" : "protocol_error_" + code));
    }

    private void handshakeTimedOut(String reason, int code) {
        emit(new LinkEvent.HandshakeFailed(null, null, true, null, code));
        endConnection(code, reason, ClosedBy.CLIENT, new ReconnectPlanner.Cause.Transient("handshake_timeout"));
    }

    /**
     * Ends the current connection. The generation moves on first, so anything the old socket
     * still reports is dropped.
     */
    private void endConnection(int code, String reason, ClosedBy by, ReconnectPlanner.Cause cause) {
        Transport.Connection ending = connection;
        connection = null;
        gen++;
        inboundGate.close();
        handshakeTimer.cancel();
        liveness.stop();
        if (ending != null && by != ClosedBy.SERVER) {
            ending.close(code == 1006 ? 1000 : code, reason);
        }
        GatewayError error = handshakeError;
        if (error != null) {
            emit(new LinkEvent.HandshakeFailed(error.code(), error.detailsCode().orElse(null), error.isRetryable(),
                    error.retryAfterMs(), code));
        } else if (!helloReceived && by == ClosedBy.SERVER) {
            emit(new LinkEvent.HandshakeFailed(null, null, code != 1002, null, code));
        }
        emit(new LinkEvent.Closed(code, reason == null ? "" : reason, by));
        pending.failAll("connection closed (" + code + ")");
        if (helloReceived) {
            planner.onConnectionLost(nowMs());
        }
        afterConnectionEnded(cause != null ? cause : causeOf(code, reason, by, error));
    }

    private void afterConnectionEnded(ReconnectPlanner.Cause cause) {
        if (isEnding()) {
            return;
        }
        if (userDisconnected) {
            setState(LinkState.DISCONNECTED);
            return;
        }
        ReconnectPlanner.Decision decision = planner.next(cause, nowMs());
        if (decision instanceof ReconnectPlanner.Decision.Pause pause) {
            history = history.paused(pause.reason(), pause.detailCode());
            String hint = PauseHints.hint(pause.reason(), pause.detailCode());
            setState(LinkState.PAUSED, s -> s.paused(pause.reason(), pause.detailCode(), hint));
            emit(new LinkEvent.ReconnectPaused(pause.reason(), pause.detailCode(), hint));
            return;
        }
        ReconnectPlanner.Decision.Retry retry = (ReconnectPlanner.Decision.Retry) decision;
        setState(LinkState.BACKOFF,
                s -> s.retrying(retry.delayMs(), cause instanceof ReconnectPlanner.Cause.PairingPending));
        if (retry.clamped() != null) {
            emit(retry.clamped());
        }
        emit(new LinkEvent.ReconnectScheduled(retry.attempt(), retry.delayMs(), retry.policy(), retry.cause()));
        reconnectTimer = schedule(() -> {
            if (!isEnding() && !userDisconnected && connection == null) {
                startAttempt();
            }
        }, retry.delayMs());
    }

    private ReconnectPlanner.Cause causeOf(int code, String reason, ClosedBy by, GatewayError error) {
        if (error != null) {
            return causeOfError(error);
        }
        if (shutdownNotice != null && shutdownNotice.restartExpectedMs() != null) {
            return new ReconnectPlanner.Cause.RestartExpected(shutdownNotice.restartExpectedMs());
        }
        if (code == 1002 && by == ClosedBy.SERVER && !helloReceived && "protocol mismatch".equalsIgnoreCase(reason)) {
            // A version rejection without its error frame; any other 1002 is a framing error: transient.
            return new ReconnectPlanner.Cause.Terminal("protocol mismatch", "PROTOCOL_MISMATCH");
        }
        return new ReconnectPlanner.Cause.Transient("close_" + code);
    }

    private ReconnectPlanner.Cause causeOfError(GatewayError error) {
        ErrorClass kind = error.classify();
        if (kind == ErrorClass.PAIRING && error.requestId().isPresent()) {
            String requestId = error.requestId().get();
            if (!requestId.equals(pairingRequestId)) {
                pairingRequestId = requestId;
                pairingFirstSeenMs = nowMs();
            }
            return new ReconnectPlanner.Cause.PairingPending(requestId, pairingFirstSeenMs);
        }
        Optional<Long> retryAfter = error.retryDelayMs();
        if (retryAfter.isPresent() && !error.pausesReconnect()) {
            return new ReconnectPlanner.Cause.RetryAfter(retryAfter.get());
        }
        if (error.pausesReconnect()) {
            if (error.deviceTokenRejected() && identity != null) {
                tokens.remove(config.address().display(), identity.deviceId(), ConnectParams.ROLE_OPERATOR);
            }
            return new ReconnectPlanner.Cause.Terminal(pauseReason(error), error.detailsCode().orElse(error.code()));
        }
        return new ReconnectPlanner.Cause.Transient("handshake_" + error.code().toLowerCase(java.util.Locale.ROOT));
    }

    private static String pauseReason(GatewayError error) {
        return switch (error.classify()) {
            case AUTH_TERMINAL, AUTH_RETRYABLE -> "auth";
            case PAIRING, DEVICE_IDENTITY_REQUIRED -> "pairing";
            case PROTOCOL_MISMATCH -> "protocol";
            case DEVICE_PROOF -> "device";
            default -> "gateway";
        };
    }

    // ---- frames (owner thread) ---------------------------------------------------------------

    private void received(String text) {
        liveness.inbound();
        DecodeResult decoded = codec.decode(text);
        if (decoded instanceof DecodeFailure failure) {
            emit(new LinkEvent.Error("decode", failure.kind() + ": " + failure.message()));
            return;
        }
        Frame frame = ((Decoded) decoded).frame();
        if (frame instanceof EventFrame event) {
            onEvent(event);
        } else if (frame instanceof ResponseFrame response) {
            onResponse(response);
        }
    }

    private void onEvent(EventFrame event) {
        if (!helloReceived) {
            if (Challenge.EVENT.equals(event.event()) && challenge == null) {
                onChallenge(event);
            }
            return;
        }
        if (event.seq() != null) {
            long seq = event.seq();
            if (lastSeq != null && seq - 1 > lastSeq) {
                emit(new LinkEvent.SeqGap(lastSeq + 1, seq));
            }
            lastSeq = seq;
        }
        switch (event.event()) {
            case "tick" -> emit(new LinkEvent.Tick(event.seq() == null ? -1 : event.seq()));
            case ShutdownNotice.EVENT -> onShutdownNotice(event);
            default -> gatewayEvents.publish(event);
        }
    }

    /**
     * Keeps the notice for the close that follows. A malformed one is journaled and otherwise
     * ignored: that close then counts as a plain transient one, backoff and all.
     */
    private void onShutdownNotice(EventFrame event) {
        PayloadResult<ShutdownNotice> parsed = ShutdownNotice.from(event);
        if (!(parsed instanceof PayloadResult.Valid<ShutdownNotice> valid)) {
            emit(new LinkEvent.Error("shutdown", "the gateway's shutdown event is malformed: "
                    + ((PayloadResult.Invalid<ShutdownNotice>) parsed).message()));
            return;
        }
        shutdownNotice = valid.value();
        emit(new LinkEvent.ShutdownNotice(shutdownNotice.reason(), shutdownNotice.restartExpectedMs()));
    }

    private void onChallenge(EventFrame event) {
        PayloadResult<Challenge> parsed = Challenge.from(event);
        if (!(parsed instanceof PayloadResult.Valid<Challenge> valid)) {
            emit(new LinkEvent.Error("challenge", "the gateway's challenge is malformed"));
            handshakeTimedOut("malformed challenge", 1008);
            return;
        }
        challenge = valid.value();
        emit(new LinkEvent.Challenge());
        handshakeTimer.cancel();
        handshakeTimer = schedule(() -> handshakeTimedOut("connect timeout", 4000), config.helloTimeout().toMillis());
        connection.sendText(codec.encode(new RequestFrame(connectRequestId(), "connect", connectParams().toJson())));
    }

    private ConnectParams connectParams() {
        Optional<DeviceTokenStore.StoredToken> stored = identity == null ? Optional.empty()
                : tokens.load(config.address().display(), identity.deviceId(), ConnectParams.ROLE_OPERATOR);
        ConnectAuth auth;
        List<String> scopes = config.scopes();
        if (config.sharedToken() != null) {
            auth = ConnectAuth.sharedToken(config.sharedToken().reveal());
        } else if (stored.isPresent()) {
            auth = ConnectAuth.storedDeviceToken(stored.get().token());
            scopes = stored.get().scopes();
        } else {
            auth = ConnectAuth.none();
        }
        ConnectParams params = ConnectParams.builder(config.client()).scopes(scopes).auth(auth).build();
        if (identity != null && config.signDevice()) {
            params = params.withDevice(DeviceAuthPayload.prove(identity, params, challenge.nonce(), challenge.ts()));
        }
        return params;
    }

    private String connectRequestId() {
        return "connect-" + gen;
    }

    private void onResponse(ResponseFrame response) {
        if (!helloReceived && response.id().equals(connectRequestId())) {
            onConnectResponse(response);
            return;
        }
        if (!liveness.probeAnswered(response)) {
            pending.complete(response);
        }
    }

    private void onConnectResponse(ResponseFrame response) {
        handshakeTimer.cancel();
        if (!response.ok()) {
            handshakeError = response.error();
            // The gateway closes right after its error; wait briefly for that close to journal its code.
            handshakeTimer = schedule(() -> endConnection(1000, "handshake failed", ClosedBy.CLIENT, null),
                    HANDSHAKE_CLOSE_GRACE_MS);
            return;
        }
        PayloadResult<HelloOk> parsed = HelloOk.from(response);
        if (!(parsed instanceof PayloadResult.Valid<HelloOk> valid)) {
            emit(new LinkEvent.Error("hello_ok", "the gateway's hello-ok is malformed: "
                    + ((PayloadResult.Invalid<HelloOk>) parsed).message()));
            endConnection(1002, "malformed hello-ok", ClosedBy.CLIENT, new ReconnectPlanner.Cause.Transient("bad_hello"));
            return;
        }
        hello = valid.value();
        helloReceived = true;
        pairingRequestId = null;
        attemptsSinceReset = 0;
        long maxPayload = hello.policy().maxPayload();
        LinkEvent.HintClamped payloadClamped = MAX_PAYLOAD.clamped(maxPayload);
        if (payloadClamped != null) {
            emit(payloadClamped);
        }
        connection.setMaxInboundBytes((int) MAX_PAYLOAD.clamp(maxPayload));
        hello.deviceToken().ifPresent(token -> {
            if (identity != null) {
                tokens.save(config.address().display(), identity.deviceId(), hello.auth().role(),
                        new DeviceTokenStore.StoredToken(token, hello.grantedScopes()));
            }
        });
        planner.onHelloOk(nowMs());
        lastHello = hello;
        history = history.connected();
        emit(new LinkEvent.HelloOk(hello.server().version(), hello.protocol(), hello.policy().tickIntervalMs(),
                hello.features().methods(), hello.grantedScopes(), hello.auth().method()));
        String serverVersion = hello.server().version();
        setState(LinkState.CONNECTED, s -> s.helloOk(serverVersion));
        liveness.start(hello);
    }

    private void send(String method, JsonObject params, long timeoutMs, CompletableFuture<ResponseFrame> future) {
        if (state != LinkState.CONNECTED || connection == null) {
            future.completeExceptionally(new LinkClosedException("not connected (" + state.wire() + ")"));
            return;
        }
        String id = "r" + gen + "-" + (++requestCounter);
        Cancellable timer = schedule(() -> pending.timeOut(id, timeoutMs), timeoutMs);
        pending.add(id, future, timer);
        if (!connection.sendText(codec.encode(new RequestFrame(id, method, params == null ? new JsonObject() : params)))) {
            pending.failAll("socket not writable");
        }
    }

    // ---- owner-thread helpers, also lent to Liveness ----------------------------------------

    /** The link as {@link Liveness} sees it; every call on the owner thread. */
    private final class LivenessPort implements LivenessHost {

        @Override
        public long nowMs() {
            return GatewayLink.this.nowMs();
        }

        @Override
        public long wallMs() {
            return executor.wallMillis();
        }

        @Override
        public Cancellable schedule(Runnable task, long delayMs) {
            return GatewayLink.this.schedule(task, delayMs);
        }

        @Override
        public void emit(LinkEvent event) {
            GatewayLink.this.emit(event);
        }

        @Override
        public boolean sendPing(byte[] payload) {
            if (connection == null) {
                return false;
            }
            connection.sendPing(payload);
            return true;
        }

        /** Bypasses the user request table: the answer is matched by Liveness itself. */
        @Override
        public String sendProbe(String method) {
            String id = "probe" + gen + "-" + (++requestCounter);
            connection.sendText(codec.encode(new RequestFrame(id, method, new JsonObject())));
            return id;
        }

        @Override
        public void livenessLost(LivenessKind kind, long silenceMs, long deadlineMs) {
            emit(new LinkEvent.LivenessTimeout(kind, silenceMs, deadlineMs));
            endConnection(4000, kind.wire() + " timeout", ClosedBy.CLIENT,
                    new ReconnectPlanner.Cause.Transient(kind.wire() + "_timeout"));
        }
    }

    private Cancellable schedule(Runnable task, long delayMs) {
        return executor.schedule(() -> guarded(task), Math.max(0, delayMs));
    }

    private long nowMs() {
        return TimeUnit.NANOSECONDS.toMillis(executor.monoNanos());
    }

    private void emit(LinkEvent event) {
        if (!emitting) {
            return;
        }
        double monoMs = executor.monoNanos() / 1_000_000.0;
        journal.append(gen, monoMs, Instant.ofEpochMilli(executor.wallMillis()), event);
        if (event instanceof LinkEvent.WsPong pong) {
            status.publish(status.current().heartbeat(monoMs, pong.rttMs()));
        } else if (event instanceof LinkEvent.ProbeOk probe) {
            status.publish(status.current().heartbeat(monoMs, probe.rttMs()));
        } else if (event instanceof LinkEvent.Tick) {
            status.publish(status.current().heartbeat(monoMs, Double.NaN));
        }
    }

    // ---- state and disposal (owner thread) ---------------------------------------------------

    private void setState(LinkState next) {
        setState(next, UnaryOperator.identity());
    }

    /** Moves to {@code next} and publishes the status there, with what {@code detail} adds to it. */
    private void setState(LinkState next, UnaryOperator<LinkStatus> detail) {
        LinkState previous = state;
        if (previous == next) {
            LinkStatus same = status.current();
            LinkStatus detailed = detail.apply(same);
            if (detailed != same) {
                status.publish(detailed);
            }
            return;
        }
        state = next;
        status.publish(detail.apply(status.current().entered(next, gen, Instant.ofEpochMilli(executor.wallMillis()),
                executor.monoNanos() / 1_000_000.0)));
        emit(new LinkEvent.StateChanged(previous.wire(), next.wire()));
    }

    private boolean isEnding() {
        return state == LinkState.DISPOSING || state == LinkState.DISPOSED;
    }

    private void disposeOnOwner() {
        if (isEnding()) {
            return;
        }
        long start = executor.monoNanos();
        emit(new LinkEvent.DisposeBegin());
        setState(LinkState.DISPOSING);
        reconnectTimer.cancel();
        handshakeTimer.cancel();
        liveness.stop();
        Transport.Connection ending = connection;
        connection = null;
        gen++;
        inboundGate.close();
        if (ending != null) {
            ending.close(1000, "disposed");
            emit(new LinkEvent.Closed(1000, "disposed", ClosedBy.CLIENT));
        }
        pending.failAll("link disposed");
        try {
            transport.close();
        } catch (RuntimeException e) {
            LOG.warn("transport close failed: {}", e.toString());
        }
        setState(LinkState.DISPOSED);
        emit(new LinkEvent.DisposeEnd((executor.monoNanos() - start) / 1_000_000.0));
        emitting = false;
        gatewayEvents.closeAll();
        disposed.complete(null);
        executor.shutdown(Duration.ZERO);
    }
}
