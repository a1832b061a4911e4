package dev.clawscope.journal;

import dev.clawscope.journal.LinkEvent.ConnectAttempt;
import dev.clawscope.journal.LinkEvent.HandshakeFailed;
import dev.clawscope.journal.LinkEvent.HelloOk;
import dev.clawscope.journal.LinkEvent.ReconnectPaused;
import dev.clawscope.journal.LinkEvent.ShutdownNotice;
import java.util.List;
import java.util.stream.IntStream;

/** At least one event of every type, with optional fields both present and absent. */
final class SampleEvents {

    /** A realistic advertised method list: hundreds of names. */
    static final List<String> MANY_METHODS =
            IntStream.range(0, 450).mapToObj(i -> "method.number" + i).toList();

    private SampleEvents() {
    }

    static List<LinkEvent> all() {
        return List.of(
                new LinkEvent.StateChanged("CONNECTING", "HANDSHAKING"),
                new ConnectAttempt(3, "ws://127.0.0.1:18789/"),
                new LinkEvent.SocketOpen(),
                new LinkEvent.Challenge(),
                new HelloOk("2026.9.6", 4, 30_000, MANY_METHODS, List.of("operator.read", "operator.write")),
                new HelloOk("dev", 4, 15_000, List.of(), List.of()),
                new HandshakeFailed("AUTH_TOKEN_MISMATCH", "token-mismatch", false, null, null),
                new HandshakeFailed("UNAVAILABLE", null, true, 5_000L, 1013),
                new HandshakeFailed(null, null, true, null, 1006),
                new LinkEvent.Tick(41),
                new LinkEvent.WsPingSent(),
                new LinkEvent.WsPingSent(7_500L),
                new LinkEvent.WsPong(3.25),
                new LinkEvent.ServerPing(),
                new LinkEvent.ProbeSent("health"),
                new LinkEvent.ProbeOk("health", 17.125),
                new LinkEvent.ProbeFailed("health", "timeout after 10000 ms"),
                new LinkEvent.SeqGap(12, 15),
                new ShutdownNotice("gateway restarting", 8_000L),
                new ShutdownNotice("gateway stopping", null),
                new LinkEvent.LivenessTimeout(LivenessKind.WS_PONG, 10_004, 10_000),
                new LinkEvent.Closed(4000, "tick timeout", ClosedBy.CLIENT),
                new LinkEvent.Closed(1006, "", ClosedBy.TRANSPORT),
                new LinkEvent.ReconnectScheduled(2, 1_734, "full-jitter", "closed 1006"),
                new ReconnectPaused("pairing required", "PAIRING_REQUIRED"),
                new ReconnectPaused("protocol mismatch", null),
                new LinkEvent.DisconnectRequested(),
                new LinkEvent.DisposeBegin(),
                new LinkEvent.DisposeEnd(12.5),
                new LinkEvent.ListenerFault("timeline", "java.lang.IllegalStateException: boom"),
                new LinkEvent.FaultInjected("blackhole"),
                new LinkEvent.Error("reader", "unexpected frame"),
                new LinkEvent.HintClamped("retry_after_ms", 1_000_000_000_000_000L, 300_000L),
                new LinkEvent.HintClamped("tick_interval_ms", Long.MAX_VALUE, null),
                new LinkEvent.PeerConnect(1),
                new LinkEvent.PeerUpgrade(1, "/", false, "openclaw-node/2026.9.6", "permessage-deflate", null, 101),
                new LinkEvent.PeerUpgrade(2, "/", true, null, null, null, null),
                new LinkEvent.PeerHello(1, "c1", "node-host", "node", "2026.9.6", "linux", "instance-1", "node",
                        List.of("node.read"), "token+device", "device-1", 3, 4),
                new LinkEvent.PeerHello(2, "c2", null, null, null, null, null, null, null, "none", null, null, null),
                new LinkEvent.PeerHelloOk(1, "2026.9.6", 4, 30_000, MANY_METHODS, "token"),
                new LinkEvent.PeerRequest(1, "health", "7"),
                new LinkEvent.PeerResponse(1, "health", "7", true, null, null, null, 3.25, null),
                new LinkEvent.PeerResponse(2, "connect", "c2", false, "UNAVAILABLE", "starting", 500L, null, "observer"),
                new LinkEvent.PeerEvent(1, "tick", 41L, null, null),
                new LinkEvent.PeerEvent(1, "shutdown", 42L, 5_000L, "observer"),
                new LinkEvent.PeerWsPing(1, "client"),
                new LinkEvent.PeerWsPong(1, "server", 0.75, null),
                new LinkEvent.PeerWsPong(1, "server", null, true),
                new LinkEvent.PeerClose(1, "observer", 1012, "service restart"),
                new LinkEvent.PeerClose(1, "client", null, ""),
                new LinkEvent.PeerDisconnect(1, "close_frame", "observer", 6_090),
                new LinkEvent.PeerReconnect(2, 1_734, 1, "restart"),
                new LinkEvent.PeerReconnect(3, 20, 2, null),
                new LinkEvent.PeerNoticed(1, "freeze", 2_914, "close_frame"),
                new LinkEvent.PeerFrameSkipped(1, "server", "binary", 2_000_000, "oversize"),
                new LinkEvent.PeerDecodeProblem(1, "client", "a frame with RSV2 set"));
    }
}
