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
                new LinkEvent.HintClamped("tick_interval_ms", Long.MAX_VALUE, null));
    }
}
