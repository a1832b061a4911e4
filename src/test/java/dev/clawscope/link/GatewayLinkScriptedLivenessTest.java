package dev.clawscope.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clawscope.journal.ClosedBy;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.LivenessKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Liveness through the link's host seam, on the scripted transport and virtual time: a gateway that never pongs. */
@Timeout(20)
class GatewayLinkScriptedLivenessTest extends ScriptedLinkFixture {

    @Test
    void anUnansweredPingEndsTheConnectionWith4000ByTheClientAndTheLinkReconnects() {
        link.connect();
        clock.runPending();
        assertEquals(LinkState.CONNECTED, link.state());

        clock.advance(Duration.ofMillis(9_999));
        assertEquals(List.of(), events(LinkEvent.LivenessTimeout.class), "ping at 5 s, deadline 5 s later");
        clock.advance(Duration.ofMillis(1));

        assertEquals(List.of(new LinkEvent.WsPingSent(5_000L)), events(LinkEvent.WsPingSent.class));
        assertEquals(List.of(new LinkEvent.LivenessTimeout(LivenessKind.WS_PONG, 10_000, 5_000)),
                events(LinkEvent.LivenessTimeout.class));
        assertEquals(List.of(new LinkEvent.Closed(4000, "ws_pong timeout", ClosedBy.CLIENT)),
                events(LinkEvent.Closed.class));
        assertEquals(List.of(4000), gateway.closedByLink());
        LinkEvent.ReconnectScheduled scheduled = events(LinkEvent.ReconnectScheduled.class).get(0);
        assertEquals("transient:ws_pong_timeout", scheduled.cause());

        clock.advance(Duration.ofMillis(scheduled.delayMs()));
        assertEquals(2, gateway.opened());
        assertEquals(LinkState.CONNECTED, link.state());
    }
}
