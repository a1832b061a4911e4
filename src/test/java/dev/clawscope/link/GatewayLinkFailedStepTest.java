package dev.clawscope.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.journal.ClosedBy;
import dev.clawscope.journal.LinkEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A step of the link that throws must not leave it claiming a state it is not in: the connection
 * ends with a journaled reason, the socket is closed, and the link backs off and tries again.
 */
class GatewayLinkFailedStepTest extends ScriptedLinkFixture {

    @Test
    void aThrowingSendEndsTheConnectionAndBacksOff() {
        gateway.failSendWhen(text -> text.contains("\"method\":\"connect\""));
        link.connect();
        clock.runPending();

        assertEquals(LinkState.BACKOFF, link.state());
        assertEquals(List.of(1011), gateway.closedByLink(), "the socket of the failed step is closed");
        List<LinkEvent> events = events();
        assertTrue(events.stream().anyMatch(e -> e instanceof LinkEvent.Error err && err.where().equals("internal")),
                events::toString);
        assertTrue(events.stream().anyMatch(e -> e instanceof LinkEvent.Closed c && c.code() == 1011
                && c.by() == ClosedBy.CLIENT), events::toString);
        LinkEvent.ReconnectScheduled scheduled = events.stream().filter(LinkEvent.ReconnectScheduled.class::isInstance)
                .map(LinkEvent.ReconnectScheduled.class::cast).reduce((a, b) -> b).orElseThrow();
        assertEquals("transient:internal_error", scheduled.cause());
        assertFalse(link.history().everConnected());

        gateway.failSendWhen(text -> false);
        clock.advance(Duration.ofMillis(scheduled.delayMs()));
        assertEquals(2, gateway.opened(), "the link tried again after the backoff");
        assertEquals(LinkState.CONNECTED, link.state());
    }

    @Test
    void aThrowingStepAfterHelloOkLeavesConnectedForBackoff() {
        link.connect();
        clock.runPending();
        assertEquals(LinkState.CONNECTED, link.state());

        gateway.failSendWhen(text -> text.contains("\"method\":\"status\""));
        link.request("status", null, Duration.ofSeconds(5));
        clock.runPending();

        assertEquals(LinkState.BACKOFF, link.state(), "not connected once the connection is gone");
        assertEquals(List.of(1011), gateway.closedByLink());
        assertEquals(1, link.history().helloOks());
        assertTrue(link.history().everConnected());
    }
}
