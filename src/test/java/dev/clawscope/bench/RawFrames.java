package dev.clawscope.bench;

import dev.clawscope.ws.Upgrade;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Reading the wire for {@link ObserverBenchmark}'s client and server: an HTTP head, then frames into a reused buffer. */
final class RawFrames {

    private static final int MAX_HEAD = 16 * 1024;

    private RawFrames() {
    }

    /** One frame's opcode and payload length; the payload is in the caller's buffer. */
    record Frame(int opcode, int length) {
    }

    /** The HTTP head up to and including its blank line. */
    static byte[] readHead(InputStream in) throws IOException {
        byte[] head = new byte[1024];
        int length = 0;
        while (Upgrade.headEnd(head, length) < 0) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the connection ended in the HTTP head");
            }
            if (length == MAX_HEAD) {
                throw new IOException("an HTTP head over " + MAX_HEAD + " bytes");
            }
            if (length == head.length) {
                head = Arrays.copyOf(head, head.length * 2);
            }
            head[length++] = (byte) b;
        }
        return Arrays.copyOf(head, length);
    }

    /**
     * Reads one frame's payload into {@code buf} and unmasks (when masked) only its first
     * {@code unmask} bytes: what the reader looks at.
     */
    static Frame read(InputStream in, byte[] buf, int unmask) throws IOException {
        int b0 = next(in);
        int b1 = next(in);
        long length = b1 & 0x7F;
        int extended = length == 126 ? 2 : length == 127 ? 8 : 0;
        if (extended > 0) {
            length = 0;
            for (int i = 0; i < extended; i++) {
                length = (length << 8) | next(in);
            }
        }
        if (length > buf.length) {
            throw new IOException("a frame of " + length + " bytes, more than " + buf.length);
        }
        byte[] mask = null;
        if ((b1 & 0x80) != 0) {
            mask = new byte[] {(byte) next(in), (byte) next(in), (byte) next(in), (byte) next(in)};
        }
        int n = (int) length;
        if (in.readNBytes(buf, 0, n) < n) {
            throw new EOFException("the connection ended in a frame");
        }
        if (mask != null) {
            for (int i = 0; i < Math.min(unmask, n); i++) {
                buf[i] ^= mask[i & 3];
            }
        }
        return new Frame(b0 & 0x0F, n);
    }

    private static int next(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the connection ended in a frame header");
        }
        return b;
    }
}
