package dev.clawscope.protocol;

import java.util.List;
import java.util.Objects;

/** Argument checks with messages that name the wire field; they never echo credential values. */
final class Checks {

    private Checks() {
    }

    /** Schema rule {@code NonEmptyString}: present and at least one character. */
    static String nonEmpty(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        return value;
    }

    /** Optional {@code NonEmptyString}: absent, or at least one character. */
    static String optionalNonEmpty(String value, String field) {
        return value == null ? null : nonEmpty(value, field);
    }

    /** Client-side rule, stricter than the schema: not only whitespace. */
    static void notBlank(String value, String field) {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }

    /** An immutable copy of a list of non-empty strings, or null. */
    static List<String> nonEmptyStrings(List<String> values, String field) {
        if (values == null) {
            return null;
        }
        List<String> copy = List.copyOf(values);
        for (int i = 0; i < copy.size(); i++) {
            nonEmpty(copy.get(i), field + "[" + i + "]");
        }
        return copy;
    }
}
