package dev.clawscope.chaos;

/**
 * What a {@link TapFactory} attaches to one proxied connection: a tap per direction and a word when
 * the connection is gone. Called on the proxy's I/O thread only.
 */
public interface ConnectionTap {

    /** Sees what the client sends towards the target. */
    StreamTap fromClient();

    /** Sees what the target sends towards the client. */
    StreamTap fromTarget();

    /** The {@code reset} fault is about to reset this connection ({@link #onClosed} follows with a reset). */
    default void resetByFault() {
    }

    /**
     * The connection is closed on both sides and forgotten by the proxy.
     *
     * @param reset true when it ended in a reset (a broken side, a {@code reset} fault or
     *     {@link TappedConnection#reset()}), false when both ends of stream were passed on
     */
    void onClosed(boolean reset);
}
