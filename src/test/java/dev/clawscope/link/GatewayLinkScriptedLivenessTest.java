package dev.clawscope.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clawscope.journal.ClosedBy;
import dev.clawscope.journal.Journal;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.LivenessKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Liveness through the link's host seam, on the scripted transport and virtual time: a gateway that never pongs. */
@Timeout(20)
class GatewayLinkScriptedLivenessTest {

    private final VirtualLinkExecutor clock = new VirtualLinkExecutor();
    private final Journal journal = new Journal();
    private final ScriptedGateway gateway = ScriptedGateway.accepting(ScriptedGateway.helloOk());
    private final GatewayLink link = gateway.link(clock, journal);

    @AfterEach
    void tearDown() {
        link.dispose();
        journal.close();
    }

    private <T extends LinkEvent> List<T> events(Class<T> type) {
        return journal.snapshot().stream().map(JournalEntry::event).filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void anUnansweredPingEndsTheConnectionWith4000ByTheClientAndTheLinkReconnects() {
        link.connect();
        clock.runPending();
        assertEquals(LinkState.CONNECTED, link.state());

        clock.advance(Duration.ofMillis(24_999));
        assertEquals(List.of(), events(LinkEvent.LivenessTimeout.class), "ping at 15 s, deadline 10 s later");
        clock.advance(Duration.ofMillis(1));

        assertEquals(List.of(new LinkEvent.LivenessTimeout(LivenessKind.WS_PONG, 25_000, 10_000)),
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
