package dev.clawscope.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The relay's frame follower: every byte through unchanged, except the answer to an empty close. */
class CloseEchoTest {

    private static final byte[] HEAD = ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] TYRUS_CLOSE = serverFrame(0x8,
            concat(new byte[] {0x03, (byte) 0xE8}, "Normal closure.".getBytes(StandardCharsets.UTF_8)));

    @Test
    void serverStreamPassesUnchangedInAnyChunkingWhileTheClientClosedWithAStatus() throws IOException {
        byte[] stream = concat(HEAD, serverFrame(0x1, text(5)), serverFrame(0x1, text(300)),
                serverFrame(0x2, text(70_000)), serverFrame(0x9, new byte[0]), TYRUS_CLOSE);
        for (int chunk : new int[] {1, 2, 3, 7, 13, 64, 1000, 16 * 1024, stream.length}) {
            CloseEcho echo = new CloseEcho();
            feed(echo.fromClient, clientClose(new byte[] {0x03, (byte) 0xE8}), 1);
            assertArrayEquals(stream, feed(echo.toClient, stream, chunk), "chunk " + chunk);
        }
    }

    @Test
    void afterAnEmptyClientCloseTheServerCloseGoesOutEmpty() throws IOException {
        byte[] before = concat(HEAD, serverFrame(0x1, text(200)));
        byte[] stream = concat(before, TYRUS_CLOSE);
        for (int chunk : new int[] {1, 2, 5, 100, stream.length}) {
            CloseEcho echo = new CloseEcho();
            byte[] clientSide = concat(clientFrame(0x1, text(40)), clientClose(new byte[0]));
            assertArrayEquals(clientSide, feed(echo.fromClient, clientSide, chunk), "client bytes pass as they are");
            assertTrue(echo.clientClosedEmpty());
            assertArrayEquals(concat(before, new byte[] {(byte) 0x88, 0x00}), feed(echo.toClient, stream, chunk),
                    "chunk " + chunk);
        }
    }

    @Test
    void aFailedUpgradeIsNotReadAsFrames() throws IOException {
        byte[] refused = ("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 2\r\n\r\n" + "\u0088\u0000")
                .getBytes(StandardCharsets.ISO_8859_1);
        CloseEcho echo = new CloseEcho();
        feed(echo.fromClient, clientClose(new byte[0]), 1);
        assertArrayEquals(refused, feed(echo.toClient, refused, 1));
    }

    @Test
    void clientTextFramesDoNotCountAsAClose() throws IOException {
        CloseEcho echo = new CloseEcho();
        feed(echo.fromClient, concat(clientFrame(0x1, new byte[0]), clientFrame(0x1, text(126))), 3);
        assertFalse(echo.clientClosedEmpty());
    }

    private static byte[] feed(CloseEcho.Direction direction, byte[] stream, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < stream.length; i += chunk) {
            int n = Math.min(chunk, stream.length - i);
            // a pump reads into a bigger buffer at some offset: keep the offset arithmetic honest
            byte[] buffer = new byte[n + 8];
            System.arraycopy(stream, i, buffer, 3, n);
            direction.forward(buffer, 3, n, out);
        }
        return out.toByteArray();
    }

    private static byte[] serverFrame(int opcode, byte[] payload) {
        return concat(header(opcode, payload.length, false), payload);
    }

    private static byte[] clientFrame(int opcode, byte[] payload) {
        byte[] mask = {1, 2, 3, 4};
        byte[] masked = payload.clone();
        for (int i = 0; i < masked.length; i++) {
            masked[i] ^= mask[i % 4];
        }
        return concat(header(opcode, payload.length, true), mask, masked);
    }

    private static byte[] clientClose(byte[] payload) {
        return clientFrame(0x8, payload);
    }

    private static byte[] header(int opcode, int length, boolean masked) {
        int maskBit = masked ? 0x80 : 0;
        if (length < 126) {
            return new byte[] {(byte) (0x80 | opcode), (byte) (maskBit | length)};
        }
        if (length <= 0xFFFF) {
            return new byte[] {(byte) (0x80 | opcode), (byte) (maskBit | 126), (byte) (length >> 8), (byte) length};
        }
        byte[] h = new byte[10];
        h[0] = (byte) (0x80 | opcode);
        h[1] = (byte) (maskBit | 127);
        for (int i = 0; i < 8; i++) {
            h[9 - i] = (byte) (length >>> (8 * i));
        }
        return h;
    }

    private static byte[] text(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 'x');
        if (length > 0) {
            bytes[0] = (byte) 0x88; // looks like a close frame header: must not be taken for one
        }
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
