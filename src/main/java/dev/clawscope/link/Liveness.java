package dev.clawscope.link;

import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.LivenessKind;
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
 *
 * <p>The pong deadline follows the measured round trips: three times the largest of the last 16
 * pongs, at least the configured {@code pongDeadline} (the floor) and at most 30 s (unless the floor
 * is longer). On loopback the floor rules and a dead peer is noticed quickly; on a link with seconds
 * of latency the deadline widens by itself instead of raising false alarms. The round trips are
 * kept across the link's connections, so a reconnect on a slow link starts with what it measured.
 * The probe's deadline is the same, and never under 1 s.
 *
 * <p>A {@code tickIntervalMs} outside [100 ms, 10 min] (zero and negative included) tells nothing
 * usable: the watchdog stays off for that connection and {@code hint_clamped} is journaled once.
 * Durations from the config that do not fit a long count as the longest.
 */
final class Liveness {

    /** Scopes the cheap read methods need; an unlisted method needs operator.admin, as on the gateway. */
    private static final Map<String, String> PROBE_SCOPES = Map.of(
            "health", "operator.read",
            "status", "operator.read",
            "system-presence", "operator.read",
            "last-heartbeat", "operator.read",
            "gateway.identity.get", "operator.read");
    /**
     * How often the wall clock is compared with the monotonic one. A jump (a laptop waking from
     * sleep) is noticed within this; the regular ping every 5 s would notice the dead connection
     * soon after anyway. Every 5 s rather than every second: 200 watched links woke their owner
     * threads 200 times a second for it.
     */
    static final long CLOCK_CHECK_MS = 5_000;
    /** The derived pong deadline stops here, unless the configured floor is longer. */
    static final long PONG_DEADLINE_CAP_MS = 30_000;
    /** How many of the latest pongs the derived deadline looks at. */
    static final int RTT_WINDOW = 16;
    /** The derived deadline is this many times the largest recent round trip. */
    static final int RTT_FACTOR = 3;
    /** The shortest deadline a probe RPC gets: the gateway has to do some work to answer it. */
    private static final long PROBE_DEADLINE_MIN_MS = 1_000;
    /** The tick intervals the watchdog trusts. */
    static final HintRange TICK_INTERVAL = new HintRange("tick_interval_ms", 100, 600_000);

    private final LivenessHost link;
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
    /** The round trips of the latest pongs, a ring of {@link #RTT_WINDOW}; kept across connections. */
    private final double[] rtts = new double[RTT_WINDOW];
    private int rttCount;
    private int rttNext;
    private Cancellable pingTimer = Cancellable.NONE;
    private Cancellable pongTimer = Cancellable.NONE;
    private Cancellable watchdogTimer = Cancellable.NONE;
    private Cancellable probeTimer = Cancellable.NONE;
    private Cancellable probeDeadline = Cancellable.NONE;
    private Cancellable clockTimer = Cancellable.NONE;

    Liveness(LivenessHost link, LinkConfig config) {
        this.link = link;
        this.config = config;
    }

    void start(HelloOk hello) {
        stop();
        running = true;
        lastInboundMs = link.nowMs();
        lastHeardMs = lastInboundMs;
        if (!config.wsPingInterval().isZero()) {
            pingTimer = link.schedule(this::sendPing, Saturating.millis(config.wsPingInterval()));
        }
        if (config.tickWatchdogMultiplier() > 0) {
            startWatchdog(hello.policy().tickIntervalMs());
        }
        probeMethod = probeAllowed(hello) ? config.probeMethod() : null;
        if (probeMethod != null && !config.probeInterval().isZero()) {
            probeTimer = link.schedule(this::sendProbe, Saturating.millis(config.probeInterval()));
        }
        lastWallMs = link.wallMs();
        lastMonoMs = link.nowMs();
        clockTimer = link.schedule(this::checkClock, CLOCK_CHECK_MS);
    }

    /** Arms the watchdog at {@code multiplier x tickIntervalMs}, unless the interval is out of range. */
    private void startWatchdog(long tickIntervalMs) {
        LinkEvent.HintClamped ignored = TICK_INTERVAL.ignored(tickIntervalMs);
        if (ignored != null) {
            link.emit(ignored);
            return;
        }
        watchdogDeadlineMs = Saturating.multiply(config.tickWatchdogMultiplier(), tickIntervalMs);
        watchdogTimer = link.schedule(this::checkWatchdog, watchdogDeadlineMs);
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
        rtts[rttNext] = rtt;
        rttNext = (rttNext + 1) % RTT_WINDOW;
        rttCount = Math.min(rttCount + 1, RTT_WINDOW);
        link.emit(new LinkEvent.WsPong(rtt));
    }

    /**
     * The deadline for a pong (and, at least 1 s, for a probe) sent now: three times the largest of
     * the latest round trips, no shorter than the configured floor, no longer than the cap unless
     * the floor is.
     */
    long pongDeadlineMs() {
        double largest = 0;
        for (int i = 0; i < rttCount; i++) {
            largest = Math.max(largest, rtts[i]);
        }
        long derived = (long) Math.min(PONG_DEADLINE_CAP_MS, Math.ceil(RTT_FACTOR * largest));
        return Math.max(Saturating.millis(config.pongDeadline()), derived);
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
        pingTimer = link.schedule(this::sendPing, Saturating.millis(config.wsPingInterval()));
    }

    private void ping() {
        if (!link.sendPing(ByteBuffer.allocate(Long.BYTES).putLong(pingSeq + 1).array())) {
            return;
        }
        pingSeq++;
        pingSentMs = link.nowMs();
        long deadline = pongDeadlineMs();
        link.emit(new LinkEvent.WsPingSent(deadline));
        pongTimer = link.schedule(() -> {
            if (running && pingSentMs >= 0) {
                link.livenessLost(LivenessKind.WS_PONG, link.nowMs() - lastHeardMs, deadline);
            }
        }, deadline);
    }

    private void checkWatchdog() {
        if (!running) {
            return;
        }
        long silence = link.nowMs() - lastInboundMs;
        if (silence >= watchdogDeadlineMs) {
            link.livenessLost(LivenessKind.TICK, silence, watchdogDeadlineMs);
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
            long deadline = Math.max(pongDeadlineMs(), PROBE_DEADLINE_MIN_MS);
            probeDeadline = link.schedule(() -> {
                if (running && probeId != null) {
                    probeId = null;
                    link.emit(new LinkEvent.ProbeFailed(probeMethod, "timeout"));
                    link.livenessLost(LivenessKind.PROBE, link.nowMs() - lastHeardMs, deadline);
                }
            }, deadline);
        }
        probeTimer = link.schedule(this::sendProbe, Saturating.millis(config.probeInterval()));
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
        if (Math.abs(drift) >= Saturating.millis(config.clockJumpThreshold()) && !config.clockJumpThreshold().isZero()) {
            link.emit(new LinkEvent.Error("clock", "wall clock jumped " + drift + " ms; checking liveness now"));
            if (pingSentMs < 0) {
                ping();
            }
        }
        clockTimer = link.schedule(this::checkClock, CLOCK_CHECK_MS);
    }
}
