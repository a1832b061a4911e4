package dev.clawscope.link.hostile;

import dev.clawscope.ws.Opcode;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * RFC 6455 frames as a hostile server writes them: every header field chosen freely (FIN, RSV
 * bits, any opcode, a mask bit, a declared length in any of the three encodings and independent of
 * the payload that follows), and the client's frames read back and unmasked.
 */
public final class WsWire {

    /** Length encodings: the shortest that fits, or one forced (also for a length it does not fit). */
    public enum LengthForm { SHORTEST, BITS_7, BITS_16, BITS_64 }

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private WsWire() {
    }

    /**
     * A frame header. {@code declaredLength} goes on the wire as given (for the 64-bit form its raw
     * bits, so a negative value sets the top bit); {@code mask} is null for no mask bit.
     *
     * @param rsv the three RSV bits as a number 0 to 7 (4 = RSV1)
     */
    public static byte[] header(boolean fin, int rsv, int opcode, byte[] mask, long declaredLength, LengthForm form) {
        LengthForm used = form;
        if (form == LengthForm.SHORTEST) {
            used = declaredLength >= 0 && declaredLength <= 125 ? LengthForm.BITS_7
                    : declaredLength >= 0 && declaredLength <= 0xFFFF ? LengthForm.BITS_16 : LengthForm.BITS_64;
        }
        int extra = switch (used) {
            case BITS_16 -> 2;
            case BITS_64 -> 8;
            default -> 0;
        };
        byte[] head = new byte[2 + extra + (mask == null ? 0 : 4)];
        head[0] = (byte) ((fin ? 0x80 : 0) | ((rsv & 7) << 4) | (opcode & 0x0F));
        int maskBit = mask == null ? 0 : 0x80;
        switch (used) {
            case BITS_16 -> {
                head[1] = (byte) (maskBit | 126);
                head[2] = (byte) (declaredLength >>> 8);
                head[3] = (byte) declaredLength;
            }
            case BITS_64 -> {
                head[1] = (byte) (maskBit | 127);
                for (int i = 0; i < 8; i++) {
                    head[2 + i] = (byte) (declaredLength >>> (56 - 8 * i));
                }
            }
            default -> head[1] = (byte) (maskBit | (declaredLength & 0x7F));
        }
        if (mask != null) {
            System.arraycopy(mask, 0, head, 2 + extra, 4);
        }
        return head;
    }

    /** A whole unmasked frame whose declared length is its payload's. */
    public static byte[] frame(boolean fin, int opcode, byte[] payload) {
        return frame(fin, 0, opcode, null, payload);
    }

    /** A whole frame with RSV bits and an optional mask (the payload is masked with it). */
    public static byte[] frame(boolean fin, int rsv, int opcode, byte[] mask, byte[] payload) {
        byte[] head = header(fin, rsv, opcode, mask, payload.length, LengthForm.SHORTEST);
        byte[] out = new byte[head.length + payload.length];
        System.arraycopy(head, 0, out, 0, head.length);
        for (int i = 0; i < payload.length; i++) {
            out[head.length + i] = mask == null ? payload[i] : (byte) (payload[i] ^ mask[i & 3]);
        }
        return out;
    }

    public static byte[] text(String json) {
        return frame(true, Opcode.TEXT, json.getBytes(StandardCharsets.UTF_8));
    }

    /** A close payload: the code in two bytes (any value, also ones RFC 6455 forbids), then the reason. */
    public static byte[] closePayload(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        return payload;
    }

    /** The {@code Sec-WebSocket-Accept} for a client's key. */
    public static String accept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return Base64.getEncoder().encodeToString(sha1.digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads one frame from the client and unmasks it. A declared length over {@code maxPayload}
     * is read as far as {@code maxPayload} and the rest skipped, so a wild client cannot make the
     * harness allocate.
     */
    public static ClientFrame read(InputStream in, int maxPayload) throws IOException {
        int b0 = readByte(in);
        int b1 = readByte(in);
        long length = b1 & 0x7F;
        if (length == 126) {
            length = ((long) readByte(in) << 8) | readByte(in);
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte(in);
            }
        }
        boolean masked = (b1 & 0x80) != 0;
        byte[] mask = new byte[4];
        if (masked) {
            for (int i = 0; i < 4; i++) {
                mask[i] = (byte) readByte(in);
            }
        }
        int kept = (int) Math.min(Math.max(length, 0), maxPayload);
        byte[] payload = in.readNBytes(kept);
        if (payload.length < kept) {
            throw new EOFException();
        }
        in.skipNBytes(Math.max(length, 0) - kept);
        if (masked) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i & 3];
            }
        }
        return new ClientFrame((b0 & 0x80) != 0, (b0 >> 4) & 7, b0 & 0x0F, masked, length, payload);
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }
}
