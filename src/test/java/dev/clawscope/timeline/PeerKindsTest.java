package dev.clawscope.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.Source;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every {@code peer_*} line of an observed client on its lane, in its kind, colour token and label. */
class PeerKindsTest {

    private static void classified(LinkEvent event, Kind kind, Lane lane, Tone tone, String label) {
        assertThat(EventKinds.of(event)).as(event.type()).isEqualTo(kind);
        assertThat(kind.lane()).as(event.type()).isEqualTo(lane);
        assertThat(kind.tone()).as(event.type()).isEqualTo(tone);
        assertThat(EventKinds.label(event)).as(event.type()).isEqualTo(label);
        assertThat(kind.family().of(Source.Kind.OBSERVED_CLIENT)).as(event.type()).isTrue();
    }

    @Test
    void connectionLifecycle() {
        classified(new LinkEvent.PeerConnect(3), Kind.PEER_CONNECT, Lane.RECONNECT, Tone.CLOSE, "#3");
        classified(new LinkEvent.PeerUpgrade(3, "/", false, "ua", null, null, 101), Kind.HANDSHAKE, Lane.RECONNECT,
                Tone.MUTED, "#3 upgrade 101");
        classified(new LinkEvent.PeerUpgrade(3, "/", false, "ua", null, null, null), Kind.PEER_UPGRADE_FAILED,
                Lane.FAULT, Tone.STOPPED, "#3 upgrade not answered");
        classified(new LinkEvent.PeerUpgrade(3, "/", false, "ua", null, null, 503), Kind.PEER_UPGRADE_FAILED,
                Lane.FAULT, Tone.STOPPED, "#3 upgrade 503");
        classified(new LinkEvent.PeerHello(3, "r", "cli", "cli", "1.0", "linux", null, "operator", List.of(), "token",
                null, 3, 4), Kind.HANDSHAKE, Lane.RECONNECT, Tone.MUTED, "#3 connect as cli");
        classified(new LinkEvent.PeerEvent(3, "connect.challenge", null, null, null), Kind.HANDSHAKE, Lane.RECONNECT,
                Tone.MUTED, "#3 connect.challenge");
        classified(new LinkEvent.PeerHelloOk(3, "2026.9.6", 4, 30_000, List.of("health"), "token"), Kind.HELLO,
                Lane.RECONNECT, Tone.CONNECTED, "#3 hello ok");
        classified(new LinkEvent.PeerReconnect(3, 1_250, 2, null), Kind.PEER_RECONNECT, Lane.RECONNECT, Tone.BACKOFF,
                "#3 after 1.3 s");
        classified(new LinkEvent.PeerClose(3, "server", 1012, "service restart"), Kind.PEER_CLOSE, Lane.FAULT,
                Tone.CLOSE, "#3 close 1012 from server");
        classified(new LinkEvent.PeerClose(3, "client", null, ""), Kind.PEER_CLOSE, Lane.FAULT, Tone.CLOSE,
                "#3 close from client");
        classified(new LinkEvent.PeerDisconnect(3, "close_frame", "client", 100), Kind.PEER_GONE, Lane.RECONNECT,
                Tone.MUTED, "#3 close frame by client");
        classified(new LinkEvent.PeerDisconnect(3, "rst", "server", 100), Kind.PEER_DROPPED, Lane.FAULT, Tone.CLOSE,
                "#3 rst by server");
        classified(new LinkEvent.PeerDisconnect(3, "fin", "client", 100), Kind.PEER_DROPPED, Lane.FAULT, Tone.CLOSE,
                "#3 fin by client");
        classified(new LinkEvent.PeerResponse(3, "connect", "c1", false, "AUTH_TOKEN_MISMATCH", null, null, 2.0,
                "observer"), Kind.HANDSHAKE_FAILED, Lane.FAULT, Tone.STOPPED, "#3 connect failed: AUTH_TOKEN_MISMATCH");
        assertThat(Kind.PEER_GONE.drawn()).as("the close frame before it is drawn").isFalse();
        assertThat(Kind.HANDSHAKE.drawn()).isFalse();
        assertThat(EventKinds.bar(new LinkEvent.PeerReconnect(3, 1_250, 2, null)))
                .as("the gap lies behind the connect that ends it").isEqualTo(new EventKinds.Bar(-1_250, 1_250));
    }

