package dev.clawscope.link;

import static dev.clawscope.link.LinkHarness.REAL_WAIT;
import static dev.clawscope.link.LinkHarness.TOKEN;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.clawscope.journal.ClosedBy;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.protocol.ResponseFrame;
import dev.clawscope.sim.SimConfig;
import dev.clawscope.sim.SimGateway;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Windows tray's lifecycle suite (WebSocketClientBaseTests and neighbours), mirrored where it
 * applies, plus the bugs it shipped with: stale sockets, superseded reconnect loops, lost requests.
 */
class GatewayLinkPeerSuiteTest {

    private SimGateway sim;
    private LinkHarness h;

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void failedConnectStillShowsConnectingAndSchedulesARetry() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        h = new LinkHarness(closedPort, TOKEN, c -> c);
        h.link.connect();
        LinkEvent.ReconnectScheduled first = h.awaitEvent(LinkEvent.ReconnectScheduled.class);
        assertEquals(1, first.attempt());
        assertEquals("transient:connect_failed", first.cause());
        assertTrue(h.events(LinkEvent.StateChanged.class).stream().anyMatch(e -> e.to().equals("connecting")));
        assertEquals(ClosedBy.TRANSPORT, h.events(LinkEvent.Closed.class).get(0).by());
        h.advance(Duration.ofMillis(first.delayMs()));
        h.awaitEvent(LinkEvent.ConnectAttempt.class, 2);
        LinkEvent.ReconnectScheduled second = h.awaitEvent(LinkEvent.ReconnectScheduled.class, 2);
        assertEquals(2, second.attempt());
    }

    @Test
    void framesOfAnOldSocketNeverReachTheNewOne() throws Exception {
        sim = SimGateway.start(SimConfig.defaults(TOKEN).withTickInterval(Duration.ofMillis(100)));
        h = new LinkHarness(sim.port(), TOKEN, LinkHarnessConfigs::quiet);
        h.link.connect();
        h.awaitState(LinkState.CONNECTED);
        h.awaitEvent(LinkEvent.Tick.class);
        h.link.disconnect();
        h.link.connect();
        h.awaitEvent(LinkEvent.HelloOk.class, 2);
        h.awaitEvent(LinkEvent.Tick.class, h.events(LinkEvent.Tick.class).size() + 2);
        long currentGen = h.last(LinkEvent.HelloOk.class).gen();
        JournalEntry secondHello = h.last(LinkEvent.HelloOk.class);
        for (JournalEntry tick : h.entries()) {
            if (tick.event() instanceof LinkEvent.Tick && tick.seq() > secondHello.seq()) {
                assertEquals(currentGen, tick.gen(), "a tick of an older socket was processed");
            }
        }
        await().atMost(REAL_WAIT).until(() -> sim.openSockets() == 1);
    }

    @Test
    void manualConnectDuringBackoffWinsAndTheOldTimerNeverFires() throws Exception {
        sim = SimGateway.start(SimConfig.defaults(TOKEN));
        h = new LinkHarness(sim.port(), TOKEN, LinkHarnessConfigs::quiet);
        h.link.connect();
        h.awaitState(LinkState.CONNECTED);
        sim.kill();
        LinkEvent.ReconnectScheduled scheduled = h.awaitEvent(LinkEvent.ReconnectScheduled.class);
        sim.revive();
        h.link.connect();
        h.awaitEvent(LinkEvent.HelloOk.class, 2);
        h.advance(Duration.ofMillis(scheduled.delayMs() + 60_000));
        h.clock.runPending();
        assertEquals(2, h.count(LinkEvent.ConnectAttempt.class), "no third connect");
        assertEquals(2, sim.acceptedTotal());
        assertEquals(LinkState.CONNECTED, h.link.state());
    }

    @Test
    void reconnectLoopKeepsTryingWhileTheGatewayIsDownAndRecovers() throws Exception {
        sim = SimGateway.start(SimConfig.defaults(TOKEN));
        h = new LinkHarness(sim.port(), TOKEN, LinkHarnessConfigs::quiet);
        h.link.connect();
        h.awaitState(LinkState.CONNECTED);
        sim.stop("gateway stopping");
        for (int n = 1; n <= 4; n++) {
            LinkEvent.ReconnectScheduled scheduled = h.awaitEvent(LinkEvent.ReconnectScheduled.class, n);
            assertEquals(n, scheduled.attempt());
            if (n < 4) {
                h.advance(Duration.ofMillis(scheduled.delayMs()));
            }
        }
        sim.revive();
        h.advance(Duration.ofMillis(h.events(LinkEvent.ReconnectScheduled.class).get(3).delayMs()));
        h.awaitEvent(LinkEvent.HelloOk.class, 2);
        assertTrue(h.count(LinkEvent.ConnectAttempt.class) >= 5);
    }

    @Test
    void serviceRestartFailsPendingRequestsAtOnceWithTheCloseCode() throws Exception {
        sim = SimGateway.start(SimConfig.defaults(TOKEN));
        h = new LinkHarness(sim.port(), TOKEN, LinkHarnessConfigs::quiet);
        h.link.connect();
        h.awaitState(LinkState.CONNECTED);
        sim.setMethodDelay(Duration.ofMinutes(1));
        CompletableFuture<ResponseFrame> waiting = h.link.request("health", new JsonObject(), Duration.ofMinutes(10));
        await().atMost(REAL_WAIT).until(() -> sim.methodCalls("health") == 1);
        sim.stop("gateway stopping");
        ExecutionException failed = assertThrows(ExecutionException.class, () -> waiting.get(10, TimeUnit.SECONDS));
        assertInstanceOf(LinkClosedException.class, failed.getCause());
        assertTrue(failed.getCause().getMessage().contains("1012"), failed.getCause().getMessage());
    }

    @Test
    void seqGapsAndShutdownNoticesAreJournaled() throws Exception {
        sim = SimGateway.start(SimConfig.defaults(TOKEN).withTickInterval(Duration.ofMillis(100)));
        h = new LinkHarness(sim.port(), TOKEN, LinkHarnessConfigs::quiet);
        h.link.connect();
        h.awaitState(LinkState.CONNECTED);
        h.awaitEvent(LinkEvent.Tick.class);
        sim.injectSeqGap(2);
        LinkEvent.SeqGap gap = h.awaitEvent(LinkEvent.SeqGap.class);
        assertEquals(gap.expected() + 2, gap.received());
        sim.restart(Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ZERO);
        LinkEvent.ShutdownNotice notice = h.awaitEvent(LinkEvent.ShutdownNotice.class);
        assertEquals("gateway restarting", notice.reason());
        assertEquals(3_000L, notice.restartExpectedMs());
    }

    @Test
    void wallClockJumpChecksLivenessAtOnce() throws Exception {
        sim = SimGateway.start(SimConfig.defaults(TOKEN));
        h = new LinkHarness(sim.port(), TOKEN, c -> c.withTickWatchdog(0).withProbe(null, Duration.ZERO));
        h.link.connect();
        h.awaitState(LinkState.CONNECTED);
        h.clock.jumpWallClock(Duration.ofHours(2));
        h.advance(Duration.ofMillis(Liveness.CLOCK_CHECK_MS));
        LinkEvent.Error jump = h.awaitEvent(LinkEvent.Error.class);
        assertEquals("clock", jump.where());
        h.awaitEvent(LinkEvent.WsPingSent.class);
        h.awaitEvent(LinkEvent.WsPong.class);
        assertTrue(h.last(LinkEvent.WsPingSent.class).monoMs() < 15_000, "pinged before the regular 15 s ping");
    }

    @Test
    void deviceTokenIsStoredWithItsScopesAndARejectedOneIsForgotten() throws Exception {
        sim = SimGateway.start(SimConfig.defaults(TOKEN));
        h = new LinkHarness(sim.port(), TOKEN, List.of("operator.read"), LinkHarnessConfigs::quiet);
        h.link.connect();
        h.awaitState(LinkState.CONNECTED);
        String url = h.link.config().address().display();
        DeviceTokenStore.StoredToken stored = h.tokens.load(url, h.identity.deviceId(), "operator").orElseThrow();
        assertEquals(List.of("operator.read"), stored.scopes());
        h.close();

        // A link without the shared token that holds a token the gateway never issued: paused, token dropped.
        LinkHarness bad = new LinkHarness(sim.port(), null, List.of("operator.read"), LinkHarnessConfigs::quiet);
        h = bad;
        bad.tokens.save(url, bad.identity.deviceId(), "operator",
                new DeviceTokenStore.StoredToken("not-a-token-the-gateway-issued", List.of("operator.read")));
        bad.link.connect();
        bad.awaitState(LinkState.PAUSED);
        assertEquals("auth", bad.awaitEvent(LinkEvent.ReconnectPaused.class).reason());
        assertTrue(bad.tokens.load(url, bad.identity.deviceId(), "operator").isEmpty(), "rejected token forgotten");
    }
}
