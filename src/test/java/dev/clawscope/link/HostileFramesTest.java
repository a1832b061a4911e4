package dev.clawscope.link;

import static dev.clawscope.link.LinkHarness.REAL_WAIT;
import static dev.clawscope.link.hostile.GatewayFrames.hello;
import static dev.clawscope.link.hostile.GatewayFrames.number;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.link.hostile.GatewayFrames;
import dev.clawscope.link.hostile.HostileConnection;
import dev.clawscope.link.hostile.WsWire;
import dev.clawscope.link.hostile.WsWire.LengthForm;
import dev.clawscope.protocol.ResponseFrame;
import dev.clawscope.ws.Opcode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Frames a gateway should never send, after a good hello-ok: oversize declarations, endless
 * fragmented messages, broken close frames, RFC 6455 violations, and text that is not JSON. The
 * link refuses them at once with the right close code and reconnects (never pauses), or journals
 * and ignores them and stays connected; legal but large frames still work.
 */
class HostileFramesTest extends HostileLinkBase {

    static final long MIB = 1L << 20;
    static final long MAX_PAYLOAD = 26_214_400;

    @ParameterizedTest(name = "declared {0} bytes -> {1}")
    @CsvSource({
        "67108864, 1009",              // 64 MiB
        "4611686018427387904, 1009",   // 2^62
        "9223372036854775807, 1009",   // 2^63 - 1
        "-9223372036854775808, 1002"}) // top bit set: not a length at all
    void frameDeclaringTooMuchIsRefusedWhenItsHeaderArrives(long declared, int code) throws Exception {
        AtomicLong headerSentNanos = new AtomicLong();
        link(c -> {
            c.handshake(hello());
            c.writeRaw(WsWire.header(true, 0, Opcode.TEXT, null, declared, LengthForm.BITS_64));
            headerSentNanos.set(System.nanoTime());
            c.writeRaw("{\"type\":\"event\",\"event\":\"tick\"".getBytes(StandardCharsets.UTF_8)); // then nothing
        });
        h.awaitEvent(LinkEvent.HelloOk.class);
        await().atMost(REAL_WAIT).pollInterval(Duration.ofMillis(10))
                .until(() -> h.count(LinkEvent.Closed.class) > 0);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - headerSentNanos.get());
        assertTrue(tookMs <= 1_000, "refused " + tookMs + " ms after the header");
        assertClosed(awaitClosedAndReconnect(), code, "client");
        assertClientClosed(connection(0), code);
    }

    @Test
    void legalTwentyMebibyteTextFrameIsDeliveredAndTheLinkStaysConnected() throws Exception {
        byte[] prefix = "{\"type\":\"event\",\"event\":\"tick\",\"seq\":1,\"payload\":{\"ts\":1,\"pad\":\""
                .getBytes(StandardCharsets.UTF_8);
        byte[] suffix = "\"}}".getBytes(StandardCharsets.UTF_8);
        long padding = 20 * MIB;
        link(c -> {
            c.handshake(hello());
            c.writeRaw(WsWire.header(true, 0, Opcode.TEXT, null, prefix.length + padding + suffix.length,
                    LengthForm.SHORTEST));
            c.writeRaw(prefix);
            c.stream(padding, 64 * 1024, (byte) 'x');
            c.writeRaw(suffix);
        });
        LinkEvent.Tick tick = h.awaitEvent(LinkEvent.Tick.class);
        assertEquals(1, tick.frameSeq());
        assertEquals(LinkState.CONNECTED, h.link.state());
        assertEquals(0, h.count(LinkEvent.Closed.class), h.dump());
    }

    @Test
    void endlessFragmentedMessageEndsAt25MebibytesEvenWhenMaxPayloadSaysMore() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong written = new AtomicLong();
        link(c -> {
            try {
                c.handshake(hello().maxPayload(number(1L << 53)));
                for (int i = 0; i < 256; i++) {
                    c.writeRaw(WsWire.header(i == 255, 0, i == 0 ? Opcode.TEXT : Opcode.CONTINUATION, null, MIB,
                            LengthForm.SHORTEST));
                    if (c.stream(MIB, 64 * 1024, (byte) 'x') < MIB) {
                        return;
                    }
                }
            } finally {
                written.set(c.bytesWritten());
                done.countDown();
            }
        });
        h.awaitEvent(LinkEvent.HelloOk.class);
        LinkEvent.HintClamped hint = h.events(LinkEvent.HintClamped.class).stream()
                .filter(e -> e.field().equals("max_payload")).findFirst()
                .orElseThrow(() -> new AssertionError("no hint_clamped{max_payload}\n" + h.dump()));
        assertEquals(1L << 53, hint.value());
        assertEquals(MAX_PAYLOAD, hint.used());
        assertClosed(awaitClosedAndReconnect(), 1009, "client");
        assertTrue(done.await(REAL_WAIT.toMillis(), TimeUnit.MILLISECONDS), "the gateway could write all 256 MiB");
        assertTrue(written.get() < 64 * MIB, "the gateway wrote " + written.get() / MIB + " MiB before the link closed");
    }

    static Stream<Arguments> badFrames() {
        byte[] tick = GatewayFrames.tick(1).getBytes(StandardCharsets.UTF_8);
        byte[] mask = {1, 2, 3, 4};
        return Stream.of(
                Arguments.of("close without payload", WsWire.frame(true, Opcode.CLOSE, new byte[0]), 1005, "server"),
                Arguments.of("close 1002 after hello-ok", WsWire.frame(true, Opcode.CLOSE,
                        WsWire.closePayload(1002, "protocol error")), 1002, "server"),
                Arguments.of("close code 999", closeFrame(999, ""), 1002, "client"),
                Arguments.of("close code 5000", closeFrame(5000, ""), 1002, "client"),
                Arguments.of("close code 1006 on the wire", closeFrame(1006, ""), 1002, "client"),
                Arguments.of("close with a 200-byte reason", closeFrame(1000, "r".repeat(198)), 1002, "client"),
                Arguments.of("close with a 1-byte payload", WsWire.frame(true, Opcode.CLOSE, new byte[] {3}), 1002,
                        "client"),
                Arguments.of("RSV1 on a text frame", WsWire.frame(true, 4, Opcode.TEXT, null, tick), 1002, "client"),
                Arguments.of("reserved opcode 3", WsWire.frame(true, 3, tick), 1002, "client"),
                Arguments.of("reserved opcode 0xB", WsWire.frame(true, 0xB, new byte[0]), 1002, "client"),
                Arguments.of("fragmented ping", WsWire.frame(false, Opcode.PING, new byte[] {1}), 1002, "client"),
                Arguments.of("126-byte ping", WsWire.frame(true, Opcode.PING, new byte[126]), 1002, "client"),
                Arguments.of("stray continuation", WsWire.frame(true, Opcode.CONTINUATION, tick), 1002, "client"),
                Arguments.of("masked server frame", WsWire.frame(true, 0, Opcode.TEXT, mask, tick), 1002, "client"),
                Arguments.of("invalid UTF-8 in a text frame", WsWire.frame(true, Opcode.TEXT,
                        new byte[] {'{', '"', (byte) 0xC3, 0x28, '"', '}'}), 1007, "client"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFrames")
    void badFrameEndsTheConnectionWithTheRightCodeAndTheLinkReconnects(String name, byte[] bytes, int code, String by)
            throws Exception {
        link(c -> {
            c.handshake(hello());
            c.writeRaw(bytes);
        });
        LinkEvent.Closed closed = awaitClosedAndReconnect();
        assertClosed(closed, code, by);
        assertEquals(1, h.link.history().helloOks());
        if ("client".equals(by)) {
            assertClientClosed(connection(0), code);
        }
        h.advance(Duration.ofMillis(h.awaitEvent(LinkEvent.ReconnectScheduled.class).delayMs()));
        h.awaitEvent(LinkEvent.HelloOk.class, 2);
        assertEquals(0, h.count(LinkEvent.ReconnectPaused.class));
    }

    @Test
    void garbageTextIsADecodeErrorAndTheLinkStaysConnected() throws Exception {
        link(c -> {
            c.handshake(hello());
            c.sendText("this is not json {");
            c.sendTick();
        });
        h.awaitEvent(LinkEvent.Tick.class);
        assertEquals(1, errors("decode").size(), h.dump());
        assertEquals(LinkState.CONNECTED, h.link.state());
    }

    @Test
    void deeplyNestedJsonIsADecodeErrorWithoutStackOverflow() throws Exception {
        int depth = 100_000;
        String nested = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        link(c -> {
            c.handshake(hello());
            c.sendText("{\"type\":\"event\",\"event\":\"tick\",\"seq\":1,\"payload\":" + nested + "}");
            c.sendText(GatewayFrames.tick(2));
        });
        LinkEvent.Tick tick = h.awaitEvent(LinkEvent.Tick.class);
        assertEquals(2, tick.frameSeq(), "the nested frame was taken as a tick");
        assertEquals(1, errors("decode").size(), h.dump());
        assertEquals(LinkState.CONNECTED, h.link.state());
        assertEquals(0, h.count(LinkEvent.Closed.class));
    }

    /** The first ping's pong is awaited while the message is still incomplete; the last ping must be answered too. */
    @Test
    void fragmentedMessageWithPingsInBetweenIsDeliveredAndThePingsAnswered() throws Exception {
        byte[] tick = GatewayFrames.tick(1).getBytes(StandardCharsets.UTF_8);
        int third = tick.length / 3;
        link(c -> {
            c.handshake(hello());
            c.writeRaw(WsWire.frame(false, Opcode.TEXT, Arrays.copyOfRange(tick, 0, third)));
            c.writeRaw(WsWire.frame(true, Opcode.PING, "p1".getBytes(StandardCharsets.UTF_8)));
            awaitPong(c, "p1");
            c.writeRaw(WsWire.frame(false, Opcode.CONTINUATION, Arrays.copyOfRange(tick, third, 2 * third)));
            c.writeRaw(WsWire.frame(true, Opcode.PING, "p2".getBytes(StandardCharsets.UTF_8)));
            c.writeRaw(WsWire.frame(true, Opcode.CONTINUATION, Arrays.copyOfRange(tick, 2 * third, tick.length)));
        });
        assertEquals(1, h.awaitEvent(LinkEvent.Tick.class).frameSeq());
        HostileConnection c = connection(0);
        awaitPong(c, "p1");
        awaitPong(c, "p2");
        assertEquals(LinkState.CONNECTED, h.link.state());
        assertEquals(0, h.count(LinkEvent.Error.class), h.dump());
    }

    private static void awaitPong(HostileConnection c, String payload) throws InterruptedException {
        byte[] expected = payload.getBytes(StandardCharsets.UTF_8);
        c.awaitFrame(f -> f.opcode() == Opcode.PONG && Arrays.equals(f.payload(), expected), REAL_WAIT);
    }

    @Test
    void duplicateResponsesAreIgnored() throws Exception {
        link(c -> {
            c.autoAnswer(false);
            String id = c.upgradeAndAwaitConnect();
            String helloOk = hello().frame(id);
            c.sendText(helloOk);
            c.sendText(helloOk);
            String request = c.awaitFrame(f -> "health".equals(f.method()), REAL_WAIT).requestId();
            c.sendText(GatewayFrames.ok(request));
            c.sendText(GatewayFrames.ok(request));
            c.sendText(GatewayFrames.error(request, "UNAVAILABLE", "late duplicate", true, null, null));
            c.sendTick();
        });
        h.awaitState(LinkState.CONNECTED);
        ResponseFrame answer = h.link.request("health", new JsonObject(), Duration.ofSeconds(30))
                .get(REAL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(answer.ok());
        h.awaitEvent(LinkEvent.Tick.class);
        assertEquals(1, h.count(LinkEvent.HelloOk.class), h.dump());
        assertEquals(1, h.link.history().helloOks());
        assertEquals(LinkState.CONNECTED, h.link.state());
        assertEquals(0, h.count(LinkEvent.Closed.class), h.dump());
    }

    private static byte[] closeFrame(int code, String reason) {
        return WsWire.frame(true, Opcode.CLOSE, WsWire.closePayload(code, reason));
    }
}
