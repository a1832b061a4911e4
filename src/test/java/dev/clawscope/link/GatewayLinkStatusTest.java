package dev.clawscope.link;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.Subscription;
import dev.clawscope.sim.SimConfig;
import dev.clawscope.sim.SimGateway;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The status a link publishes, over a real loopback socket to the simulator. */
class GatewayLinkStatusTest {

    private SimGateway sim;
    private LinkHarness h;

    @AfterEach
    void tearDown() {
        if (h != null) {
            h.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void connectedCarriesTheHelloAndTheListenerEndsOnDisposed() throws Exception {
        sim = SimGateway.start(SimConfig.defaults(LinkHarness.TOKEN));
        h = new LinkHarness(sim.port(), LinkHarness.TOKEN, LinkHarnessConfigs::quiet);
        List<LinkStatus> seen = new CopyOnWriteArrayList<>();
        Subscription subscription = h.link.onStatus("test", seen::add);
        await().atMost(LinkHarness.REAL_WAIT).until(() -> !seen.isEmpty());
        assertEquals(LinkState.IDLE, seen.get(0).state(), "the current value comes first");

        h.link.connect();
        h.awaitState(LinkState.CONNECTED);
        LinkStatus connected = h.link.status();
        assertEquals(LinkState.CONNECTED, connected.state());
        assertEquals(h.events(LinkEvent.HelloOk.class).get(0).serverVersion(), connected.serverVersion());
        assertEquals(1, connected.helloOks());
        assertEquals(0, connected.attempt(), "a hello-ok resets the attempts");
        assertEquals(h.last(LinkEvent.StateChanged.class).monoMs(), connected.connectedSinceMonoMs());
        assertEquals(h.last(LinkEvent.StateChanged.class).gen(), connected.gen());
        assertTrue(Double.isNaN(connected.nextRetryMonoMs()));
        assertNull(connected.pauseReason());

        h.link.dispose();
        await().atMost(LinkHarness.REAL_WAIT).until(() -> seen.get(seen.size() - 1).state() == LinkState.DISPOSED);
        assertEquals(LinkState.DISPOSED, h.link.status().state());
        assertTrue(h.link.status().everConnected());
        subscription.close();
    }

    @Test
    void aRejectedTokenPausesWithReasonAndHint() throws Exception {
        sim = SimGateway.start(SimConfig.defaults(LinkHarness.TOKEN));
        h = new LinkHarness(sim.port(), "not-the-token", LinkHarnessConfigs::quiet);
        h.link.connect();
        h.awaitState(LinkState.PAUSED);
        LinkStatus paused = h.link.status();
        LinkEvent.ReconnectPaused journaled = h.awaitEvent(LinkEvent.ReconnectPaused.class);
        assertEquals(LinkState.PAUSED, paused.state());
        assertEquals(journaled.reason(), paused.pauseReason());
        assertEquals(journaled.detailCode(), paused.pauseDetail());
        assertNotNull(paused.pauseHint());
        assertEquals(journaled.hint(), paused.pauseHint());
        assertEquals(1, paused.failedAttempts());
        assertFalse(paused.everConnected());
    }
}
