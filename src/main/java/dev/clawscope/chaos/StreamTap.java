package dev.clawscope.chaos;

/**
 * One direction of a tapped connection: sees every byte read from its source before anything is
 * forwarded, and decides what is forwarded by emitting it to the direction's {@link ByteSink}.
 * Called on the proxy's I/O thread only; must not block.
 */
public interface StreamTap {

    /**
     * {@code length} bytes read from the source, in {@code bytes[0, length)}; the array is the
     * tap's from now on (it may emit slices of it without copying).
     */
    void onBytes(byte[] bytes, int length);

    /** The source ended: a FIN, or with {@code reset} a connection reset or other error. */
    void onEnd(boolean reset);
}
