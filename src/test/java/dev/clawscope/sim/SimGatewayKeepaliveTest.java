package dev.clawscope.sim;

import static dev.clawscope.sim.SimGatewayHandshakeTest.SCOPES;
import static dev.clawscope.sim.SimGatewayHandshakeTest.TOKEN;
import static dev.clawscope.sim.SimGatewayHandshakeTest.WAIT;
import static dev.clawscope.sim.SimGatewayHandshakeTest.cliParams;
import static dev.clawscope.sim.SimGatewayHandshakeTest.connect;
import static dev.clawscope.sim.SimGatewayHandshakeTest.hello;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.protocol.RequestFrame;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server's WebSocket keepalive, the pre-auth size cap and hanging upgrades while frozen. */
class SimGatewayKeepaliveTest {

    private SimGateway sim;

    @BeforeEach
    void start() throws Exception {
        sim = SimGateway.start(SimConfig.defaults(TOKEN)
                .withWsPing(Duration.ofMillis(300), Duration.ofMillis(300)));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private static void handshake(SilentSocket socket) throws Exception {
        SilentSocket.WsFrame challenge = socket.read();
        assertTrue(challenge.text().contains("connect.challenge"));
        socket.sendText(new dev.clawscope.protocol.FrameCodec().encode(
                new RequestFrame("c1", "connect", cliParams(TOKEN, SCOPES).toJson())));
        SilentSocket.WsFrame hello = socket.read();
        assertTrue(hello.text().contains("hello-ok"), hello.text());
    }

    @Test
    void peerThatNeverPongsIsTerminatedWithoutACloseFrame() throws Exception {
        try (SilentSocket socket = new SilentSocket(sim.port())) {
            handshake(socket);
            SilentSocket.WsFrame ping;
            do {
                ping = socket.read();
            } while (ping.opcode() != SilentSocket.PING);
            assertTrue(socket.endsWithoutCloseFrame(), "expected a drop with no close frame after the pong window");
        }
        await().atMost(WAIT).until(() -> sim.openSockets() == 0);
    }

    @Test
    void peerThatPongsStaysConnected() throws Exception {
        try (RawClient client = RawClient.connect(sim.url())) {
            client.challenge();
            hello(connect(client, cliParams(TOKEN, SCOPES)));
            // Three full ping rounds: Tyrus answers each ping, so the socket must survive them.
            Duration threeRounds = Duration.ofMillis(3 * 600 + 200);
            assertEquals(null, client.next(f -> false, threeRounds));
            client.assertOpen();
        }
    }

    @Test
    void preAuthFrameOver64KiBClosesWith1009() throws Exception {
        try (SilentSocket socket = new SilentSocket(sim.port())) {
            socket.read();
            socket.sendText("{\"type\":\"req\",\"id\":\"x\",\"method\":\"connect\",\"params\":{\"pad\":\""
                    + "a".repeat(70_000) + "\"}}");
            SilentSocket.WsFrame frame;
            do {
                frame = socket.read();
            } while (frame.opcode() != 0x8);
            int code = ((frame.payload()[0] & 0xFF) << 8) | (frame.payload()[1] & 0xFF);
            assertEquals(1009, code);
        }
    }

    @Test
    void whileFrozenANewConnectionGetsTcpButNoUpgradeAnswer() throws Exception {
        sim.freeze();
        try (java.net.Socket raw = new java.net.Socket("127.0.0.1", sim.port())) {
            raw.setSoTimeout(500);
            raw.getOutputStream().write(("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            assertThrows(SocketTimeoutException.class, () -> raw.getInputStream().read());
            sim.unfreeze();
            raw.setSoTimeout(5_000);
            byte[] head = new byte[12];
            int n = raw.getInputStream().read(head);
            assertEquals("HTTP/1.1 101", new String(head, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
    }

    /**
     * A stopped process keeps its sockets however long it sleeps. The embedded HTTP server's own
     * idle timeout (30 s by default) used to close them, so a client with no liveness check of its
     * own seemed to notice a frozen gateway. Shown here with that timeout at 1 s: it bites after the
     * upgrade, on a frozen gateway's silent socket.
     */
    @Test
    void anHttpIdleTimeoutWouldCloseAFrozenGatewaysSocket() throws Exception {
        try (SimGateway quiet = SimGateway.start(quietConfig(), 1);
                RawClient client = RawClient.connect(quiet.url())) {
            client.challenge();
            hello(connect(client, cliParams(TOKEN, SCOPES)));
            quiet.freeze();

            await().atMost(WAIT).until(client.closed::isDone);
        }
    }

    /**
     * The shipped simulator has no such timeout: a freeze three times the one that closed the
     * socket above leaves it open, and the thawed gateway answers on it.
     */
    @Test
    void aFreezeLeavesTheConnectionOpenAndItWorksAfterTheThaw() throws Exception {
        try (SimGateway quiet = SimGateway.start(quietConfig());
                RawClient client = RawClient.connect(quiet.url())) {
            assertTrue(quiet.httpIdleTimeoutSeconds() < 0, "no idle timeout: " + quiet.httpIdleTimeoutSeconds());
            client.challenge();
            hello(connect(client, cliParams(TOKEN, SCOPES)));
            quiet.freeze();

            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> !client.closed.isDone());
            quiet.unfreeze();

            String id = client.request("health", new com.google.gson.JsonObject());
            assertTrue(client.response(id, WAIT).ok(), "the thawed gateway answers on the same socket");
        }
    }

    /** No ping and no tick for ten minutes: nothing but an idle timeout could end the socket. */
    private static SimConfig quietConfig() {
        return SimConfig.defaults(TOKEN).withWsPing(Duration.ofMinutes(10), Duration.ofMinutes(10))
                .withTickInterval(Duration.ofMinutes(10));
    }
}
