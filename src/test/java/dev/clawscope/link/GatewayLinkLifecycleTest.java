package dev.clawscope.link;

import static dev.clawscope.link.LinkHarness.REAL_WAIT;
import static dev.clawscope.link.LinkHarness.TOKEN;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.protocol.ErrorClass;
import dev.clawscope.protocol.ResponseFrame;
import dev.clawscope.sim.PairingMode;
import dev.clawscope.sim.SimConfig;
import dev.clawscope.sim.SimGateway;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reconnect causes, pauses, user intent and requests, against the simulator. */
class GatewayLinkLifecycleTest {

    private SimGateway sim;
    private LinkHarness h;

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
        if (sim != null) {
            assertEquals(0, sim.methodCalls("ping"), "ping is never sent");
            sim.close();
        }
    }

    /** Connected with the watchdog and own pings off, so virtual minutes can pass without real traffic. */
    private void connected(SimConfig config) throws Exception {
        sim = SimGateway.start(config);
        h = new LinkHarness(sim.port(), TOKEN, LinkHarnessConfigs::quiet);
        h.link.connect();
        h.awaitState(LinkState.CONNECTED);
    }

    @Test
    void unknownMethodErrorLeavesTheLinkAlone() throws Exception {
        connected(SimConfig.defaults(TOKEN));
        ResponseFrame unknown = h.link.request("no.such.method", new JsonObject(), Duration.ofSeconds(5))
                .get(5, TimeUnit.SECONDS);
        assertEquals(ErrorClass.FORBIDDEN_SCOPE, unknown.error().classify());
        ResponseFrame health = h.link.request("health", new JsonObject(), Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS);
        assertTrue(health.ok());
        assertEquals(LinkState.CONNECTED, h.link.state());
        assertEquals(0, h.count(LinkEvent.Closed.class));
    }

    @Test
    void requestsFailFastWhenNotConnectedAndOnDisconnect() throws Exception {
        connected(SimConfig.defaults(TOKEN));
        sim.setHandshakeDelay(Duration.ZERO);
        sim.freeze();
        CompletableFuture<ResponseFrame> waiting = h.link.request("health", new JsonObject(), Duration.ofMinutes(5));
        h.link.disconnect();
        ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> waiting.get(5, TimeUnit.SECONDS));
        assertInstanceOf(LinkClosedException.class, failed.getCause());
        h.awaitState(LinkState.DISCONNECTED);
        sim.unfreeze();
        ExecutionException notConnected = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> h.link.request("health", new JsonObject(), Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS));
        assertInstanceOf(LinkClosedException.class, notConnected.getCause());
    }

    @Test
    void disconnectStopsReconnectingAndConnectResumes() throws Exception {
        connected(SimConfig.defaults(TOKEN));
        h.link.disconnect();
        h.awaitState(LinkState.DISCONNECTED);
        h.awaitEvent(LinkEvent.DisconnectRequested.class);
        h.advance(Duration.ofMinutes(10));
        h.clock.runPending();
        assertEquals(1, h.count(LinkEvent.ConnectAttempt.class), "no reconnect after a user disconnect");
        assertEquals(0, h.count(LinkEvent.ReconnectScheduled.class));

        h.link.connect();
        h.awaitEvent(LinkEvent.HelloOk.class, 2);
        h.awaitState(LinkState.CONNECTED);
    }

    @Test
    void restartWaitsForTheAnnouncedDelay() throws Exception {
        connected(SimConfig.defaults(TOKEN));
        sim.restart(Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ZERO);
        LinkEvent.ShutdownNotice notice = h.awaitEvent(LinkEvent.ShutdownNotice.class);
        assertEquals(5_000L, notice.restartExpectedMs());
        LinkEvent.Closed closed = h.awaitEvent(LinkEvent.Closed.class);
        assertEquals(1012, closed.code());
        LinkEvent.ReconnectScheduled scheduled = h.awaitEvent(LinkEvent.ReconnectScheduled.class);
        assertEquals("restart_expected", scheduled.cause());
        assertTrue(scheduled.delayMs() >= 5_000, "first reconnect after " + scheduled.delayMs() + " ms");

        h.advance(Duration.ofMillis(scheduled.delayMs() - 1));
        h.clock.runPending();
        assertEquals(1, h.count(LinkEvent.ConnectAttempt.class), "not before the announced delay");
        await().atMost(REAL_WAIT).until(() -> {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", sim.port())) {
                return true;
            } catch (java.io.IOException e) {
                return false;
            }
        });
        h.advance(Duration.ofMillis(1));
        h.awaitEvent(LinkEvent.HelloOk.class, 2);
    }

    @Test
    void slowHelloIsAbandonedAtTheHelloDeadline() throws Exception {
        sim = SimGateway.start(SimConfig.defaults(TOKEN));
        sim.setHandshakeDelay(Duration.ofMinutes(5));
        h = new LinkHarness(sim.port(), TOKEN, c -> c);
        h.link.connect();
        h.awaitEvent(LinkEvent.Challenge.class);
        h.advance(Duration.ofSeconds(15));
        LinkEvent.HandshakeFailed failed = h.awaitEvent(LinkEvent.HandshakeFailed.class);
        assertEquals(4000, failed.closeCode());
        LinkEvent.Closed closed = h.awaitEvent(LinkEvent.Closed.class);
        assertEquals("connect timeout", closed.reason());
        assertEquals("transient:handshake_timeout", h.awaitEvent(LinkEvent.ReconnectScheduled.class).cause());
    }

    @Test
    void gatewayStartingIsRetriedAfterItsRetryAfter() throws Exception {
        sim = SimGateway.start(SimConfig.defaults(TOKEN).withStartup(Duration.ofMinutes(1)));
        h = new LinkHarness(sim.port(), TOKEN, c -> c);
        h.link.connect();
        LinkEvent.HandshakeFailed failed = h.awaitEvent(LinkEvent.HandshakeFailed.class);
        assertEquals("UNAVAILABLE", failed.errorCode());
        assertEquals(500L, failed.retryAfterMs());
        assertEquals(1013, failed.closeCode());
        LinkEvent.ReconnectScheduled scheduled = h.awaitEvent(LinkEvent.ReconnectScheduled.class);
        assertEquals("retry_after", scheduled.cause());
        assertEquals(500, scheduled.delayMs());

        sim.startupWindow(Duration.ZERO);
        h.advance(Duration.ofMillis(500));
        h.awaitState(LinkState.CONNECTED);
    }

    @Test
    void wrongTokenPausesAndNeverRetries() throws Exception {
        sim = SimGateway.start(SimConfig.defaults(TOKEN));
        h = new LinkHarness(sim.port(), "not-the-token", c -> c);
        h.link.connect();
        h.awaitState(LinkState.PAUSED);
        LinkEvent.ReconnectPaused paused = h.awaitEvent(LinkEvent.ReconnectPaused.class);
        assertEquals("auth", paused.reason());
        assertEquals("AUTH_TOKEN_MISMATCH", paused.detailCode());
        h.advance(Duration.ofMinutes(10));
        h.clock.runPending();
        assertEquals(1, h.count(LinkEvent.ConnectAttempt.class), "zero attempts after the pause");
        assertEquals(1, sim.connectAttempts());
    }

    @Test
    void pendingPairingRetriesSlowlyUntilApproved() throws Exception {
        sim = SimGateway.start(SimConfig.defaults(TOKEN).withPairing(PairingMode.MANUAL, Duration.ofMinutes(5)));
        h = new LinkHarness(sim.port(), TOKEN, c -> c);
        h.link.connect();
        for (int i = 1; i <= 3; i++) {
            LinkEvent.ReconnectScheduled scheduled = h.awaitEvent(LinkEvent.ReconnectScheduled.class, i);
            assertEquals("pairing_pending", scheduled.cause());
            assertTrue(scheduled.delayMs() >= 15_000, "pairing retry after " + scheduled.delayMs() + " ms");
            if (i < 3) {
                h.advance(Duration.ofMillis(scheduled.delayMs()));
                h.awaitEvent(LinkEvent.ConnectAttempt.class, i + 1);
            }
        }
        assertEquals(1, sim.pendingPairings().size(), "the same request is refreshed, not multiplied");
        assertTrue(sim.approvePairing(sim.pendingPairings().get(0).requestId()));
        h.advance(Duration.ofMillis(h.events(LinkEvent.ReconnectScheduled.class).get(2).delayMs()));
        h.awaitState(LinkState.CONNECTED);
    }

    @Test
    void pairingThatOutlivesItsRequestPauses() throws Exception {
        sim = SimGateway.start(SimConfig.defaults(TOKEN).withPairing(PairingMode.MANUAL, Duration.ofMinutes(5)));
        h = new LinkHarness(sim.port(), TOKEN, c -> c);
        h.link.connect();
        for (int n = 1; ; n++) {
            int wanted = n;
            await().atMost(REAL_WAIT).until(() -> h.link.state() == LinkState.PAUSED
                    || h.count(LinkEvent.ReconnectScheduled.class) >= wanted);
            if (h.link.state() == LinkState.PAUSED) {
                break;
            }
            assertTrue(n < 40, "pairing retries never stopped");
            h.advance(Duration.ofMillis(h.events(LinkEvent.ReconnectScheduled.class).get(n - 1).delayMs()));
        }
        double firstFailure = h.entries().stream().filter(e -> e.event() instanceof LinkEvent.HandshakeFailed)
                .findFirst().orElseThrow().monoMs();
        double pausedAt = h.last(LinkEvent.ReconnectPaused.class).monoMs();
        assertTrue(pausedAt - firstFailure > 300_000, "paused only after the 5-minute request TTL");
        LinkEvent.ReconnectPaused paused = h.awaitEvent(LinkEvent.ReconnectPaused.class);
        assertEquals("PAIRING_REQUIRED", paused.detailCode());
    }
}
