package dev.clawscope.chaos;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * One direction of a proxied connection: reads from {@code source}, holds what it read in order and
 * writes it to {@code sink} as the current {@link Shaping} allows. Confined to the proxy's I/O thread.
 *
 * <p>The shaping is read at every flush, so bytes still waiting follow the mode in force: a heal
 * releases what a blackhole held, and what a delay still holds, at once and in order. Under a delay
 * range each chunk waits its own draw, but never leaves before the chunk read ahead of it.
 *
 * <p>The source's end, a FIN or a reset, travels the same way: after the bytes read before it, and
 * not while a blackhole holds them. A reset comes out of {@link #flush} as an {@link IOException}.
 *
 * <p>At most {@link #MAX_HELD} bytes are held; when full the pipe stops reading, so the kernel buffers
 * fill and TCP flow control pushes back on the sender instead of the proxy dropping bytes.
 */
final class Pipe implements ByteSink {

    static final int MAX_HELD = 16 * 1024 * 1024;
    static final long NEVER = Long.MAX_VALUE;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** A throttled pipe writes at most this fraction of a second's worth at once, so the rate stays smooth. */
    private static final int THROTTLE_SLICES_PER_SECOND = 20;

    private final SocketChannel source;
    private final SocketChannel sink;
    private final AtomicLong forwarded;
    private final AtomicLong heldTotal;
    private final LongSupplier clock;
    private final DoubleSupplier draws;
    private final ArrayDeque<Chunk> held = new ArrayDeque<>();
    /** Sees the source's bytes first and emits what to forward; null forwards everything as read. */
    private StreamTap tap;
    private long heldBytes;
    private boolean sourceEnded;
    /** The source ended with an error (a reset) rather than an end of stream. */
    private boolean sourceBroken;
    private boolean sinkShut;
    /** Writing to the sink failed. */
    private boolean sinkBroken;
    /** The source's end, FIN or reset, is not passed on: the sink stays open until the connection closes. */
    private boolean endKept;
    private boolean waitingForSink;
    private long nextSendAt;

    Pipe(SocketChannel source, SocketChannel sink, AtomicLong forwarded, AtomicLong heldTotal, LongSupplier clock) {
        this(source, sink, forwarded, heldTotal, clock, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param draws each chunk's own draw for a delay range, from 0 (its shortest) to 1 (its longest) */
    Pipe(SocketChannel source, SocketChannel sink, AtomicLong forwarded, AtomicLong heldTotal, LongSupplier clock,
         DoubleSupplier draws) {
        this.clock = clock;
        this.draws = draws;
        this.source = source;
        this.sink = sink;
        this.forwarded = forwarded;
        this.heldTotal = heldTotal;
    }

    void tap(StreamTap tap) {
        this.tap = tap;
    }

    /** Reads nothing more from the source; what is held still goes out, then the end of stream. */
    void endSource() {
        sourceEnded = true;
    }

    /**
     * The source broke without this pipe reading it: writing to the same socket failed, or it never
     * connected. Its tap hears of it as it would of a reset read, unless the source already ended.
     */
    void sourceBroke() {
        if (!sourceEnded) {
            sourceEnded = true;
            sourceBroken = true;
            if (tap != null) {
                tap.onEnd(true);
            }
        }
    }

    /** From now on the source's end, a FIN or a reset, is not passed on to the sink. */
    void keepEnd() {
        endKept = true;
    }

    /** True once writing to the sink failed (the socket there was reset or closed). */
    boolean sinkBroken() {
        return sinkBroken;
    }

    /** Queues bytes for the sink behind what is held, stamped now; I/O thread only. */
    @Override
    public void emit(byte[] bytes, int offset, int length) {
        if (length > 0) {
            add(ByteBuffer.wrap(bytes, offset, length), clock.getAsLong());
        }
    }

    private void add(ByteBuffer bytes, long readAt) {
        held.add(new Chunk(bytes, readAt, draws.getAsDouble()));
        heldBytes += bytes.remaining();
        heldTotal.addAndGet(bytes.remaining());
    }

    boolean wantsRead() {
        return !sourceEnded && heldBytes < MAX_HELD;
    }

    boolean wantsWrite() {
        return waitingForSink;
    }

    /** True once the source ended and everything, end of stream included (unless kept), reached the sink. */
    boolean done() {
        return sourceEnded && (sinkShut || endKept && held.isEmpty());
    }

    /** Drops what is held, for a connection that closes; idempotent. */
    void discard() {
        heldTotal.addAndGet(-heldBytes);
        heldBytes = 0;
        held.clear();
    }

    /** Reads what the source has ready, stamped with {@code now} for the delay. */
    void read(ByteBuffer scratch, long now) throws IOException {
        if (!wantsRead()) {
            return; // full since the selector said readable (bytes were emitted into this pipe meanwhile)
        }
        scratch.clear().limit((int) Math.min(scratch.capacity(), MAX_HELD - heldBytes));
        int n;
        try {
            n = source.read(scratch);
        } catch (IOException e) {
            // Passed on like an end of stream, in order and only as the shaping lets bytes through:
            // a reset behind a blackhole must not reach the other side before a heal.
            sourceEnded = true;
            sourceBroken = true;
            if (tap != null) {
                tap.onEnd(true);
            }
            return;
        }
        if (n < 0) {
            sourceEnded = true;
            if (tap != null) {
                tap.onEnd(false);
            }
        } else if (n > 0) {
            byte[] copy = new byte[n];
            scratch.flip().get(copy);
            if (tap != null) {
                tap.onBytes(copy, n);
            } else {
                add(ByteBuffer.wrap(copy), now);
            }
        }
    }

    /**
     * Writes what the shaping lets through by {@code now}, then forwards the end of stream once
     * nothing is left.
     *
     * @return when this pipe wants to flush again, or {@link #NEVER} when it waits for a read, for
     *     the sink to drain ({@link #wantsWrite()}) or for the mode to change
     */
    long flush(Shaping shaping, long now) throws IOException {
        waitingForSink = false;
        if (!shaping.forwarding()) {
            return NEVER;
        }
        while (!held.isEmpty()) {
            Chunk chunk = held.peek();
            // The head of the queue: a chunk whose own draw has passed still waits for the one before it.
            long due = chunk.readAt() + shaping.delayNanos(chunk.draw());
            if (due > now) {
                return due;
            }
            if (shaping.throttled() && nextSendAt > now) {
                return nextSendAt;
            }
            ByteBuffer bytes = chunk.bytes();
            int allowance = bytes.remaining();
            if (shaping.throttled()) {
                allowance = (int) Math.min(allowance,
                        Math.max(1, shaping.bytesPerSecond() / THROTTLE_SLICES_PER_SECOND));
            }
            int written = write(bytes, allowance);
            heldBytes -= written;
            heldTotal.addAndGet(-written);
            forwarded.addAndGet(written);
            if (shaping.throttled()) {
                nextSendAt = Math.max(nextSendAt, now) + written * NANOS_PER_SECOND / shaping.bytesPerSecond();
            }
            if (!bytes.hasRemaining()) {
                held.poll();
            }
            if (written < allowance) {
                waitingForSink = true;
                return NEVER;
            }
        }
        if (sourceEnded && !sinkShut && !endKept) {
            if (sourceBroken) {
                throw new IOException("the other side reset the connection");
            }
            try {
                sink.shutdownOutput();
            } catch (IOException e) {
                sinkBroken = true;
                throw e;
            }
            sinkShut = true;
        }
        return NEVER;
    }

    private int write(ByteBuffer bytes, int allowance) throws IOException {
        int limit = bytes.limit();
        bytes.limit(bytes.position() + allowance);
        try {
            return sink.write(bytes);
        } catch (IOException e) {
            sinkBroken = true;
            throw e;
        } finally {
            bytes.limit(limit);
        }
    }

    /**
     * Bytes read at {@code readAt} (nanoseconds on the proxy's clock), partly written as position
     * advances, with their own draw for a delay range.
     */
    private record Chunk(ByteBuffer bytes, long readAt, double draw) {
    }
}
