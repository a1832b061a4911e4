package dev.clawscope.ws;

/**
 * The peer broke RFC 6455 (or a limit of ours): the connection ends with close {@code code}
 * (1002 protocol error, 1007 invalid UTF-8, 1008 policy, 1009 too big) and this message.
 */
public final class ProtocolViolation extends Exception {

    private static final long serialVersionUID = 1L;

    private final int code;

    public ProtocolViolation(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** The close code to send. */
    public int code() {
        return code;
    }
}
