package dev.clawscope.journal;

/** Which side ended a socket: the {@code by} of a {@code closed} line. */
public enum ClosedBy implements WireWord {
    /** The gateway sent a close frame. */
    SERVER,
    /** This client closed it (user, liveness, handshake, a frame it refused). */
    CLIENT,
    /** The connection failed or dropped without a close frame from either side. */
    TRANSPORT;

    /** The journal word, so that text built from the event reads as the line does. */
    @Override
    public String toString() {
        return wire();
    }
}
