package dev.clawscope.chaos;

/**
 * Where a {@link StreamTap} passes on the bytes that should reach the far side of one direction of
 * a proxied connection. Called on the proxy's I/O thread only. The bytes are taken as they are, not
 * copied: the caller must not change them afterwards.
 */
public interface ByteSink {

    void emit(byte[] bytes, int offset, int length);

    default void emit(byte[] bytes) {
        emit(bytes, 0, bytes.length);
    }
}
