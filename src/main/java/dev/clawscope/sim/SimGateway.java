package dev.clawscope.sim;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded OpenClaw gateway that speaks protocol v4 as the real one does, on 127.0.0.1, with
 * knobs to misbehave on purpose: a startup window, graceful stop and restart, abrupt kill, a freeze
 * that keeps TCP open (the half-open case), seq gaps, slow handshakes and manual pairing.
 * Every knob can be turned at run time from any thread.
 */
public final class SimGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimGateway.class);
    /** Grizzly announces every listener start and stop; held here because JUL keeps loggers weakly. */
    private static final java.util.logging.Logger GRIZZLY_LOG = quiet("org.glassfish.grizzly");
    /** Methods the simulator serves and advertises; there is no {@code ping}. */
    static final List<String> METHODS = List.of("health", "status", "system-presence", "last-heartbeat",
            "device.pair.list", "device.pair.approve", "device.pair.reject", "exec.approval.list",
            "exec.approval.resolve");
    static final List<String> EVENTS = List.of("connect.challenge", "presence", "tick", "shutdown", "health",
            "heartbeat", "device.pair.requested", "device.pair.resolved", "exec.approval.requested",
            "exec.approval.resolved");

    private final SimState state;
    private final Handshake handshake;
    private final SimMethods methods;
    private final ScheduledExecutorService clock;
    private final LoopbackServerContainer container;
    private final FrontDoor door;
    private final String bootId = UUID.randomUUID().toString();
    private final List<String> advertisedMethods;
    private final Set<SimSession> sessions = ConcurrentHashMap.newKeySet();
    private final Map<SimSession, Integer> pendingGaps = new ConcurrentHashMap<>();
    private volatile ScheduledFuture<?> tickTimer;
    private volatile boolean closed;

    private SimGateway(SimConfig config, int httpIdleTimeoutSeconds) throws IOException {
        this.state = new SimState(config, System::currentTimeMillis);
        this.advertisedMethods = config.advertisedMethods().isEmpty() ? METHODS : config.advertisedMethods();
        this.handshake = new Handshake(state);
        this.methods = new SimMethods(this);
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sim-clock");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        this.clock = timer;
        this.container = new LoopbackServerContainer(SimSession.MAX_PAYLOAD_BYTES + 1024, httpIdleTimeoutSeconds);
        try {
            ServerEndpointConfig endpoint = ServerEndpointConfig.Builder.create(SimSession.class, "/")
                    .configurator(new ServerEndpointConfig.Configurator() {
                        @Override
                        public <T> T getEndpointInstance(Class<T> type) {
                            return type.cast(new SimSession(SimGateway.this));
                        }
                    })
                    .build();
            container.addEndpoint(endpoint);
            container.start("/", 0);
            this.door = new FrontDoor(InetAddress.getLoopbackAddress(), config.port(),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), container.getPort()));
        } catch (DeploymentException | IOException | RuntimeException e) {
            container.stop();
            clock.shutdownNow();
            throw e instanceof IOException io ? io : new IOException("simulator failed to start: " + e.getMessage(), e);
        }
        scheduleTicks();
        scheduleHealth();
    }

    /** Starts a simulator; its port is {@link #port()}. */
    public static SimGateway start(SimConfig config) throws IOException {
        return start(config, LoopbackServerContainer.NO_IDLE_TIMEOUT);
    }

    /** As {@link #start(SimConfig)}, with the HTTP server closing connections idle that many seconds (tests). */
    static SimGateway start(SimConfig config, int httpIdleTimeoutSeconds) throws IOException {
        SimGateway gateway = new SimGateway(Objects.requireNonNull(config, "config"), httpIdleTimeoutSeconds);
        LOG.info("simulated gateway listening on {}", gateway.url());
        return gateway;
    }

    /** The HTTP server's idle timeout in seconds; negative when it closes no idle connection. */
    int httpIdleTimeoutSeconds() {
        return container.idleTimeoutSeconds();
    }

    public int port() {
        return door.port();
    }

    /** The URL a client connects to, e.g. {@code ws://127.0.0.1:18789}. */
    public URI url() {
        return URI.create("ws://127.0.0.1:" + port());
    }

    // ---- knobs -------------------------------------------------------------------------------

    public void setToken(String token) {
        Objects.requireNonNull(token, "token");
        state.token(token);
    }

    /** Changes the tick period; the gateway-wide tick schedule restarts with it. */
    public void setTickInterval(Duration interval) {
        state.tickIntervalMs(positive(interval));
        scheduleTicks();
    }

    /** Changes the server's WebSocket keepalive for pings sent from now on. */
    public void setWsPing(Duration interval, Duration pongDeadline) {
        state.wsPing(positive(interval), positive(pongDeadline));
    }

    public void setHandshakeTimeout(Duration timeout) {
        state.handshakeTimeoutMs(positive(timeout));
    }

    /** Delays the answer to {@code connect} (a slow or overloaded gateway). */
    public void setHandshakeDelay(Duration delay) {
        state.handshakeDelayMs(delay.toMillis());
    }

    /** Answers every method call after {@code delay} (a busy gateway); the answer is dropped if the socket closed. */
    public void setMethodDelay(Duration delay) {
        state.methodDelayMs(delay.toMillis());
    }

    public void setPairingMode(PairingMode mode) {
        state.pairingMode(Objects.requireNonNull(mode, "mode"));
    }

    /** For the next {@code duration}, connects get {@code UNAVAILABLE} + close 1013 "gateway starting". */
    public void startupWindow(Duration duration) {
        state.startingFor(duration.toMillis());
    }

    /** The next event to every connected client skips {@code count} sequence numbers. */
    public void injectSeqGap(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a gap skips at least one seq");
        }
        sessions.forEach(s -> pendingGaps.merge(s, count, Integer::sum));
    }

    // ---- lifecycle faults -------------------------------------------------------------------

    /** Graceful stop: {@code shutdown {reason}}, close 1012 "service restart", then the port is closed. */
    public void stop(String reason) {
        // The listener goes first, as in a process that is shutting down: no new socket slips in.
        door.shut();
        shutdownNotice(reason, null);
    }

    /**
     * The first half of an in-process restart: {@code shutdown} with {@code restartExpectedMs},
     * close 1012, the port closed until {@link #revive}, which the caller times.
     */
    public void announceRestart(Duration restartExpected) {
        door.shut();
        shutdownNotice("gateway restarting", restartExpected.toMillis());
    }

    /**
     * In-process restart: {@code shutdown} with {@code restartExpectedMs}, close 1012, the port is
     * closed for {@code downFor}, then the gateway comes back with a {@code startup} window.
     */
    public void restart(Duration restartExpected, Duration downFor, Duration startup) {
        announceRestart(restartExpected);
        clock.schedule(() -> {
            state.startingFor(startup.toMillis());
            revive();
        }, downFor.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Abrupt kill: every socket dropped without a frame, the port refuses connections. */
    public void kill() {
        door.shut();
        door.abortAll();
    }

    /** Accepts connections again after {@link #stop}, {@link #kill} or a restart. */
    public void revive() {
        // The old port may briefly be someone's outgoing ephemeral port; a restarted gateway retries too.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try {
                door.open();
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not listen on port " + port() + " again: " + e.getMessage(), e);
                }
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
    }

    /** Freeze: TCP stays open, nothing is sent or answered, new connections hang (a stopped process). */
    public void freeze() {
        door.setFrozen(true);
    }

    public void unfreeze() {
        sessions.forEach(SimSession::thawed);
        door.setFrozen(false);
    }

    // ---- pairing and approvals ---------------------------------------------------------------

    /** Pending device pairing requests, oldest first. */
    public List<PendingPairing> pendingPairings() {
        List<PendingPairing> result = new ArrayList<>();
        for (PairingRegistry.PendingRequest r : state.pairing().pending()) {
            result.add(new PendingPairing(r.requestId(), r.deviceId(), r.role(), r.scopes(), r.clientId()));
        }
        return result;
    }

    /** Approves a pending request, as {@code openclaw devices approve} does; false when none is pending. */
    public boolean approvePairing(String requestId) {
        return methods.resolvePairing(requestId, true);
    }

    public boolean rejectPairing(String requestId) {
        return methods.resolvePairing(requestId, false);
    }

    /** Raises an exec approval request that operators with {@code operator.approvals} see. Returns its id. */
    public String raiseExecApproval(String command) {
        return methods.raiseExecApproval(command);
    }

    // ---- counters ----------------------------------------------------------------------------

    /** TCP connections open now on the public port. */
    public int openSockets() {
        return door.openConnections();
    }

    public long acceptedTotal() {
        return door.acceptedTotal();
    }

    /** Handshakes that ended in hello-ok. */
    public long handshakes() {
        return state.handshakes();
    }

    /** {@code connect} requests received (accepted or not). */
    public long connectAttempts() {
        return state.connectAttempts();
    }

    /** How often a method was called after the handshake. */
    public long methodCalls(String method) {
        return state.methodCalls(method);
    }

    public Map<String, Long> methodCalls() {
        return state.methodCallsSnapshot();
    }

    /** Authenticated connections now. */
    public int connectedClients() {
        return (int) sessions.stream().filter(SimSession::isOpen).count();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        door.close();
        container.stop();
        clock.shutdownNow();
    }

    // ---- internals used by sessions and methods ----------------------------------------------

    SimState state() {
        return state;
    }

    Handshake handshake() {
        return handshake;
    }

    SimMethods methods() {
        return methods;
    }

    boolean frozen() {
        return door.frozen();
    }

    void register(SimSession session) {
        sessions.add(session);
    }

    void unregister(SimSession session) {
        sessions.remove(session);
        pendingGaps.remove(session);
    }

    int takeSeqGap(SimSession session) {
        Integer gap = pendingGaps.remove(session);
        return gap == null ? 0 : gap;
    }

    void abortDoor(long doorId) {
        door.abort(doorId);
    }

    ScheduledFuture<?> schedule(Runnable task, long delayMs) {
        if (clock.isShutdown()) {
            return null;
        }
        return clock.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("simulator timer task failed", e);
            }
        }, delayMs, TimeUnit.MILLISECONDS);
    }

    /** Sends an event to every authenticated socket that holds {@code requiredScope} (null: everyone). */
    void broadcast(String event, JsonElement payload, String requiredScope) {
        for (SimSession session : sessions) {
            session.sendEvent(event, payload, requiredScope);
        }
    }

    void announcePairingRequest(PairingRegistry.PendingRequest request) {
        broadcast("device.pair.requested", SimMethods.pairingJson(request), Scopes.PAIRING);
    }

    List<SimSession> openSessions() {
        return sessions.stream().filter(SimSession::isOpen).toList();
    }

    JsonObject helloOk(HandshakeOutcome.Accepted who, String connId) {
        JsonObject hello = new JsonObject();
        hello.addProperty("type", "hello-ok");
        hello.addProperty("protocol", Handshake.PROTOCOL);
        JsonObject server = new JsonObject();
        server.addProperty("version", state.serverVersion());
        server.addProperty("bootId", bootId);
        server.addProperty("connId", connId);
        hello.add("server", server);
        JsonObject features = new JsonObject();
        features.add("methods", strings(advertisedMethods));
        features.add("events", strings(EVENTS));
        features.add("capabilities", new JsonArray());
        hello.add("features", features);
        JsonObject snapshot = new JsonObject();
        snapshot.add("presence", methods.presence());
        snapshot.add("health", methods.healthSnapshot());
        JsonObject stateVersion = new JsonObject();
        stateVersion.addProperty("presence", 1);
        stateVersion.addProperty("health", 1);
        snapshot.add("stateVersion", stateVersion);
        snapshot.addProperty("uptimeMs", state.uptimeMs());
        snapshot.addProperty("authMode", "token");
        hello.add("snapshot", snapshot);
        JsonObject auth = new JsonObject();
        auth.addProperty("method", who.authMethod());
        auth.addProperty("role", who.role());
        auth.add("scopes", strings(who.scopes()));
        if (who.deviceToken() != null) {
            auth.addProperty("deviceToken", who.deviceToken());
            auth.addProperty("issuedAtMs", state.now());
        }
        hello.add("auth", auth);
        JsonObject policy = new JsonObject();
        policy.addProperty("maxPayload", SimSession.MAX_PAYLOAD_BYTES);
        policy.addProperty("maxBufferedBytes", 52_428_800);
        policy.addProperty("tickIntervalMs", state.tickIntervalMs());
        hello.add("policy", policy);
        return hello;
    }

    private void shutdownNotice(String reason, Long restartExpectedMs) {
        JsonObject payload = new JsonObject();
        payload.addProperty("reason", reason);
        if (restartExpectedMs != null) {
            payload.addProperty("restartExpectedMs", restartExpectedMs);
        }
        broadcast("shutdown", payload, null);
        for (SimSession session : List.copyOf(sessions)) {
            session.close(1012, "service restart");
        }
    }

    private synchronized void scheduleTicks() {
        if (tickTimer != null) {
            tickTimer.cancel(false);
        }
        long period = state.tickIntervalMs();
        tickTimer = clock.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    private void scheduleHealth() {
        long period = state.healthIntervalMs();
        clock.scheduleAtFixedRate(this::healthEvent, period, period, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        if (frozen()) {
            return;
        }
        JsonObject payload = new JsonObject();
        payload.addProperty("ts", state.now());
        broadcast("tick", payload, null);
    }

    private void healthEvent() {
        if (!frozen()) {
            broadcast("health", methods.healthSnapshot(), null);
        }
    }

    private static long positive(Duration d) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("duration must be positive, was " + d);
        }
        return d.toMillis();
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    static JsonArray strings(List<String> values) {
        JsonArray array = new JsonArray();
        values.forEach(array::add);
        return array;
    }

    /** A device waiting for approval, as {@link #pendingPairings()} lists it. */
    public record PendingPairing(String requestId, String deviceId, String role, List<String> scopes,
                                 String clientId) {
        public PendingPairing {
            scopes = List.copyOf(scopes);
        }
    }
}
