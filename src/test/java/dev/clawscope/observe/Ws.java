package dev.clawscope.observe;

import dev.clawscope.link.hostile.WsWire;
import dev.clawscope.ws.Opcode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The upgrade and frames as a hand-written client and server put them on the wire. */
final class Ws {

    private static final Pattern KEY = Pattern.compile("(?im)^Sec-WebSocket-Key:\\s*(\\S+)\\s*$");

    private Ws() {
    }

    static String request(String host, String extensions) {
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        return "GET /?token=query-secret HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\nUser-Agent: raw-test/1.0\r\n"
                + (extensions == null ? "" : "Sec-WebSocket-Extensions: " + extensions + "\r\n") + "\r\n";
    }

    /** The 101 for the request head at the start of {@code received}. */
    static String switching(String received, String extensions) {
        Matcher m = KEY.matcher(received.substring(0, received.indexOf("\r\n\r\n") + 4));
        if (!m.find()) {
            throw new AssertionError("no Sec-WebSocket-Key in " + received);
        }
        return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + WsWire.accept(m.group(1)) + "\r\n"
                + (extensions == null ? "" : "Sec-WebSocket-Extensions: " + extensions + "\r\n") + "\r\n";
    }

    static boolean headArrived(byte[] received) {
        return new String(received, StandardCharsets.ISO_8859_1).contains("\r\n\r\n");
    }

    static byte[] mask() {
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        return mask;
    }

    /** A client frame: masked. */
    static byte[] client(boolean fin, int rsv, int opcode, byte[] payload) {
        return WsWire.frame(fin, rsv, opcode, mask(), payload);
    }

    static byte[] client(int opcode, String text) {
        return client(true, 0, opcode, utf8(text));
    }

    /** A server frame: unmasked. */
    static byte[] server(boolean fin, int rsv, int opcode, byte[] payload) {
        return WsWire.frame(fin, rsv, opcode, null, payload);
    }

    static byte[] server(int opcode, String text) {
        return server(true, 0, opcode, utf8(text));
    }

    /** A frame whose length is written in the 64-bit form, whatever its size. */
    static byte[] with64BitLength(byte[] mask, int opcode, byte[] payload) {
        byte[] head = WsWire.header(true, 0, opcode, mask, payload.length, WsWire.LengthForm.BITS_64);
        byte[] out = new byte[head.length + payload.length];
        System.arraycopy(head, 0, out, 0, head.length);
        for (int i = 0; i < payload.length; i++) {
            out[head.length + i] = mask == null ? payload[i] : (byte) (payload[i] ^ mask[i & 3]);
        }
        return out;
    }

    static byte[] close(boolean masked, int code, String reason) {
        byte[] payload = WsWire.closePayload(code, reason);
        return masked ? client(true, 0, Opcode.CLOSE, payload) : server(true, 0, Opcode.CLOSE, payload);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON string of {@code n} characters, padded with letters. */
    static String pad(int n) {
        return "x".repeat(n);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
