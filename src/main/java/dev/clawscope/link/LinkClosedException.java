package dev.clawscope.link;

/** A request failed because the link is not connected, or lost its connection before the answer came. */
public final class LinkClosedException extends Exception {

    private static final long serialVersionUID = 1L;

    public LinkClosedException(String message) {
        super(message, null, false, false);
    }
}
