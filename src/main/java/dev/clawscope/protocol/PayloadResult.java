package dev.clawscope.protocol;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of reading a typed value (hello-ok, challenge, shutdown notice) from a frame
 * payload: the value, or the first bad field. Never an exception.
 */
public sealed interface PayloadResult<T> permits PayloadResult.Valid, PayloadResult.Invalid {

    /** The value, or empty when invalid. */
    Optional<T> toOptional();

    /** The payload was read. */
    record Valid<T>(T value) implements PayloadResult<T> {

        public Valid {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Optional<T> toOptional() {
            return Optional.of(value);
        }
    }

    /**
     * The payload was rejected at {@code field} (a dotted path such as {@code policy.tickIntervalMs}).
     * The message names the field and its JSON type, never its value.
     */
    record Invalid<T>(String field, FieldProblem problem, String message) implements PayloadResult<T> {

        public Invalid {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(problem, "problem");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public Optional<T> toOptional() {
            return Optional.empty();
        }
    }
}
