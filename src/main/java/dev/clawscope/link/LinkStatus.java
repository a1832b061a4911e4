package dev.clawscope.link;

import java.time.Instant;
import java.util.Objects;

/**
 * What is true of a link now, as one immutable value the link publishes on its owner thread
 * ({@link GatewayLink#status()}, {@link GatewayLink#onStatus}). The journal says what happened and
 * may drop under a flood; this never does. Times in {@code ...MonoMs} are on the journal's
 * {@code mono_ms} clock; NaN means "none".
 *
 * @param state             where the link stands
 * @param gen               the connection generation the link is on
 * @param since             when the link entered {@code state} (wall clock)
 * @param sinceMonoMs       when the link entered {@code state}
 * @param pauseReason       why the link is paused ({@code auth}, {@code pairing}, …), null unless PAUSED
 * @param pauseDetail       the gateway's detail code of that pause, or null
 * @param pauseHint         what the user can do about the pause, or null
 * @param nextRetryMonoMs   when the next attempt is due, NaN unless BACKOFF
 * @param retryDelayMs      the delay of the scheduled retry, 0 unless BACKOFF
 * @param awaitingPairing   the last retry was scheduled because this device's pairing is pending
 * @param attempt           attempts since the user's connect or the last hello-ok
 * @param reconnects        retries scheduled over the link's life
 * @param lastRttMs         the last heartbeat round trip (ws pong or probe)
 * @param lastHeartbeatMonoMs when the last heartbeat (tick, ws pong, probe answer) arrived
 * @param serverVersion     the server version of the last hello-ok, or null before one
 * @param connectedSinceMonoMs when the current connection's hello-ok arrived, NaN unless CONNECTED
 * @param helloOks          handshakes that ended in hello-ok over the link's life
 */
public record LinkStatus(LinkState state, long gen, Instant since, double sinceMonoMs, String pauseReason,
        String pauseDetail, String pauseHint, double nextRetryMonoMs, long retryDelayMs, boolean awaitingPairing,
        int attempt, long reconnects, double lastRttMs, double lastHeartbeatMonoMs, String serverVersion,
        double connectedSinceMonoMs, long helloOks) {

    public LinkStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
    }

    /** A link that has done nothing yet, created at {@code since}. */
    static LinkStatus initial(Instant since, double sinceMonoMs) {
        return new LinkStatus(LinkState.IDLE, 0, since, sinceMonoMs, null, null, null, Double.NaN, 0, false, 0, 0,
                Double.NaN, Double.NaN, null, Double.NaN, 0);
    }

    /** True once any connection of the link reached hello-ok. */
    public boolean everConnected() {
        return helloOks > 0;
    }

    /** Attempts since the user's connect or the last hello-ok that ended without one. */
    public int failedAttempts() {
        boolean trying = state == LinkState.CONNECTING || state == LinkState.HANDSHAKING;
        return trying ? Math.max(0, attempt - 1) : attempt;
    }

    /** This status with {@code count} reconnects: a session adds those of the links it recreated. */
    public LinkStatus withReconnects(long count) {
        return new LinkStatus(state, gen, since, sinceMonoMs, pauseReason, pauseDetail, pauseHint, nextRetryMonoMs,
                retryDelayMs, awaitingPairing, attempt, count, lastRttMs, lastHeartbeatMonoMs, serverVersion,
                connectedSinceMonoMs, helloOks);
    }

    /** This status in {@code next}: what belongs only to the state left behind is cleared. */
    LinkStatus entered(LinkState next, long atGen, Instant at, double atMonoMs) {
        boolean connected = next == LinkState.CONNECTED;
        return new LinkStatus(next, atGen, at, atMonoMs, null, null, null, Double.NaN, 0,
                !connected && awaitingPairing, attempt, reconnects, lastRttMs, lastHeartbeatMonoMs, serverVersion,
                connected ? atMonoMs : Double.NaN, helloOks);
    }

    LinkStatus paused(String reason, String detail, String hint) {
        return new LinkStatus(state, gen, since, sinceMonoMs, reason, detail, hint, nextRetryMonoMs, retryDelayMs,
                awaitingPairing, attempt, reconnects, lastRttMs, lastHeartbeatMonoMs, serverVersion,
                connectedSinceMonoMs, helloOks);
    }

    LinkStatus retrying(long delayMs, boolean forPairing) {
        return new LinkStatus(state, gen, since, sinceMonoMs, null, null, null, sinceMonoMs + delayMs, delayMs,
                forPairing, attempt, reconnects + 1, lastRttMs, lastHeartbeatMonoMs, serverVersion,
                connectedSinceMonoMs, helloOks);
    }

    LinkStatus attempting(int number) {
        return new LinkStatus(state, gen, since, sinceMonoMs, pauseReason, pauseDetail, pauseHint, nextRetryMonoMs,
                retryDelayMs, awaitingPairing, number, reconnects, lastRttMs, lastHeartbeatMonoMs, serverVersion,
                connectedSinceMonoMs, helloOks);
    }

    LinkStatus helloOk(String version) {
        return new LinkStatus(state, gen, since, sinceMonoMs, pauseReason, pauseDetail, pauseHint, nextRetryMonoMs,
                retryDelayMs, false, 0, reconnects, lastRttMs, lastHeartbeatMonoMs, version, connectedSinceMonoMs,
                helloOks + 1);
    }

    LinkStatus heartbeat(double atMonoMs, double rttMs) {
        return new LinkStatus(state, gen, since, sinceMonoMs, pauseReason, pauseDetail, pauseHint, nextRetryMonoMs,
                retryDelayMs, awaitingPairing, attempt, reconnects, Double.isNaN(rttMs) ? lastRttMs : rttMs, atMonoMs,
                serverVersion, connectedSinceMonoMs, helloOks);
    }
}