    @Test
    void heartbeatsByWhoSentThem() {
        classified(new LinkEvent.PeerWsPing(2, "client"), Kind.PEER_PING_CLIENT, Lane.HEARTBEAT, Tone.PING,
                "ws ping from client");
        classified(new LinkEvent.PeerWsPing(2, "server"), Kind.PEER_PING_SERVER, Lane.HEARTBEAT, Tone.PING,
                "ws ping from server");
        classified(new LinkEvent.PeerWsPong(2, "server", 1.5, null), Kind.PEER_PONG_SERVER, Lane.HEARTBEAT, Tone.PONG,
                "ws pong from server");
        classified(new LinkEvent.PeerWsPong(2, "client", 0.7, null), Kind.PEER_PONG_CLIENT, Lane.HEARTBEAT, Tone.PONG,
                "ws pong from client");
        classified(new LinkEvent.PeerWsPong(2, "server", 1.5, true), Kind.PEER_PONG_DROPPED, Lane.HEARTBEAT,
                Tone.TIMEOUT, "#2 pong dropped");
        classified(new LinkEvent.PeerEvent(2, "tick", 41L, null, null), Kind.TICK, Lane.HEARTBEAT, Tone.TICK,
                "tick frame");
        // what the client sends sits low on the lane, what the server sends high, as for the link
        assertThat(MarkShape.of(Kind.PEER_PING_CLIENT)).isEqualTo(MarkShape.of(Kind.PING));
        assertThat(MarkShape.of(Kind.PEER_PONG_SERVER)).isEqualTo(MarkShape.of(Kind.PONG));
        assertThat(MarkShape.of(Kind.PEER_PING_SERVER).bottom()).isLessThan(MarkShape.of(Kind.PEER_PONG_CLIENT).top());
    }

    @Test
    void rpcCallsAndServerEvents() {
        classified(new LinkEvent.PeerRequest(1, "health", "7"), Kind.PEER_REQUEST, Lane.RPC, Tone.PING, "#1 health");
        classified(new LinkEvent.PeerResponse(1, "health", "7", true, null, null, null, 3.0, null), Kind.PEER_RESPONSE,
                Lane.RPC, Tone.PROBE, "#1 health ok");
        classified(new LinkEvent.PeerResponse(1, "ping", "8", false, "INVALID_REQUEST", null, null, 1.0, null),
                Kind.PEER_RESPONSE_FAILED, Lane.RPC, Tone.STOPPED, "#1 ping failed: INVALID_REQUEST");
        classified(new LinkEvent.PeerResponse(1, null, "9", true, null, null, null, null, null), Kind.PEER_RESPONSE,
                Lane.RPC, Tone.PROBE, "#1 unknown request ok");
        classified(new LinkEvent.PeerEvent(1, "presence", 5L, null, null), Kind.PEER_EVENT, Lane.RPC, Tone.MUTED,
                "#1 presence");
        assertThat(Kind.PEER_EVENT.drawn()).as("a busy session sends many").isFalse();
        String hostile = "m".repeat(5_000);
        assertThat(EventKinds.label(new LinkEvent.PeerRequest(1, hostile, "1"))).hasSize(3 + 48).endsWith("\u2026");
    }

