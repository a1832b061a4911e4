package dev.clawscope.protocol;

import java.util.Objects;

/** Outcome of {@link ConnectParams#parse}: the params, or the gateway's rejection message. */
public sealed interface ConnectParamsParse permits ConnectParamsParse.Valid, ConnectParamsParse.Invalid {

    /** The params passed the gateway schema. */
    record Valid(ConnectParams params) implements ConnectParamsParse {
        public Valid {
            Objects.requireNonNull(params, "params");
        }
    }

    /**
     * The params failed the schema; {@code message} is what the gateway answers
     * ({@code INVALID_REQUEST}, close 1008), e.g.
     * {@code invalid connect params: at /client: unexpected property 'foo'}.
     */
    record Invalid(String message) implements ConnectParamsParse {
        public Invalid {
            Objects.requireNonNull(message, "message");
        }
    }
}
