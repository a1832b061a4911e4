package dev.clawscope.observe;

import dev.clawscope.chaos.ByteSink;
import dev.clawscope.chaos.StreamTap;
import dev.clawscope.ws.Opcode;
import dev.clawscope.ws.Utf8;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * One direction of an observed connection: relays the bytes unchanged and decodes a copy, the HTTP
 * head first, then RFC 6455 frames. Holds at most a frame header (14 bytes) of the stream, plus a
 * text message up to {@link #DECODE_CAP} for decoding (a copy; the bytes themselves go on at once),
 * plus a frame the connection asked to {@link WireEvents.Action#HOLD} up to {@link #HOLD_CAP}.
 * Bytes that are not WebSocket are relayed as they are and named once. I/O thread only.
 */
final class WireReader implements StreamTap {

    /** Text messages larger than this are relayed without decoding. */
    static final int DECODE_CAP = 1024 * 1024;
    /** A payload copy starts this large and grows with what arrives, up to the frame's declared length. */
    private static final int FIRST_CAPTURE = 16 * 1024;
    /** A frame is held whole only up to this size; a larger one is forwarded. */
    static final int HOLD_CAP = 64 * 1024;
    /** The HTTP head may be at most this long; beyond it the direction is relayed as it is. */
    static final int MAX_HEAD = 16 * 1024;
    /** The longest request method taken for HTTP (the registered ones have at most 17 letters). */
    private static final int MAX_METHOD = 20;
    private static final byte[] HTTP_VERSION = "HTTP/".getBytes(StandardCharsets.US_ASCII);
    /** Problems named per direction before the rest of it is relayed without decoding. */
    static final int MAX_PROBLEMS = 16;

    /** Byte arrays read and written as little-endian longs, for {@link #unmask}. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private enum Phase { HEAD, FRAMES, OPAQUE, ENDED }

    private final Side side;
    private final WireEvents events;
    private final ByteSink out;
    private Phase phase = Phase.HEAD;
    private boolean swallow;
    private int problems;
    /** Too many problems: relay the rest as it is from the next frame boundary on. */
    private boolean opaqueAtBoundary;

    // The HTTP head, copied while it arrives.
    private byte[] head = new byte[512];
    private int headLength;

    // The frame being read.
    private final byte[] header = new byte[14];
    private int headerBytes;
    /** Of {@link #headerBytes}, how many came in an earlier read and are not relayed yet. */
    private int carried;
    private WireHeader frame;
    private long payloadRead;
    private WireEvents.Action action;
    private byte[] capture;
    private int captureLength;
    private byte[] held;
    private int heldLength;

    // The data message being assembled for decoding.
    private int messageOpcode = -1;
    private boolean messageDecoded;
    private byte[] message = new byte[0];
    private int messageLength;
    private long messageSize;

    // Relaying the current read: bytes [pending, i) of it are still to be emitted.
    private byte[] bytes;
    private int pending;

    /** Bytes to put into this direction at the next frame boundary (the observer's own frames). */
    private final ArrayDeque<byte[]> injections = new ArrayDeque<>();
    private final ArrayDeque<Runnable> afterInjections = new ArrayDeque<>();

    WireReader(Side side, WireEvents events, ByteSink out) {
        this.side = side;
        this.events = events;
        this.out = out;
    }

    /** From now on relay nothing of this direction (a stalled upgrade); decoding goes on. */
    void swallow() {
        swallow = true;
    }

    /**
     * From now on relay and decode nothing of this direction, also not the rest of the current read:
     * the observer closed it in the other end's place, so what follows would come after a close, or
     * the upgrade is stalled, so nothing of the server may reach the client.
     */
    void end() {
        swallow = true;
        phase = Phase.ENDED;
        held = null;
    }

    /** The other direction gave up on WebSocket (the upgrade was refused): relay this one as it is. */
    void opaque() {
        if (phase != Phase.OPAQUE && phase != Phase.ENDED) {
            phase = Phase.OPAQUE;
            flushCarried();
            releaseHeld();
            flushInjections();
        }
    }

    /**
     * Puts {@code frameBytes} into this direction between two frames, at once when between frames
     * now, then runs {@code then} (may be null) right after they were queued for the sink.
     */
    void inject(byte[] frameBytes, Runnable then) {
        injections.add(frameBytes);
        if (then != null) {
            afterInjections.add(then);
        }
        if (atBoundary()) {
            flushInjections();
        }
    }

    @Override
    public void onBytes(byte[] data, int length) {
        long nanos = System.nanoTime();
        bytes = data;
        pending = frame != null && action != WireEvents.Action.FORWARD ? -1 : 0;
        int i = 0;
        while (i < length) {
            switch (phase) {
                case OPAQUE -> {
                    releaseHeld();
                    if (pending < 0) {
                        pending = i;
                    }
                    i = length;
                }
                case HEAD -> i = readHead(data, i, length, nanos);
                case FRAMES -> i = readFrames(data, i, length, nanos);
                case ENDED -> i = length;
            }
        }
        emitPending(length);
        bytes = null;
    }

    @Override
    public void onEnd(boolean reset) {
        events.ended(side, reset, System.nanoTime());
    }

    private int readHead(byte[] data, int from, int length, long nanos) {
        int take = Math.min(length - from, MAX_HEAD - headLength);
        if (headLength + take > head.length) {
            head = Arrays.copyOf(head, Math.min(MAX_HEAD, Math.max(head.length * 2, headLength + take)));
        }
        System.arraycopy(data, from, head, headLength, take);
        int searchFrom = Math.max(0, headLength - 3);
        headLength += take;
        int end = headEnd(searchFrom);
        if (!looksLikeHttp()) {
            giveUp("bytes that are not an HTTP " + (side == Side.CLIENT ? "request" : "response"), from + take, nanos);
            return from + take;
        }
        if (end < 0) {
            if (headLength >= MAX_HEAD) {
                giveUp("an HTTP head longer than " + MAX_HEAD + " bytes", from + take, nanos);
            }
            return from + take;
        }
        int consumed = end - (headLength - take);
        String text = new String(head, 0, end, StandardCharsets.ISO_8859_1);
        head = null;
        phase = events.head(side, text, nanos) ? Phase.FRAMES : Phase.OPAQUE;
        if (!injections.isEmpty()) {
            // Frames queued before the head was whole go right after it.
            emitPending(from + consumed);
            flushInjections();
        }
        return from + consumed;
    }

    private int headEnd(int from) {
        for (int i = Math.max(3, from + 3); i < headLength; i++) {
            if (head[i] == '\n' && head[i - 1] == '\r' && head[i - 2] == '\n' && head[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    /**
     * Whether the head so far can begin an HTTP message: a request starts with a method (capital
     * letters) and a space, a response with {@code HTTP/}. Anything else is not HTTP, however long.
     */
    private boolean looksLikeHttp() {
        if (side == Side.SERVER) {
            for (int i = 0; i < Math.min(headLength, HTTP_VERSION.length); i++) {
                if (head[i] != HTTP_VERSION[i]) {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0; i < Math.min(headLength, MAX_METHOD + 1); i++) {
            byte b = head[i];
            if (b == ' ') {
                return i > 0;
            }
            if (!(b >= 'A' && b <= 'Z')) {
                return false;
            }
        }
        return headLength <= MAX_METHOD;
    }

    /** The head is not HTTP: relays this direction as it is from here, {@code upTo} of the current read first. */
    private void giveUp(String problem, int upTo, long nanos) {
        head = null;
        phase = Phase.OPAQUE;
        events.problem(side, problem, nanos);
        if (!injections.isEmpty()) {
            emitPending(upTo);
            flushInjections();
        }
    }

    private int readFrames(byte[] data, int from, int length, long nanos) {
        int i = from;
        if (frame == null && headerBytes == 0 && opaqueAtBoundary) {
            phase = Phase.OPAQUE;
            return i;
        }
        if (frame == null) {
            int headerStart = i;
            while (frame == null && i < length) {
                int need = WireHeader.neededFor(header, headerBytes);
                int take = Math.min(need - headerBytes, length - i);
                System.arraycopy(data, i, header, headerBytes, take);
                headerBytes += take;
                i += take;
                if (headerBytes >= 2 && headerBytes == WireHeader.neededFor(header, headerBytes)) {
                    frame = WireHeader.parse(header, headerBytes);
                }
            }
            if (frame == null) {
                // The rest of the header comes in a later read; hold what arrived.
                emitPending(headerStart);
                carried = headerBytes;
                pending = length;
                return length;
            }
            if (!startFrame(headerStart, length - i, nanos)) {
                return i;
            }
        }
        long left = frame.length() - payloadRead;
        int take = (int) Math.min(left, length - i);
        payload(data, i, take);
        payloadRead += take;
        i += take;
        if (payloadRead == frame.length()) {
            endFrame(i, nanos);
        }
        return i;
    }

    /**
     * The header that began at {@code headerStart} of the current read is whole, and {@code arrived}
     * bytes of the read follow it; decides what to do with the frame.
     *
     * @return false when the stream has no frame boundaries any more (relayed as it is from here)
     */
    private boolean startFrame(int headerStart, int arrived, long nanos) {
        WireHeader h = frame;
        if (h.length() < 0) {
            flushCarried();
            frame = null;
            headerBytes = 0;
            problem("a frame length with its most significant bit set; the rest is relayed without decoding", nanos);
            phase = Phase.OPAQUE;
            return false;
        }
        check(h, nanos);
        action = events.frameStarts(side, h);
        if (action == WireEvents.Action.HOLD && h.length() > HOLD_CAP) {
            action = WireEvents.Action.FORWARD;
        }
        if (action == WireEvents.Action.FORWARD) {
            flushCarried();
        } else {
            emitPending(headerStart);
            if (action == WireEvents.Action.HOLD) {
                held = new byte[headerBytes + (int) h.length()];
                System.arraycopy(header, 0, held, 0, headerBytes);
                heldLength = headerBytes;
            }
            carried = 0;
            pending = -1;
        }
        payloadRead = 0;
        captureLength = 0;
        // Sized by what arrived, not by what the header declares: a header costs a peer 14 bytes.
        capture = wantsPayload(h, nanos) ? new byte[(int) Math.min(h.length(), Math.max(FIRST_CAPTURE, arrived))]
                : null;
        return true;
    }

    /** The problems a header alone shows; the frame is still relayed. */
    private void check(WireHeader h, long nanos) {
        if (Opcode.isControl(h.opcode()) && (!h.fin() || h.length() > 125)) {
            problem((h.fin() ? "a " : "a fragmented ") + Opcode.name(h.opcode()) + " frame"
                    + (h.length() > 125 ? " of " + h.length() + " bytes (at most 125)" : ""), nanos);
        } else if (!Opcode.isDefined(h.opcode())) {
            problem("a frame with the " + Opcode.name(h.opcode()), nanos);
        }
        if (h.rsv() != 0 && !(h.rsv() == 4 && events.compressionAgreed())) {
            problem("a frame with reserved bits set (RSV " + Integer.toBinaryString(h.rsv())
                    + ") but no extension was agreed", nanos);
        }
        if (side == Side.SERVER && h.masked()) {
            problem("a masked " + Opcode.name(h.opcode()) + " frame from the server", nanos);
        } else if (side == Side.CLIENT && !h.masked()) {
            problem("an unmasked " + Opcode.name(h.opcode()) + " frame from the client", nanos);
        }
    }

    /** Whether to copy the payload of frame {@code h} for decoding; keeps the message state. */
    private boolean wantsPayload(WireHeader h, long nanos) {
        int op = h.opcode();
        if (Opcode.isControl(op)) {
            return h.length() <= 125;
        }
        if (op == Opcode.TEXT || op == Opcode.BINARY) {
            if (messageOpcode != -1) {
                problem("a new " + Opcode.name(op) + " message before the previous one ended", nanos);
            }
            messageOpcode = op;
            messageLength = 0;
            messageSize = 0;
            messageDecoded = false;
            String skip = op == Opcode.BINARY ? "binary"
                    : (h.rsv() & 4) != 0 && events.compressionAgreed() ? "compressed"
                    : h.length() > DECODE_CAP ? "oversize" : null;
            if (skip != null) {
                events.skipped(side, op, h.length(), skip, nanos);
            } else {
                messageDecoded = true;
            }
        } else if (op == Opcode.CONTINUATION) {
            if (messageOpcode == -1) {
                problem("a continuation frame outside a fragmented message", nanos);
                return false;
            }
            if (messageDecoded && messageSize + h.length() > DECODE_CAP) {
                messageDecoded = false;
                message = new byte[0];
                events.skipped(side, messageOpcode, messageSize + h.length(), "oversize", nanos);
            }
        } else {
            return false;
        }
        messageSize += h.length();
        return messageDecoded;
    }

    private void payload(byte[] data, int from, int length) {
        if (length == 0) {
            return;
        }
        if (action == WireEvents.Action.HOLD) {
            System.arraycopy(data, from, held, heldLength, length);
            heldLength += length;
        }
        if (capture != null) {
            if (captureLength + length > capture.length) {
                int size = (int) Math.min(frame.length(), Math.max(captureLength + length, 2L * capture.length));
                capture = captureLength == 0 ? new byte[size] : Arrays.copyOf(capture, size);
            }
            unmask(data, from, capture, captureLength, length, frame.maskKey(), (int) payloadRead);
            captureLength += length;
        }
    }

    /**
     * Copies {@code length} bytes from {@code src[srcAt]} to {@code dst[dstAt]}, unmasked with
     * {@code key} (null: copied as they are) where the first is byte {@code offset} of the payload.
     * Eight bytes at a time: the copy is made on the relay's I/O thread before a read is forwarded,
     * so it is latency every relayed message pays (a byte at a time, 64 KiB took tens of µs).
     */
    static void unmask(byte[] src, int srcAt, byte[] dst, int dstAt, int length, byte[] key, int offset) {
        if (key == null) {
            System.arraycopy(src, srcAt, dst, dstAt, length);
            return;
        }
        int k = 0;
        if (length >= Long.BYTES) {
            long mask = 0;
            for (int j = Long.BYTES - 1; j >= 0; j--) {
                mask = (mask << 8) | (key[(offset + j) & 3] & 0xFFL);
            }
            for (; k + Long.BYTES <= length; k += Long.BYTES) {
                LONGS.set(dst, dstAt + k, (long) LONGS.get(src, srcAt + k) ^ mask);
            }
        }
        for (; k < length; k++) {
            dst[dstAt + k] = (byte) (src[srcAt + k] ^ key[(offset + k) & 3]);
        }
    }

    private void endFrame(int end, long nanos) {
        WireHeader h = frame;
        byte[] payload = capture;
        WireEvents.Action done = action;
        frame = null;
        headerBytes = 0;
        carried = 0;
        capture = null;
        if (done == WireEvents.Action.HOLD) {
            byte[] raw = held;
            held = null;
            events.held(side, raw, payload == null ? new byte[0] : payload, h, out, nanos);
        }
        if (done != WireEvents.Action.FORWARD) {
            pending = end;
        }
        int op = h.opcode();
        if (Opcode.isControl(op)) {
            if (payload != null) {
                events.control(side, op, payload, nanos);
            }
        } else if (op == Opcode.TEXT || op == Opcode.BINARY || op == Opcode.CONTINUATION) {
            if (messageDecoded && payload != null) {
                if (h.fin() && messageLength == 0) {
                    message = payload; // a message in one frame: no second copy
                    messageLength = payload.length;
                } else {
                    appendMessage(payload);
                }
            }
            if (h.fin() && messageOpcode != -1) {
                finishMessage(nanos);
            }
        }
        if (!injections.isEmpty()) {
            emitPending(end);
            pending = end;
            flushInjections();
        }
    }

    private void appendMessage(byte[] payload) {
        if (messageLength + payload.length > message.length) {
            message = Arrays.copyOf(message, Math.max(messageLength + payload.length,
                    Math.min(DECODE_CAP, message.length * 2)));
        }
        System.arraycopy(payload, 0, message, messageLength, payload.length);
        messageLength += payload.length;
    }

    private void finishMessage(long nanos) {
        if (messageDecoded && messageOpcode == Opcode.TEXT) {
            if (Utf8.isValid(message, 0, messageLength)) {
                events.text(side, message, messageLength, nanos);
            } else {
                problem("a text message that is not valid UTF-8", nanos);
            }
        }
        messageOpcode = -1;
        messageDecoded = false;
        messageLength = 0;
        message = new byte[0];
    }

    private void problem(String problem, long nanos) {
        problems++;
        if (problems < MAX_PROBLEMS) {
            events.problem(side, problem, nanos);
        } else if (problems == MAX_PROBLEMS) {
            events.problem(side, problem + "; that is " + MAX_PROBLEMS + " problems, the rest of this direction"
                    + " is relayed without decoding", nanos);
            opaqueAtBoundary = true;
        }
    }

    /** A held frame goes on as it came when the direction stops being decoded. */
    private void releaseHeld() {
        if (held != null) {
            out.emit(held, 0, heldLength);
            held = null;
            frame = null;
            headerBytes = 0;
        }
    }

    private boolean atBoundary() {
        return phase != Phase.FRAMES ? phase == Phase.OPAQUE : frame == null && headerBytes == 0;
    }

    /** Relays what of the current read waits, up to {@code end}. */
    private void emitPending(int end) {
        if (bytes != null && pending >= 0 && end > pending && !swallow) {
            out.emit(bytes, pending, end - pending);
        }
        if (bytes != null && pending >= 0) {
            pending = Math.max(pending, end);
        }
    }

    /** Relays header bytes kept from an earlier read, ahead of the rest of their frame. */
    private void flushCarried() {
        if (carried > 0) {
            if (!swallow) {
                out.emit(Arrays.copyOf(header, carried), 0, carried);
            }
            carried = 0;
        }
    }

    private void flushInjections() {
        for (byte[] b = injections.poll(); b != null; b = injections.poll()) {
            out.emit(b, 0, b.length);
        }
        for (Runnable r = afterInjections.poll(); r != null; r = afterInjections.poll()) {
            r.run();
        }
    }
}
