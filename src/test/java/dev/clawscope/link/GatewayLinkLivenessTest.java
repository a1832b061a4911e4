package dev.clawscope.link;

import static dev.clawscope.link.LinkHarness.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.chaos.Fault;
import dev.clawscope.chaos.FaultProxy;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.LivenessKind;
import dev.clawscope.sim.SimConfig;
import dev.clawscope.sim.SimGateway;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Dead-peer detection: own pings, the tick watchdog and the capability-gated probe. */
class GatewayLinkLivenessTest {

    private SimGateway sim;
    private FaultProxy proxy;
    private LinkHarness h;

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (sim != null) {
            assertEquals(0, sim.methodCalls("ping"), "ping is never sent");
            sim.close();
        }
    }

    private void startSim(SimConfig config) throws Exception {
        sim = SimGateway.start(config);
    }

    @Test
    void blackholeIsDetectedWithinPingIntervalPlusPongDeadlineAndHealReconnects() throws Exception {
        startSim(SimConfig.defaults(TOKEN));
        proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", sim.port()));
        h = new LinkHarness(proxy.listenAddress().getPort(), TOKEN, c -> c);
        h.link.connect();
        h.awaitState(LinkState.CONNECTED);
        JournalEntry hello = h.last(LinkEvent.HelloOk.class);

        proxy.apply(new Fault.Blackhole(Optional.empty()));
        h.advance(Duration.ofSeconds(5));
        h.awaitEvent(LinkEvent.WsPingSent.class);
        h.advance(Duration.ofSeconds(5));
        LinkEvent.LivenessTimeout timeout = h.awaitEvent(LinkEvent.LivenessTimeout.class);
        assertEquals(LivenessKind.WS_PONG, timeout.kind());
        assertEquals(5_000, timeout.deadlineMs());
        JournalEntry detected = h.last(LinkEvent.LivenessTimeout.class);
        assertTrue(detected.monoMs() - hello.monoMs() <= 5_000 + 5_000 + 1_000,
                "detected after " + (detected.monoMs() - hello.monoMs()) + " ms");
        LinkEvent.ReconnectScheduled scheduled = h.awaitEvent(LinkEvent.ReconnectScheduled.class);
        assertEquals("transient:ws_pong_timeout", scheduled.cause());
        assertEquals(LinkState.BACKOFF, h.link.state());

        proxy.apply(new Fault.Heal());
        h.advance(Duration.ofMillis(scheduled.delayMs()));
        h.awaitEvent(LinkEvent.HelloOk.class, 2);
        h.awaitState(LinkState.CONNECTED);
    }

    @Test
    void frozenGatewayIsDetectedByPingsAndWithPingsOffByTheTickWatchdogAtTwoTicks() throws Exception {
        startSim(SimConfig.defaults(TOKEN).withTickInterval(Duration.ofMillis(300)));
        h = new LinkHarness(sim.port(), TOKEN, c -> c.withWsPing(Duration.ZERO, Duration.ofSeconds(10)));
        h.link.connect();
        h.awaitState(LinkState.CONNECTED);
        h.awaitEvent(LinkEvent.Tick.class);
        sim.freeze();
        // Let any tick already in flight land, then count virtual silence from here.
        h.clock.runPending();
        long before = h.count(LinkEvent.LivenessTimeout.class);
        h.advance(Duration.ofMillis(599));
        assertEquals(before, h.count(LinkEvent.LivenessTimeout.class), "not before 2 x tick");
        h.advance(Duration.ofMillis(1));
        LinkEvent.LivenessTimeout timeout = h.awaitEvent(LinkEvent.LivenessTimeout.class);
        assertEquals(LivenessKind.TICK, timeout.kind());
        assertEquals(600, timeout.deadlineMs());
        LinkEvent.Closed closed = h.awaitEvent(LinkEvent.Closed.class);
        assertEquals(4000, closed.code());
        assertEquals("tick timeout", closed.reason());
        assertEquals(0, h.count(LinkEvent.WsPingSent.class), "own pings were off");
    }

    /** Only the probe runs: virtual minutes pass without real ticks or pongs, so the other layers are off. */
    private static LinkConfig probeOnly(LinkConfig c, String method) {
        return c.withWsPing(Duration.ZERO, Duration.ofSeconds(10)).withTickWatchdog(0)
                .withProbe(method, Duration.ofSeconds(60));
    }

    @Test
    void probeRunsOnlyWhenAdvertisedAndAllowed() throws Exception {
        startSim(SimConfig.defaults(TOKEN));
        h = new LinkHarness(sim.port(), TOKEN, c -> probeOnly(c, "health"));
        h.link.connect();
        h.awaitState(LinkState.CONNECTED);
        h.advance(Duration.ofSeconds(60));
        LinkEvent.ProbeOk ok = h.awaitEvent(LinkEvent.ProbeOk.class);
        assertEquals("health", ok.method());
        assertEquals(1, sim.methodCalls("health"));
        h.close();

        // Not advertised by this gateway: never sent.
        h = new LinkHarness(sim.port(), TOKEN, c -> probeOnly(c, "gateway.identity.get"));
        h.link.connect();
        h.awaitState(LinkState.CONNECTED);
        h.advance(Duration.ofMinutes(5));
        h.clock.runPending();
        assertEquals(0, h.count(LinkEvent.ProbeSent.class));
        assertEquals(0, sim.methodCalls("gateway.identity.get"));
        h.close();

        // Advertised but not allowed by the granted scopes: never sent.
        h = new LinkHarness(sim.port(), TOKEN, List.of("operator.pairing"),
                c -> probeOnly(c, "health"));
        h.link.connect();
        h.awaitState(LinkState.CONNECTED);
        h.advance(Duration.ofMinutes(5));
        h.clock.runPending();
        assertEquals(0, h.count(LinkEvent.ProbeSent.class));
        assertEquals(1, sim.methodCalls("health"), "only the first link probed");
    }

    @Test
    void pingCannotBeConfiguredAsAProbe() throws Exception {
        startSim(SimConfig.defaults(TOKEN));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LinkHarness(sim.port(), TOKEN, c -> c.withProbe("ping", Duration.ofSeconds(60))));
        assertTrue(e.getMessage().contains("no ping method"), e.getMessage());
    }

    @Test
    void ownPingsAreAnsweredAndKeepTheLinkUp() throws Exception {
        startSim(SimConfig.defaults(TOKEN));
        h = new LinkHarness(sim.port(), TOKEN, c -> c);
        h.link.connect();
        h.awaitState(LinkState.CONNECTED);
        for (int i = 1; i <= 3; i++) {
            h.advance(Duration.ofSeconds(5));
            h.awaitEvent(LinkEvent.WsPong.class, i);
        }
        h.advance(Duration.ofSeconds(5));
        h.clock.runPending();
        assertEquals(0, h.count(LinkEvent.LivenessTimeout.class));
        assertEquals(LinkState.CONNECTED, h.link.state());
        assertFalse(h.events(LinkEvent.WsPong.class).isEmpty());
    }
}