    @Test
    void problemsAndDetection() {
        classified(new LinkEvent.PeerNoticed(1, "freeze", 12_300, "close_frame"), Kind.PEER_NOTICED, Lane.FAULT,
                Tone.TIMEOUT, "#1 noticed freeze");
        assertThat(Kind.PEER_NOTICED.strong()).as("detection, as a liveness timeout").isTrue();
        classified(new LinkEvent.PeerEvent(1, "shutdown", 3L, 5_000L, "observer"), Kind.SHUTDOWN, Lane.FAULT,
                Tone.TIMEOUT, "#1 shutdown, back in 5.0 s");
        classified(new LinkEvent.PeerDecodeProblem(4, "client", "a frame with RSV2 set"), Kind.PEER_PROBLEM, Lane.FAULT,
                Tone.STOPPED, "#4 decode problem (client)");
        classified(new LinkEvent.PeerFrameSkipped(4, "server", "text", 2_000_000, "oversize"), Kind.PEER_SKIPPED,
                Lane.FAULT, Tone.MUTED, "#4 oversize text frame");
        classified(new LinkEvent.FaultInjected("freeze"), Kind.FAULT, Lane.FAULT, Tone.FAULT, "fault: freeze");
    }

    @Test
    void faultsThatMeetOnlyLaterConnectionsDoNotReachOpenOnes() {
        for (String kind : List.of("freeze", "blackhole", "restart", "drop-pongs", "reset", "delay", "throttle")) {
            assertThat(EventKinds.reachesOpenConnections(kind)).as(kind).isTrue();
        }
        for (String kind : List.of("heal", "pass", "refuse", "stall-upgrade", "unavailable", "auth-reject")) {
            assertThat(EventKinds.reachesOpenConnections(kind)).as(kind).isFalse();
        }
    }

    @Test
    void theObservedClientsLanesAndLegend() {
        assertThat(Lane.of(Source.Kind.OBSERVED_CLIENT)).containsExactly(Lane.STATE, Lane.HEARTBEAT, Lane.RECONNECT,
                Lane.FAULT, Lane.RPC);
        assertThat(Lane.of(Source.Kind.GATEWAY_LINK)).containsExactly(Lane.STATE, Lane.HEARTBEAT, Lane.RECONNECT,
                Lane.FAULT, Lane.DISPOSAL);
        assertThat(Lane.STATE.title(Source.Kind.OBSERVED_CLIENT)).isEqualTo("Connections");
        assertThat(Lane.STATE.title(Source.Kind.GATEWAY_LINK)).isEqualTo("Link state");

        String observed = Legend.OBSERVED.stream().map(Legend.Entry::label).collect(Collectors.joining(" / "));
        assertThat(observed).contains("connection opening", "connection up", "connection closing", "client noticed",
                "ws ping from client", "ws pong from server", "reconnect gap", "rpc ok", "rpc failed",
                "undetected (fault \u2192 client noticed)").doesNotContain("backoff", "dispose", "probe");
        List<Tone> tones = Legend.OBSERVED.stream().map(Legend.Entry::tone).toList();
        for (Kind kind : Kind.values()) {
            if (kind.drawn() && kind.family().of(Source.Kind.OBSERVED_CLIENT)) {
                assertThat(tones).as(kind + " has a swatch").contains(kind.tone());
            }
        }
        String link = Legend.ENTRIES.stream().map(Legend.Entry::label).collect(Collectors.joining(" / "));
        assertThat(link).doesNotContain("client", "rpc", "connection opened");
        assertThat(Legend.of(Source.Kind.GATEWAY_LINK)).isSameAs(Legend.ENTRIES);
    }

    @Test
    void labelledMarks() {
        assertThat(Kind.PEER_CONNECT.labelled()).isTrue();
        assertThat(Kind.PEER_RECONNECT.labelled()).isTrue();
        assertThat(Kind.PEER_CLOSE.labelled()).isTrue();
        assertThat(Kind.PEER_PING_CLIENT.labelled()).isFalse();
        assertThat(Kind.HANDSHAKE.labelled()).as("not drawn").isFalse();
        assertThat(Kind.BACKOFF.labelled()).isTrue();
    }
}
