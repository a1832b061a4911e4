package dev.clawscope.bench;

import dev.clawscope.link.hostile.WsWire;
import dev.clawscope.ws.ClientFrames;
import dev.clawscope.ws.Opcode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The messages of {@link ObserverBenchmark}: OpenClaw-shaped requests of one size, padded with
 * text, as masked client frames encoded ahead (pools, each frame with its own id and masking key),
 * and the echo server's responses. Request and response keep their id at the same offset
 * ({@link #ID_AT}) and the request its method at {@link #METHOD_AT}, so the server reads both from
 * the first {@link #PREFIX} bytes without parsing.
 */
final class Messages {

    static final String ECHO = "bench.echo";
    static final String PUSH = "bench.push";
    static final String DONE = "bench.done";
    static final int ID_AT = "{\"type\":\"req\",\"id\":\"".length();
    static final int ID_LENGTH = 10;
    static final int METHOD_AT = ID_AT + ID_LENGTH + "\",\"method\":\"".length();
    /** Bytes of a request that hold its id and method. */
    static final int PREFIX = METHOD_AT + ECHO.length();
    /** The largest frame either side reads: a 1 MiB message and its header. */
    static final int MAX_FRAME = 1024 * 1024 + 14;
    /** Echo requests: one is answered before the next goes out, so few ids do. */
    private static final int ECHO_POOL = 64;
    /**
     * Pushed requests are never answered; more distinct ids than the observer keeps open requests
     * (1 024) make it evict as it would for a real client, where memory allows (4 MiB of frames).
     */
    private static final int PUSH_POOL_BYTES = 4 << 20;
    private static final int DONE_SIZE = 160;
    private static final String WORDS = "the quick brown fox jumps over the lazy dog while the gateway ticks on ";

    /** A request frame and the id its response must carry. */
    record Pooled(byte[] frame, byte[] id, int size) {
    }

    private final int size;
    private final Pooled[] echo = new Pooled[ECHO_POOL];
    private final byte[][] push;
    private final ClientFrames frames;
    private long doneIds = 9_000_000_000L;

    Messages(int size) {
        this.size = size;
        this.frames = new ClientFrames(new SplittableRandom(size));
        for (int i = 0; i < echo.length; i++) {
            echo[i] = new Pooled(frames.encode(Opcode.TEXT, request(ECHO, 1 + i, size)),
                    id(1 + i).getBytes(StandardCharsets.US_ASCII), size);
        }
        push = new byte[Math.max(ECHO_POOL, Math.min(2_048, PUSH_POOL_BYTES / size))][];
        for (int i = 0; i < push.length; i++) {
            push[i] = frames.encode(Opcode.TEXT, request(PUSH, 1_000_000 + i, size));
        }
    }

    int size() {
        return size;
    }

    Pooled echo(int n) {
        return echo[n % echo.length];
    }

    byte[] push(int n) {
        return push[n % push.length];
    }

    /** A fresh id for the request that ends a throughput run. */
    String nextDoneId() {
        return id(++doneIds);
    }

    byte[] done(String id) {
        return frames.encode(Opcode.TEXT, request(DONE, Long.parseLong(id), DONE_SIZE));
    }

    static String id(long n) {
        return String.format(Locale.ROOT, "%010d", n);
    }

    /** {@code {"type":"req","id":…,"method":…,"params":{"seq":…,"text":"…"}}}, exactly {@code size} bytes. */
    static byte[] request(String method, long id, int size) {
        return padded("{\"type\":\"req\",\"id\":\"" + id(id) + "\",\"method\":\"" + method
                + "\",\"params\":{\"seq\":" + id + ",\"text\":\"", "\"}}", size);
    }

    /** The echo server's response frame to a request of {@code size} bytes, its id all zeros until set. */
    static byte[] responseFrame(int size) {
        return WsWire.frame(true, Opcode.TEXT,
                padded("{\"type\":\"res\",\"id\":\"" + id(0) + "\",\"ok\":true,\"payload\":{\"text\":\"", "\"}}", size));
    }

    /** The answer to a run's last request: what the server counted. */
    static byte[] counted(String id, long messages, long bytes) {
        return WsWire.text("{\"type\":\"res\",\"id\":\"" + id + "\",\"ok\":true,\"payload\":{\"messages\":" + messages
                + ",\"bytes\":" + bytes + "}}");
    }

    private static byte[] padded(String head, String tail, int size) {
        int text = size - head.length() - tail.length();
        if (text < 0) {
            throw new IllegalArgumentException("a message of " + size + " bytes cannot hold " + head + tail);
        }
        StringBuilder json = new StringBuilder(size).append(head);
        for (int i = 0; i < text; i++) {
            json.append(WORDS.charAt(i % WORDS.length()));
        }
        return json.append(tail).toString().getBytes(StandardCharsets.US_ASCII);
    }
}
