package dev.clawscope.protocol;

import java.util.Optional;

/**
 * WebSocket close codes seen on a gateway connection, with what each means there and what a
 * client should do (protocol notes §5.3). Use {@link #describe(int)} for any code.
 */
public enum CloseCode {
    NORMAL(1000, "normal closure (also the gateway's 15 s handshake timeout)", Advice.RECONNECT),
    PROTOCOL_ERROR(1002, "protocol mismatch: the client's min/max protocol range excludes the gateway's",
            Advice.STOP),
    NO_STATUS(1005, "closed without a status code", Advice.RECONNECT),
    ABNORMAL(1006, "connection lost without a close frame (missed pong, killed process, network)",
            Advice.RECONNECT),
    POLICY_VIOLATION(1008, "policy violation: handshake refused, slow consumer or repeated unauthorized calls",
            Advice.FOLLOW_ERROR),
    MESSAGE_TOO_BIG(1009, "frame too large (a pre-auth frame over 64 KiB)", Advice.STOP),
    INTERNAL_ERROR(1011, "gateway internal error", Advice.RECONNECT),
    SERVICE_RESTART(1012, "service restart: the gateway is stopping or restarting", Advice.RECONNECT),
    TRY_AGAIN_LATER(1013, "gateway starting, restarting or suspending", Advice.RECONNECT_AFTER_DELAY),
    CLIENT_TIMEOUT(4000, "client-side timeout (tick timeout or connect timeout)", Advice.RECONNECT),
    CREDENTIALS_CHANGED(4001, "gateway auth changed, client invalidated or device removed", Advice.RECONNECT);

    /** What to do after a close with this code. */
    public enum Advice {
        /** Reconnect with the normal backoff. */
        RECONNECT,
        /** Reconnect after the {@code retryAfterMs} of the preceding {@code UNAVAILABLE} error. */
        RECONNECT_AFTER_DELAY,
        /**
         * Decided by the preceding {@code res} error ({@link GatewayError#pausesReconnect()}); without
         * one (e.g. {@code slow consumer}), reconnect with backoff.
         */
        FOLLOW_ERROR,
        /** Do not reconnect: the same handshake would fail the same way. */
        STOP
    }

    private final int code;
    private final String meaning;
    private final Advice advice;

    CloseCode(int code, String meaning, Advice advice) {
        this.code = code;
        this.meaning = meaning;
        this.advice = advice;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    public Advice advice() {
        return advice;
    }

    /** Whether a client may reconnect automatically (for {@link Advice#FOLLOW_ERROR}: unless the error pauses). */
    public boolean reconnects() {
        return advice != Advice.STOP;
    }

    /** The known code, if any. */
    public static Optional<CloseCode> of(int code) {
        for (CloseCode known : values()) {
            if (known.code == code) {
                return Optional.of(known);
            }
        }
        return Optional.empty();
    }

    /** The advice for any code; unknown codes reconnect with backoff, like the reference client. */
    public static Advice adviceFor(int code) {
        return of(code).map(CloseCode::advice).orElse(Advice.RECONNECT);
    }

    /** A one-line description of any close code, known or not. */
    public static String describe(int code) {
        return of(code).map(known -> code + " " + known.meaning).orElseGet(() -> code + " " + range(code));
    }

    private static String range(int code) {
        if (code >= 1000 && code <= 2999) {
            return "other WebSocket protocol code";
        }
        if (code >= 3000 && code <= 3999) {
            return "library or framework code";
        }
        if (code >= 4000 && code <= 4999) {
            return "unknown application code";
        }
        return "invalid close code";
    }
}
