package dev.clawscope.sim;

import static dev.clawscope.sim.SimGatewayHandshakeTest.SCOPES;
import static dev.clawscope.sim.SimGatewayHandshakeTest.TOKEN;
import static dev.clawscope.sim.SimGatewayHandshakeTest.WAIT;
import static dev.clawscope.sim.SimGatewayHandshakeTest.cliParams;
import static dev.clawscope.sim.SimGatewayHandshakeTest.connect;
import static dev.clawscope.sim.SimGatewayHandshakeTest.hello;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import dev.clawscope.protocol.ErrorClass;
import dev.clawscope.protocol.EventFrame;
import dev.clawscope.protocol.ResponseFrame;
import dev.clawscope.protocol.ShutdownNotice;
import jakarta.websocket.CloseReason;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** After hello-ok: ticks with seq, health, methods and scopes, and the lifecycle faults. */
class SimGatewayLiveTest {

    private static final Duration TICK = Duration.ofMillis(200);
    private SimGateway sim;

    @BeforeEach
    void start() throws Exception {
        sim = SimGateway.start(SimConfig.defaults(TOKEN).withTickInterval(TICK));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private RawClient connected(List<String> scopes) throws Exception {
        RawClient client = RawClient.connect(sim.url());
        client.challenge();
        hello(connect(client, cliParams(TOKEN, scopes)));
        return client;
    }

    @Test
    void ticksCarryTheirTimeAndAnIncreasingPerConnectionSeq() throws Exception {
        try (RawClient client = connected(SCOPES)) {
            EventFrame first = client.nextEvent("tick", WAIT);
            EventFrame second = client.nextEvent("tick", WAIT);
            assertTrue(first.payload().getAsJsonObject().get("ts").getAsLong() > 0);
            assertTrue(second.seq() > first.seq(), "seq must increase");
            assertTrue(first.seq() >= 1);
        }
    }

    @Test
    void injectedSeqGapSkipsNumbers() throws Exception {
        try (RawClient client = connected(SCOPES)) {
            long before = client.nextEvent("tick", WAIT).seq();
            sim.injectSeqGap(3);
            long after = client.nextEvent("tick", WAIT).seq();
            assertEquals(before + 4, after);
        }
    }

    @Test
    void healthAndStatusAnswerUnknownMethodKeepsTheSocketOpen() throws Exception {
        try (RawClient client = connected(SCOPES)) {
            ResponseFrame health = client.response(client.request("health", new JsonObject()), WAIT);
            assertTrue(health.payload().getAsJsonObject().get("ok").getAsBoolean());
            ResponseFrame status = client.response(client.request("status", new JsonObject()), WAIT);
            assertTrue(status.ok());

            ResponseFrame ping = client.response(client.request("ping", new JsonObject()), WAIT);
            assertEquals(ErrorClass.FORBIDDEN_SCOPE, ping.error().classify());
            assertEquals("operator.admin", ping.error().missingScope().orElseThrow());
            client.nextEvent("tick", WAIT);
            client.assertOpen();
            assertEquals(1, sim.methodCalls("ping"));
            assertEquals(1, sim.methodCalls("health"));
        }
        try (RawClient admin = connected(List.of("operator.admin"))) {
            ResponseFrame ping = admin.response(admin.request("ping", new JsonObject()), WAIT);
            assertEquals(ErrorClass.UNKNOWN_METHOD, ping.error().classify());
            assertEquals("unknown method: ping", ping.error().message());
            admin.nextEvent("tick", WAIT);
            admin.assertOpen();
        }
    }

    @Test
    void healthSnapshotCarriesTheSessionSummaryTheSchemaRequires() throws Exception {
        // HealthSessionSummary is {path, count, recent}, all three required by the reference schema
        // (@openclaw/gateway-protocol HelloOk.snapshot.health.sessions); the real gateway sends them.
        try (RawClient client = RawClient.connect(sim.url())) {
            client.challenge();
            ResponseFrame hello = connect(client, cliParams(TOKEN, SCOPES));
            JsonObject snapshot = hello.payload().getAsJsonObject().getAsJsonObject("snapshot");
            assertSessionSummary(snapshot.getAsJsonObject("health"));
            ResponseFrame health = client.response(client.request("health", new JsonObject()), WAIT);
            assertSessionSummary(health.payload().getAsJsonObject());
        }
    }

    private static void assertSessionSummary(JsonObject health) {
        JsonObject sessions = health.getAsJsonObject("sessions");
        assertTrue(sessions.has("path") && sessions.get("path").getAsJsonPrimitive().isString(),
                "sessions.path: " + sessions);
        assertEquals(0, sessions.get("count").getAsInt());
        assertTrue(sessions.has("recent") && sessions.get("recent").isJsonArray(), "sessions.recent: " + sessions);
    }

    @Test
    void closeWithNoStatusIsAnsweredWithAnEmptyCloseFrame() throws Exception {
        // The real gateway (ws) answers an empty close frame with an empty one: the reference
        // client's stop() then reports 1005. Tyrus alone would answer 1000 "Normal closure.".
        try (WireClient wire = WireClient.open(sim.port())) {
            assertEquals(0x1, wire.readFrame().opcode(), "the challenge comes first, as text");
            wire.sendClose(new byte[0]);
            WireFrame answer = wire.readUntilClose();
            assertEquals(0, answer.payload().length, "close answer payload");
        }
    }

    @Test
    void closeWithAStatusIsAnsweredWithTheSameCodeAndReason() throws Exception {
        byte[] bye = {0x03, (byte) 0xE8, 'b', 'y', 'e'}; // 1000 "bye"
        try (WireClient wire = WireClient.open(sim.port())) {
            wire.readFrame();
            wire.sendClose(bye);
            assertEquals(new String(bye, StandardCharsets.ISO_8859_1),
                    new String(wire.readUntilClose().payload(), StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void healthEventsArriveOnTheirInterval() throws Exception {
        sim.close();
        sim = SimGateway.start(SimConfig.defaults(TOKEN).withHealthInterval(Duration.ofMillis(150)));
        try (RawClient client = connected(SCOPES)) {
            EventFrame health = client.nextEvent("health", WAIT);
            assertTrue(health.payload().getAsJsonObject().get("ok").getAsBoolean());
        }
    }

    @Test
    void gracefulStopSendsShutdownThenClose1012AndRefusesNewConnections() throws Exception {
        try (RawClient client = connected(SCOPES)) {
            sim.stop("gateway stopping");
            EventFrame shutdown = client.nextEvent("shutdown", WAIT);
            ShutdownNotice notice = ShutdownNotice.from(shutdown).toOptional().orElseThrow();
            assertEquals("gateway stopping", notice.reason());
            assertTrue(notice.restartExpected().isEmpty());
            CloseReason close = client.awaitClose(WAIT);
            assertEquals(1012, close.getCloseCode().getCode());
            assertEquals("service restart", close.getReasonPhrase());
        }
        assertConnectRefused();
    }

    @Test
    void restartAnnouncesItsDelayAndComesBackThroughAStartupWindow() throws Exception {
        try (RawClient client = connected(SCOPES)) {
            sim.restart(Duration.ofMillis(1500), Duration.ofMillis(300), Duration.ofMinutes(1));
            ShutdownNotice notice = ShutdownNotice.from(client.nextEvent("shutdown", WAIT)).toOptional().orElseThrow();
            assertEquals(1500L, notice.restartExpected().orElseThrow());
            assertEquals(1012, client.awaitClose(WAIT).getCloseCode().getCode());
        }
        try (RawClient back = awaitReconnect()) {
            back.challenge();
            ResponseFrame starting = connect(back, cliParams(TOKEN, SCOPES));
            assertEquals(ErrorClass.RETRY_AFTER, starting.error().classify());
            assertEquals(1013, back.awaitClose(WAIT).getCloseCode().getCode());
        }
        sim.startupWindow(Duration.ZERO);
        try (RawClient ready = connected(SCOPES)) {
            ready.nextEvent("tick", WAIT);
        }
    }

    @Test
    void killDropsSocketsWithoutACloseFrame() throws Exception {
        try (RawClient client = connected(SCOPES)) {
            sim.kill();
            CloseReason close = client.awaitClose(WAIT);
            assertEquals(1006, close.getCloseCode().getCode());
            assertNull(client.next(f -> f instanceof EventFrame e && e.event().equals("shutdown"), Duration.ZERO));
        }
        assertConnectRefused();
        sim.revive();
        try (RawClient again = connected(SCOPES)) {
            again.nextEvent("tick", WAIT);
        }
    }

    @Test
    void freezeKeepsTcpOpenButSilentUntilThawed() throws Exception {
        try (RawClient client = connected(SCOPES)) {
            client.nextEvent("tick", WAIT);
            sim.freeze();
            client.discardReceived();
            Duration threeTicks = TICK.multipliedBy(3);
            assertNull(client.next(f -> true, threeTicks), "a frozen gateway sends nothing");
            client.assertOpen();
            assertEquals(1, sim.openSockets());
            sim.unfreeze();
            client.nextEvent("tick", WAIT);
            client.assertOpen();
        }
    }

    @Test
    void slowHandshakeDelaysHelloOk() throws Exception {
        sim.setHandshakeDelay(Duration.ofMillis(400));
        try (RawClient client = RawClient.connect(sim.url())) {
            client.challenge();
            long start = System.nanoTime();
            hello(connect(client, cliParams(TOKEN, SCOPES)));
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(tookMs >= 400, "hello-ok came after " + tookMs + " ms");
        }
    }

    @Test
    void countersFollowSockets() throws Exception {
        assertEquals(0, sim.openSockets());
        try (RawClient a = connected(SCOPES); RawClient b = connected(SCOPES)) {
            assertEquals(2, sim.openSockets());
            assertEquals(2, sim.connectedClients());
            assertEquals(2, sim.handshakes());
        }
        await().atMost(WAIT).until(() -> sim.openSockets() == 0);
        assertEquals(2, sim.acceptedTotal());
        assertFalse(sim.methodCalls().containsKey("connect"));
    }

    private void assertConnectRefused() {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", sim.port()), 2_000);
            throw new AssertionError("the port still accepts connections");
        } catch (java.io.IOException expected) {
            // connection refused: nothing listens
        }
    }

    /** One WebSocket frame as read off the wire. */
    private record WireFrame(int opcode, byte[] payload) {
    }

    /** A WebSocket client on a plain socket, for checking exact frames (no library in between). */
    private static final class WireClient implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        private WireClient(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        static WireClient open(int port) throws IOException {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout((int) WAIT.toMillis());
            WireClient client = new WireClient(socket);
            client.out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            client.out.flush();
            String head = client.readHead();
            assertTrue(head.startsWith("HTTP/1.1 101"), "upgrade answer: " + head);
            return client;
        }

        /** Sends a masked close frame with {@code payload} (empty: no status code). */
        void sendClose(byte[] payload) throws IOException {
            byte[] mask = {0x11, 0x22, 0x33, 0x44};
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(0x88);
            frame.write(0x80 | payload.length);
            frame.write(mask);
            for (int i = 0; i < payload.length; i++) {
                frame.write(payload[i] ^ mask[i % 4]);
            }
            out.write(frame.toByteArray());
            out.flush();
        }

        WireFrame readUntilClose() throws IOException {
            while (true) {
                WireFrame frame = readFrame();
                if (frame.opcode() == 0x8) {
                    return frame;
                }
            }
        }

        WireFrame readFrame() throws IOException {
            int b0 = read();
            int b1 = read();
            long length = b1 & 0x7F;
            if (length == 126) {
                length = (read() << 8) | read();
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | read();
                }
            }
            assertEquals(0, b1 & 0x80, "server frames are not masked");
            byte[] payload = in.readNBytes((int) length);
            if (payload.length != length) {
                throw new EOFException("frame cut short");
            }
            return new WireFrame(b0 & 0x0F, payload);
        }

        private String readHead() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                head.write(read());
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }

        private int read() throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed");
            }
            return b;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private RawClient awaitReconnect() {
        AtomicReference<RawClient> client = new AtomicReference<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> client.compareAndSet(null, RawClient.connect(sim.url())));
        return client.get();
    }
}
