package dev.clawscope.chaos;

/**
 * Attaches a {@link ConnectionTap} to each connection a {@link FaultProxy} accepts, turning the byte
 * proxy into a relay that can read, hold, drop or add bytes. Called on the proxy's I/O thread only.
 */
public interface TapFactory {

    /** A connection was accepted and its connect to the target began. */
    ConnectionTap open(TappedConnection connection);

    /**
     * A connection was accepted and reset at once, because the {@code refuse} mode is in force or
     * the connection cap is reached.
     */
    default void refused(int number, boolean byFault) {
    }
}
