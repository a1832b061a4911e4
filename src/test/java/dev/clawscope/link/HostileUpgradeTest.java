package dev.clawscope.link;

import static dev.clawscope.link.LinkHarness.REAL_WAIT;
import static dev.clawscope.link.LinkHarness.TOKEN;
import static dev.clawscope.link.hostile.GatewayFrames.hello;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.clawscope.journal.ClosedBy;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.link.hostile.GatewayFrames;
import dev.clawscope.link.hostile.HostileConnection;
import dev.clawscope.link.hostile.HostileGateway;
import dev.clawscope.link.hostile.WsWire;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP upgrade and the OpenClaw handshake against servers that answer badly or slowly: refusals
 * are explained in plain words, redirects are not followed, the token never goes into HTTP
 * headers, a stalled upgrade times out and is retried, a slow but complete hello-ok still connects.
 */
class HostileUpgradeTest extends HostileLinkBase {

    @Test
    void tokenGoesInTheConnectFrameNeverInTheUpgradeHeaders() throws Exception {
        link(c -> c.handshake(hello()));
        h.awaitState(LinkState.CONNECTED);
        HostileConnection c = connection(0);
        assertNoCredentialsInHttp(c);
        JsonObject connect = c.awaitFrame(f -> "connect".equals(f.method()), REAL_WAIT).json();
        assertEquals(TOKEN, connect.getAsJsonObject("params").getAsJsonObject("auth").get("token").getAsString());
        assertTrue(c.frames().stream().allMatch(f -> f.masked()), "a client frame was not masked: " + c.frames());
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void upgradeRefusedWithAuthStatusNamesTheGatewayTokenAndAProxy(int status) throws Exception {
        link(c -> {
            c.readUpgrade();
            c.refuseUpgrade(status, status == 401 ? "Unauthorized" : "Forbidden", "WWW-Authenticate: Basic realm=\"proxy\"");
        });
        h.awaitEntry(e -> e.event() instanceof LinkEvent.ReconnectScheduled || e.event() instanceof LinkEvent.ReconnectPaused);
        String told = h.entries().stream().map(JournalEntry::event)
                .filter(e -> e instanceof LinkEvent.Closed || e instanceof LinkEvent.Error
                        || e instanceof LinkEvent.ReconnectPaused || e instanceof LinkEvent.HandshakeFailed)
                .map(Object::toString).collect(Collectors.joining("\n")).toLowerCase(Locale.ROOT);
        assertTrue(told.contains("gateway token"), "the failure does not name the gateway token:\n" + told);
        assertTrue(told.contains("proxy"), "the failure does not name a proxy:\n" + told);
        assertTrue(told.contains(String.valueOf(status)), "the failure does not give the status:\n" + told);
        assertNoCredentialsInHttp(connection(0));
        assertFalse(h.dump().contains(TOKEN), "the token reached the journal");
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 503})
    void upgradeRefusedWithServerErrorIsTransientAndRetried(int status) throws Exception {
        link(c -> {
            c.readUpgrade();
            c.refuseUpgrade(status, status == 500 ? "Internal Server Error" : "Service Unavailable");
        });
        LinkEvent.Closed closed = awaitClosedAndReconnect();
        assertEquals(ClosedBy.TRANSPORT, closed.by(), h.dump());
        assertTrue(closed.reason().contains(String.valueOf(status)), closed.reason());
        LinkEvent.ReconnectScheduled retry = h.awaitEvent(LinkEvent.ReconnectScheduled.class);
        assertTrue(retry.cause().startsWith("transient:"), retry.cause());
        h.advance(Duration.ofMillis(retry.delayMs()));
        connection(1);
        h.awaitEvent(LinkEvent.ReconnectScheduled.class, 2);
        assertEquals(0, h.count(LinkEvent.ReconnectPaused.class));
    }

    @Test
    void redirectIsNotFollowed() throws Exception {
        try (HostileGateway elsewhere = HostileGateway.start(c -> c.handshake(hello()))) {
            link(c -> {
                c.readUpgrade();
                c.refuseUpgrade(302, "Found", "Location: ws://127.0.0.1:" + elsewhere.port() + "/");
            });
            LinkEvent.Closed closed = awaitClosedAndReconnect();
            assertTrue(closed.reason().toLowerCase(Locale.ROOT).contains("redirect"), closed.reason());
            h.advance(Duration.ofMillis(h.awaitEvent(LinkEvent.ReconnectScheduled.class).delayMs()));
            h.awaitEvent(LinkEvent.ReconnectScheduled.class, 2);
            assertEquals(2, gateway.accepted());
            assertEquals(0, elsewhere.accepted(), "the link followed the redirect");
            assertEquals(0, h.count(LinkEvent.HelloOk.class));
        }
    }

    @Test
    void stalledUpgradeFailsWithinTheUpgradeTimeoutAndIsRetried() throws Exception {
        long start = System.nanoTime();
        link(c -> {
            c.readUpgrade();
            c.awaitEnd(REAL_WAIT); // accepted, read, never answered
        });
        LinkEvent.Closed closed = awaitClosedAndReconnect();
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(ClosedBy.TRANSPORT, closed.by());
        assertTrue(tookMs >= UPGRADE_TIMEOUT_MS - 100 && tookMs < UPGRADE_TIMEOUT_MS + 2_000,
                "the attempt failed " + tookMs + " ms after it started");
        h.advance(Duration.ofMillis(h.awaitEvent(LinkEvent.ReconnectScheduled.class).delayMs()));
        h.awaitEvent(LinkEvent.ConnectAttempt.class, 2);
        assertEquals(1, connection(1).index(), "the retry reached the gateway");
    }

    /**
     * 1 byte every 5 ms (about 2 s for the whole frame): the deliberately slow pace of a server
     * that trickles; the link's hello timeout (virtual time here) is not reached, so it connects.
     */
    @Test
    void slowlorisHelloOkStillConnects() throws Exception {
        link(c -> {
            String id = c.upgradeAndAwaitConnect();
            c.writeSlowly(WsWire.text(GatewayFrames.minimalHello().frame(id)), 1, 5);
        });
        h.awaitEvent(LinkEvent.Challenge.class);
        assertEquals(0, h.count(LinkEvent.HelloOk.class));
        LinkEvent.HelloOk hello = h.awaitEvent(LinkEvent.HelloOk.class);
        assertEquals("2026.9.6", hello.serverVersion());
        assertEquals(LinkState.CONNECTED, h.link.state());
    }

    /** A 101 written one byte every 3 ms (well within the upgrade timeout) is still a valid answer. */
    @Test
    void slowUpgradeAnswerStillUpgrades() throws Exception {
        link(c -> {
            c.readUpgrade();
            c.writeSlowly(c.switchingProtocols(), 1, 3);
            c.startReading();
            c.sendText(GatewayFrames.challenge());
            String id = c.awaitFrame(f -> "connect".equals(f.method()), REAL_WAIT).requestId();
            c.sendText(hello().frame(id));
        });
        h.awaitEvent(LinkEvent.HelloOk.class);
        assertEquals(LinkState.CONNECTED, h.link.state());
    }

    private void assertNoCredentialsInHttp(HostileConnection c) {
        Map<String, String> headers = c.requestHeaders();
        assertTrue(headers != null, "no upgrade request recorded");
        assertFalse(headers.containsKey("authorization"), "Authorization header sent: " + headers);
        assertFalse(headers.containsKey("origin"), "Origin header sent: " + headers);
        assertFalse(headers.toString().contains(TOKEN) || c.requestLine().contains(TOKEN),
                "the token is in the upgrade request: " + c.requestLine() + " " + headers);
    }
}
