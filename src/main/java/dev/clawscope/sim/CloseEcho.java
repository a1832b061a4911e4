package dev.clawscope.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Follows both directions of one relayed WebSocket frame by frame, so that the embedded server's
 * answer to an empty close frame can be made the real gateway's.
 *
 * <p>Why: a client that closes with no status code sends an empty close frame (the reference Node
 * client's {@code stop()} does). The real gateway's {@code ws} library answers with an empty close
 * frame, so the client reports 1005. Tyrus answers {@code 1000 "Normal closure."} instead. Once
 * {@link #fromClient} has seen an empty close frame, {@link #toClient} sends the server's next
 * close frame out as an empty one ({@code 88 00}). A close with a status code is answered with the
 * same code and reason by both servers, so it passes unchanged.
 *
 * <p>Every other byte passes through unchanged and in order. Only an incomplete frame header (at
 * most 14 bytes) or a server close frame (at most 127 bytes) is held until it is whole. The server's
 * HTTP response head passes as is; its frames are followed only after a {@code 101} answer. Each
 * direction is driven by its own single pump thread.
 */
final class CloseEcho {

    private static final int OPCODE_CLOSE = 0x8;
    private static final byte[] EMPTY_CLOSE = {(byte) 0x88, 0x00};
    private static final int MAX_HEAD = 16 * 1024;

    /** Client to server: starts at the first frame (the relay has read the request head itself). */
    final Direction fromClient = new Direction(false);
    /** Server to client: starts with the HTTP response head. */
    final Direction toClient = new Direction(true);

    private volatile boolean clientClosedEmpty;

    boolean clientClosedEmpty() {
        return clientClosedEmpty;
    }

    private enum State { HTTP_HEAD, FRAME_HEADER, PAYLOAD, PASS_THROUGH }

    /** One direction of the connection. */
    final class Direction {
        private final boolean fromServer;
        private State state;
        private final ByteArrayOutputStream statusLine = new ByteArrayOutputStream();
        private boolean statusLineDone;
        private int headMatch;
        private int headBytes;
        private final byte[] header = new byte[14];
        private int headerLength;
        private long remaining;
        /** Non-null while a server close frame is held back. */
        private ByteArrayOutputStream heldClose;

        private Direction(boolean fromServer) {
            this.fromServer = fromServer;
            this.state = fromServer ? State.HTTP_HEAD : State.FRAME_HEADER;
        }

        /** Writes {@code length} bytes of {@code buffer} from {@code offset} to {@code out}, as described above. */
        void forward(byte[] buffer, int offset, int length, OutputStream out) throws IOException {
            int end = offset + length;
            int i = offset;
            int segment = offset; // first byte neither written nor taken into a header or held frame
            while (i < end) {
                switch (state) {
                    case PASS_THROUGH -> i = end;
                    case HTTP_HEAD -> readHead(buffer[i++]);
                    case PAYLOAD -> {
                        int take = (int) Math.min(remaining, end - i);
                        if (heldClose != null) {
                            heldClose.write(buffer, i, take);
                            segment = i + take;
                        }
                        i += take;
                        remaining -= take;
                        if (remaining == 0) {
                            frameDone(out);
                        }
                    }
                    case FRAME_HEADER -> {
                        if (headerLength == 0 && i > segment) {
                            out.write(buffer, segment, i - segment);
                        }
                        header[headerLength++] = buffer[i++];
                        segment = i;
                        if (headerLength >= 2 && headerLength == headerSize()) {
                            headerDone(out);
                        }
                    }
                }
            }
            if (end > segment) { // plain pass-through bytes: taken or held ones moved segment past themselves
                out.write(buffer, segment, end - segment);
            }
        }

        private void readHead(byte b) {
            headBytes++;
            if (!statusLineDone) {
                if (b == '\r' || b == '\n') {
                    statusLineDone = true;
                } else if (statusLine.size() < 64) {
                    statusLine.write(b);
                }
            }
            int expected = headMatch % 2 == 0 ? '\r' : '\n';
            headMatch = b == expected ? headMatch + 1 : b == '\r' ? 1 : 0;
            if (headMatch == 4) {
                boolean upgraded = statusLine.toString(StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 101");
                state = upgraded ? State.FRAME_HEADER : State.PASS_THROUGH;
            } else if (headBytes > MAX_HEAD) {
                state = State.PASS_THROUGH;
            }
        }

        private int headerSize() {
            int len7 = header[1] & 0x7F;
            int extended = len7 == 126 ? 2 : len7 == 127 ? 8 : 0;
            int mask = (header[1] & 0x80) != 0 ? 4 : 0;
            return 2 + extended + mask;
        }

        private void headerDone(OutputStream out) throws IOException {
            int len7 = header[1] & 0x7F;
            long payload = len7;
            if (len7 == 126) {
                payload = ((header[2] & 0xFFL) << 8) | (header[3] & 0xFFL);
            } else if (len7 == 127) {
                payload = 0;
                for (int k = 2; k < 10; k++) {
                    payload = (payload << 8) | (header[k] & 0xFFL);
                }
            }
            boolean close = (header[0] & 0x0F) == OPCODE_CLOSE;
            if (close && !fromServer && payload == 0) {
                clientClosedEmpty = true; // before the frame reaches the server, so before its answer
            }
            if (close && fromServer) {
                heldClose = new ByteArrayOutputStream(headerLength + (int) Math.min(payload, 125));
                heldClose.write(header, 0, headerLength);
            } else {
                out.write(header, 0, headerLength);
            }
            headerLength = 0;
            remaining = payload;
            state = State.PAYLOAD;
            if (payload == 0) {
                frameDone(out);
            }
        }

        private void frameDone(OutputStream out) throws IOException {
            if (heldClose != null) {
                out.write(clientClosedEmpty ? EMPTY_CLOSE : heldClose.toByteArray());
                heldClose = null;
            }
            state = State.FRAME_HEADER;
        }
    }
}
