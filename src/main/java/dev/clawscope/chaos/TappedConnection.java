package dev.clawscope.chaos;

/**
 * The proxy's side of one tapped connection, for its {@link ConnectionTap}: bytes to put into
 * either direction and ways to end it. Use on the proxy's I/O thread only (from a tap callback, or
 * from a task given to {@link FaultProxy#execute}).
 */
public interface TappedConnection {

    /** A number for this connection, from 1 in the order the proxy accepted them. */
    int number();

    /** Forwards to the target, after whatever is already waiting in that direction. */
    ByteSink toTarget();

    /** Forwards to the client, after whatever is already waiting in that direction. */
    ByteSink toClient();

    /**
     * Stops reading from the target and, once everything waiting for the client is written, ends
     * the stream to the client with a FIN. What the client still sends is read and shown to its tap;
     * when the client ends its side, the connection closes.
     */
    void endTowardsClient();

    /**
     * Keeps the target's end of stream from the client: a FIN or a reset from the target is not
     * passed on, and the client sees the connection open until it ends it itself (a stalled upgrade,
     * where nothing of the target may reach the client).
     */
    void keepClientOpen();

    /** Resets both sides at once, dropping whatever waits. */
    void reset();

    /** False once the connection is closed. */
    boolean open();
}
