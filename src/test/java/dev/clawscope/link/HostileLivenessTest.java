package dev.clawscope.link;

import static dev.clawscope.link.hostile.GatewayFrames.hello;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.LivenessKind;
import dev.clawscope.link.hostile.HostileConnection;
import dev.clawscope.ws.Opcode;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A gateway that goes silent after hello-ok, and one that advertises a {@code ping} method: the
 * link notices the silence by its own pings or its tick watchdog, and never invents a method.
 */
class HostileLivenessTest extends HostileLinkBase {

    @Test
    void silentGatewayIsCaughtByTheUnansweredPing() throws Exception {
        link(c -> {
            c.autoPong(false);
            c.handshake(hello());
        }, c -> c.withWsPing(Duration.ofSeconds(15), Duration.ofSeconds(10)).withTickWatchdog(0)
                .withProbe(null, Duration.ZERO));
        h.awaitState(LinkState.CONNECTED);
        h.advance(Duration.ofSeconds(15));
        connection(0).awaitFrame(f -> f.opcode() == Opcode.PING, LinkHarness.REAL_WAIT);
        h.advance(Duration.ofSeconds(10));
        LinkEvent.LivenessTimeout timeout = h.awaitEvent(LinkEvent.LivenessTimeout.class);
        assertEquals(LivenessKind.WS_PONG, timeout.kind());
        LinkEvent.Closed closed = awaitClosedAndReconnect();
        assertEquals(4000 + " by client", closed.code() + " by " + closed.by());
        assertClientClosed(connection(0), 4000);
    }

    @Test
    void silentGatewayIsCaughtByTheTickWatchdog() throws Exception {
        link(c -> c.handshake(hello()), c -> c.withWsPing(Duration.ZERO, Duration.ofSeconds(10))
                .withProbe(null, Duration.ZERO));
        h.awaitState(LinkState.CONNECTED);
        h.advance(Duration.ofSeconds(59));
        h.clock.runPending();
        assertEquals(0, h.count(LinkEvent.LivenessTimeout.class), "the watchdog fired before 2 x tickIntervalMs");
        h.advance(Duration.ofSeconds(1));
        LinkEvent.LivenessTimeout timeout = h.awaitEvent(LinkEvent.LivenessTimeout.class);
        assertEquals(LivenessKind.TICK, timeout.kind());
        assertEquals(60_000, timeout.deadlineMs());
        awaitClosedAndReconnect();
    }

    @Test
    void advertisedPingMethodIsNeverCalled() throws Exception {
        link(c -> c.handshake(hello().methods(List.of("ping", "health", "status"))
                        .scopes(List.of("operator.read", "operator.write"))),
                c -> c.withWsPing(Duration.ZERO, Duration.ofSeconds(10)).withTickWatchdog(0));
        h.awaitState(LinkState.CONNECTED);
        for (int n = 1; n <= 3; n++) {
            h.advance(Duration.ofSeconds(60));
            h.awaitEvent(LinkEvent.ProbeOk.class, n);
        }
        HostileConnection c = connection(0);
        List<String> methods = c.requestMethods();
        assertFalse(methods.contains("ping"), "the link called ping: " + methods);
        assertTrue(Set.of("connect", "health").containsAll(methods), methods.toString());
        assertTrue(h.events(LinkEvent.ProbeSent.class).stream().allMatch(p -> p.method().equals("health")));
        assertEquals(LinkState.CONNECTED, h.link.state());
    }
}
