package dev.clawscope.link;

import dev.clawscope.journal.LinkEvent;
import dev.clawscope.protocol.HelloOk;
import dev.clawscope.protocol.ResponseFrame;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * The three liveness layers of a connected link, all on the owner thread: our own WebSocket ping
 * with a pong deadline, a watchdog that wants a text frame at least every
 * {@code multiplier x tickIntervalMs}, and an optional probe RPC used only when the gateway
 * advertises it and the granted scopes allow it. There is never a {@code ping} RPC: gateways have none.
 * A wall-clock jump against the monotonic clock (sleep and resume) triggers a ping at once.
 */
final class Liveness {

    /** Scopes the cheap read methods need; an unlisted method needs operator.admin, as on the gateway. */
    private static final Map<String, String> PROBE_SCOPES = Map.of(
            "health", "operator.read",
            "status", "operator.read",
            "system-presence", "operator.read",
            "last-heartbeat", "operator.read",
            "gateway.identity.get", "operator.read");
    private static final long CLOCK_CHECK_MS = 1_000;

    private final GatewayLink link;
    private final LinkConfig config;

    // Owner-thread state.
    private boolean running;
    /** The last text frame: what the tick watchdog measures (the application layer). */
    private long lastInboundMs;
    /** The last text frame or pong: anything that proves the peer still answers. */
    private long lastHeardMs;
    private long watchdogDeadlineMs;
    private long pingSentMs = -1;
    private long pingSeq;
    private String probeId;
    private long probeSentMs;
    private String probeMethod;
    private long lastWallMs;
    private long lastMonoMs;
    private Cancellable pingTimer = Cancellable.NONE;
    private Cancellable pongTimer = Cancellable.NONE;
    private Cancellable watchdogTimer = Cancellable.NONE;
    private Cancellable probeTimer = Cancellable.NONE;
    private Cancellable probeDeadline = Cancellable.NONE;
    private Cancellable clockTimer = Cancellable.NONE;

    Liveness(GatewayLink link, LinkConfig config) {
        this.link = link;
        this.config = config;
    }

    void start(HelloOk hello) {
        stop();
        running = true;
        lastInboundMs = link.nowMs();
        lastHeardMs = lastInboundMs;
        if (!config.wsPingInterval().isZero()) {
            pingTimer = link.schedule(this::sendPing, config.wsPingInterval().toMillis());
        }
        if (config.tickWatchdogMultiplier() > 0 && hello.policy().tickIntervalMs() > 0) {
            watchdogDeadlineMs = config.tickWatchdogMultiplier() * hello.policy().tickIntervalMs();
            watchdogTimer = link.schedule(this::checkWatchdog, watchdogDeadlineMs);
        }
        probeMethod = probeAllowed(hello) ? config.probeMethod() : null;
        if (probeMethod != null && !config.probeInterval().isZero()) {
            probeTimer = link.schedule(this::sendProbe, config.probeInterval().toMillis());
        }
        lastWallMs = link.wallMs();
        lastMonoMs = link.nowMs();
        clockTimer = link.schedule(this::checkClock, CLOCK_CHECK_MS);
    }

    void stop() {
        running = false;
        pingSentMs = -1;
        probeId = null;
        pingTimer.cancel();
        pongTimer.cancel();
        watchdogTimer.cancel();
        probeTimer.cancel();
        probeDeadline.cancel();
        clockTimer.cancel();
    }

    /** Any text frame proves the gateway's application layer is alive. */
    void inbound() {
        lastInboundMs = link.nowMs();
        lastHeardMs = lastInboundMs;
    }

    void pong(byte[] payload) {
        if (!running || pingSentMs < 0) {
            return;
        }
        if (payload.length == Long.BYTES && ByteBuffer.wrap(payload).getLong() != pingSeq) {
            return; // an answer to an older ping
        }
        lastHeardMs = link.nowMs();
        double rtt = lastHeardMs - pingSentMs;
        pingSentMs = -1;
        pongTimer.cancel();
        link.emit(new LinkEvent.WsPong(rtt));
    }

    /** True when {@code response} answers the liveness probe (and is consumed here). */
    boolean probeAnswered(ResponseFrame response) {
        if (probeId == null || !probeId.equals(response.id())) {
            return false;
        }
        probeId = null;
        probeDeadline.cancel();
        if (response.ok()) {
            link.emit(new LinkEvent.ProbeOk(probeMethod, (double) (link.nowMs() - probeSentMs)));
        } else {
            link.emit(new LinkEvent.ProbeFailed(probeMethod, response.error().code()));
        }
        return true;
    }

    private boolean probeAllowed(HelloOk hello) {
        String method = config.probeMethod();
        if (method == null || !hello.advertisesMethod(method)) {
            return false;
        }
        return hello.grantsScope(PROBE_SCOPES.getOrDefault(method, "operator.admin"));
    }

    private void sendPing() {
        if (!running) {
            return;
        }
        if (pingSentMs < 0) {
            ping();
        }
        pingTimer = link.schedule(this::sendPing, config.wsPingInterval().toMillis());
    }

    private void ping() {
        Transport.Connection connection = link.connection();
        if (connection == null) {
            return;
        }
        pingSeq++;
        pingSentMs = link.nowMs();
        connection.sendPing(ByteBuffer.allocate(Long.BYTES).putLong(pingSeq).array());
        link.emit(new LinkEvent.WsPingSent());
        long deadline = config.pongDeadline().toMillis();
        pongTimer = link.schedule(() -> {
            if (running && pingSentMs >= 0) {
                link.livenessLost("ws_pong", link.nowMs() - lastHeardMs, deadline);
            }
        }, deadline);
    }

    private void checkWatchdog() {
        if (!running) {
            return;
        }
        long silence = link.nowMs() - lastInboundMs;
        if (silence >= watchdogDeadlineMs) {
            link.livenessLost("tick", silence, watchdogDeadlineMs);
            return;
        }
        watchdogTimer = link.schedule(this::checkWatchdog, watchdogDeadlineMs - silence);
    }

    private void sendProbe() {
        if (!running) {
            return;
        }
        if (probeId == null) {
            probeSentMs = link.nowMs();
            probeId = link.sendProbe(probeMethod);
            link.emit(new LinkEvent.ProbeSent(probeMethod));
            long deadline = Math.max(config.pongDeadline().toMillis(), 1_000);
            probeDeadline = link.schedule(() -> {
                if (running && probeId != null) {
                    probeId = null;
                    link.emit(new LinkEvent.ProbeFailed(probeMethod, "timeout"));
                    link.livenessLost("probe", link.nowMs() - lastHeardMs, deadline);
                }
            }, deadline);
        }
        probeTimer = link.schedule(this::sendProbe, config.probeInterval().toMillis());
    }

    /** A laptop that slept sees the wall clock leap while monotonic time stood still: check at once. */
    private void checkClock() {
        if (!running) {
            return;
        }
        long wall = link.wallMs();
        long mono = link.nowMs();
        long drift = (wall - lastWallMs) - (mono - lastMonoMs);
        lastWallMs = wall;
        lastMonoMs = mono;
        if (Math.abs(drift) >= config.clockJumpThreshold().toMillis() && !config.clockJumpThreshold().isZero()) {
            link.emit(new LinkEvent.Error("clock", "wall clock jumped " + drift + " ms; checking liveness now"));
            if (pingSentMs < 0) {
                ping();
            }
        }
        clockTimer = link.schedule(this::checkClock, CLOCK_CHECK_MS);
    }
}
