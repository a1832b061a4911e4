package dev.clawscope.journal;

import java.util.Locale;

/** What matters about one journal event, in a few words: for terminal lines, tables and tooltips. */
public final class EventSummary {

    private EventSummary() {
    }

    /**
     * e.g. {@code attempt 2 in 1480 ms (paced-jitter, transient:close_1006)}. A delay of 10 s or more
     * keeps its raw count first and adds a readable one: {@code attempt 3 in 300000 ms (5 min) (…)}.
     */
    public static String of(LinkEvent event) {
        if (event instanceof LinkEvent.StateChanged e) {
            return e.from() + " -> " + e.to();
        }
        if (event instanceof LinkEvent.ConnectAttempt e) {
            return "attempt " + e.attempt() + " to " + e.url();
        }
        if (event instanceof LinkEvent.SocketOpen e) {
            return "socket open";
        }
        if (event instanceof LinkEvent.Challenge e) {
            return "challenge received";
        }
        if (event instanceof LinkEvent.HelloOk e) {
            return "server " + e.serverVersion() + ", protocol " + e.protocol() + ", tick "
                    + e.tickIntervalMs() + " ms, " + e.methods().size() + " methods, scopes " + e.scopes()
                    + (e.authMethod() == null ? "" : ", auth " + e.authMethod());
        }
        if (event instanceof LinkEvent.HandshakeFailed e) {
            return (e.errorCode() == null ? "closed during handshake" : e.errorCode())
                    + (e.detailCode() == null ? "" : "/" + e.detailCode())
                    + (e.closeCode() == null ? "" : ", close " + e.closeCode())
                    + (e.retryAfterMs() == null ? "" : ", retry after " + e.retryAfterMs() + " ms")
                    + (e.retryable() ? ", retryable" : "");
        }
        if (event instanceof LinkEvent.Tick e) {
            return "seq " + e.frameSeq();
        }
        if (event instanceof LinkEvent.WsPingSent e) {
            return e.deadlineMs() == null ? "ping sent" : "ping sent, pong due within " + e.deadlineMs() + " ms";
        }
        if (event instanceof LinkEvent.WsPong e) {
            return String.format(Locale.ROOT, "pong after %.1f ms", e.rttMs());
        }
        if (event instanceof LinkEvent.ServerPing e) {
            return "ping from the gateway";
        }
        if (event instanceof LinkEvent.ProbeSent e) {
            return e.method();
        }
        if (event instanceof LinkEvent.ProbeOk e) {
            return String.format(Locale.ROOT, "%s answered in %.1f ms", e.method(), e.rttMs());
        }
        if (event instanceof LinkEvent.ProbeFailed e) {
            return e.method() + " failed: " + e.reason();
        }
        if (event instanceof LinkEvent.SeqGap e) {
            return "expected seq " + e.expected() + ", got " + e.received();
        }
        if (event instanceof LinkEvent.ShutdownNotice e) {
            return e.reason()
                    + (e.restartExpectedMs() == null ? "" : ", back in about " + e.restartExpectedMs() + " ms"
                            + ReadableDuration.suffix(e.restartExpectedMs()));
        }
        if (event instanceof LinkEvent.LivenessTimeout e) {
            return e.kind() + ": silent for " + e.silenceMs() + " ms (deadline "
                    + e.deadlineMs() + " ms)";
        }
        if (event instanceof LinkEvent.Closed e) {
            return e.code() + (e.reason().isEmpty() ? "" : " \"" + e.reason() + "\"") + " by " + e.by();
        }
        if (event instanceof LinkEvent.ReconnectScheduled e) {
            return "attempt " + e.attempt() + " in " + e.delayMs() + " ms" + ReadableDuration.suffix(e.delayMs())
                    + " (" + e.policy() + ", " + e.cause() + ")";
        }
        if (event instanceof LinkEvent.ReconnectPaused e) {
            return e.reason() + (e.detailCode() == null ? "" : " (" + e.detailCode() + ")")
                    + (e.hint() == null ? "" : ": " + e.hint());
        }
        if (event instanceof LinkEvent.DisconnectRequested e) {
            return "disconnect requested";
        }
        if (event instanceof LinkEvent.DisposeBegin e) {
            return "disposing";
        }
        if (event instanceof LinkEvent.DisposeEnd e) {
            return String.format(Locale.ROOT, "disposed in %.1f ms", e.durationMs());
        }
        if (event instanceof LinkEvent.ListenerFault e) {
            return e.listener() + ": " + e.error();
        }
        if (event instanceof LinkEvent.FaultInjected e) {
            return e.kind();
        }
        if (event instanceof LinkEvent.HintClamped e) {
            return e.field() + " " + e.value() + " is out of range; "
                    + (e.used() == null ? "ignored" : "used " + e.used());
        }
        if (event instanceof LinkEvent.Error e) {
            return e.where() + ": " + e.message();
        }
        String peer = PeerSummary.of(event);
        return peer != null ? peer : event.type();
    }
}
