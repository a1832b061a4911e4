package dev.clawscope.chaos;

import java.util.Objects;

/** The outcome of {@link Fault#parse}: a fault, or a message that says what was wrong and what to type. */
public sealed interface FaultParseResult {

    /** A well-formed fault command. */
    record Parsed(Fault fault) implements FaultParseResult {
        public Parsed {
            Objects.requireNonNull(fault, "fault");
        }
    }

    /** A malformed command; {@code message} is meant for the person who typed it. */
    record Rejected(String message) implements FaultParseResult {
        public Rejected {
            Objects.requireNonNull(message, "message");
        }
    }
}
