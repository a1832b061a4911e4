package dev.clawscope.protocol;

import java.util.Objects;
import java.util.Optional;

/**
 * A frame that could not be decoded. {@code message} is human readable and names at most a field
 * and its JSON type: it never repeats frame content, which may contain credentials.
 */
public record DecodeFailure(Kind kind, String message) implements DecodeResult {

    /** What was wrong with the input. */
    public enum Kind {
        /** Not strict RFC 8259 JSON (syntax error, trailing data, too deeply nested, bad UTF-8, empty). */
        NOT_JSON,
        /** Valid JSON, but not an object. */
        NOT_OBJECT,
        /** The object has no {@code type}. */
        MISSING_TYPE,
        /** {@code type} is a string other than {@code req}, {@code res} or {@code event}. */
        UNKNOWN_TYPE,
        /** A field the frame type requires is absent. */
        MISSING_FIELD,
        /** A field has the wrong JSON type or range, e.g. a string {@code ok} or a negative {@code seq}. */
        WRONG_TYPE,
        /** The frame is larger than the codec's cap (checked before parsing). */
        TOO_LARGE
    }

    public DecodeFailure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public Optional<Frame> toOptional() {
        return Optional.empty();
    }
}
