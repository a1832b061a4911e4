package dev.clawscope.journal;

import java.util.Locale;

/** {@link EventSummary} of the {@code peer_*} lines of an observed client. */
final class PeerSummary {

    private PeerSummary() {
    }

    /** The summary, or null for an event that is not about an observed client. */
    static String of(LinkEvent event) {
        if (event instanceof LinkEvent.PeerConnect e) {
            return "#" + e.conn() + " connected";
        }
        if (event instanceof LinkEvent.PeerUpgrade e) {
            return "#" + e.conn() + " upgrade " + e.path() + " -> " + (e.status() == null ? "no answer" : e.status())
                    + (e.origin() ? ", with Origin" : "") + (e.userAgent() == null ? "" : ", " + e.userAgent())
                    + (e.extensions() == null ? "" : ", offers " + e.extensions());
        }
        if (event instanceof LinkEvent.PeerHello e) {
            return "#" + e.conn() + " " + or(e.clientId(), "?") + " " + or(e.clientVersion(), "")
                    + " (" + or(e.clientMode(), "?") + ", " + or(e.platform(), "?") + ") as " + or(e.role(), "?")
                    + ", auth " + e.auth();
        }
        if (event instanceof LinkEvent.PeerHelloOk e) {
            return "#" + e.conn() + " hello-ok from " + e.serverVersion() + ", tick " + e.tickIntervalMs() + " ms, "
                    + e.methods().size() + " methods";
        }
        if (event instanceof LinkEvent.PeerRequest e) {
            return "#" + e.conn() + " calls " + e.method();
        }
        if (event instanceof LinkEvent.PeerResponse e) {
            return "#" + e.conn() + " " + or(e.method(), "unknown request") + (e.ok() ? " ok" : " failed "
                    + or(e.errorCode(), "") + (e.detailCode() == null ? "" : "/" + e.detailCode()))
                    + (e.rttMs() == null ? "" : String.format(Locale.ROOT, " in %.1f ms", e.rttMs()))
                    + (e.by() == null ? "" : " (answered by the " + e.by() + ")");
        }
        if (event instanceof LinkEvent.PeerEvent e) {
            return "#" + e.conn() + " " + e.event() + (e.frameSeq() == null ? "" : " seq " + e.frameSeq())
                    + (e.restartExpectedMs() == null ? "" : ", back in about " + e.restartExpectedMs() + " ms")
                    + (e.by() == null ? "" : " (sent by the " + e.by() + ")");
        }
        if (event instanceof LinkEvent.PeerWsPing e) {
            return "#" + e.conn() + " ping from the " + e.from();
        }
        if (event instanceof LinkEvent.PeerWsPong e) {
            return "#" + e.conn() + " pong from the " + e.from()
                    + (e.rttMs() == null ? "" : String.format(Locale.ROOT, " after %.1f ms", e.rttMs()))
                    + (Boolean.TRUE.equals(e.dropped()) ? ", dropped" : "");
        }
        if (event instanceof LinkEvent.PeerClose e) {
            return "#" + e.conn() + " close " + (e.code() == null ? "without code" : e.code())
                    + (e.reason().isEmpty() ? "" : " \"" + e.reason() + "\"") + " from the " + e.from();
        }
        if (event instanceof LinkEvent.PeerDisconnect e) {
            return "#" + e.conn() + " gone (" + e.how() + " by the " + e.by() + ") after " + e.livedMs() + " ms";
        }
        if (event instanceof LinkEvent.PeerReconnect e) {
            return "#" + e.conn() + " " + e.gapMs() + " ms after #" + e.after() + " ended"
                    + (e.fault() == null ? "" : " (" + e.fault() + " in force)");
        }
        if (event instanceof LinkEvent.PeerNoticed e) {
            return "#" + e.conn() + " client noticed " + e.fault() + " after " + e.afterFaultMs() + " ms (" + e.how() + ")";
        }
        if (event instanceof LinkEvent.PeerFrameSkipped e) {
            return "#" + e.conn() + " " + e.opcode() + " frame of " + e.length() + " bytes from the " + e.from()
                    + " relayed undecoded (" + e.why() + ")";
        }
        if (event instanceof LinkEvent.PeerDecodeProblem e) {
            return "#" + e.conn() + " " + e.from() + ": " + e.problem();
        }
        return null;
    }

    private static String or(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
