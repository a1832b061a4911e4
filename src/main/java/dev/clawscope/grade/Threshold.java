package dev.clawscope.grade;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * The number a check compares its measurement with: a time (kept in milliseconds) or a count.
 * Written as people read it: {@code 15 s}, {@code 4.75 s}, {@code 100 ms}, {@code 3}.
 */
public record Threshold(Kind kind, long value) {

    /** What the number counts. */
    public enum Kind {
        /** Milliseconds; written with a unit, parsed from {@code 4.75s}, {@code 4750ms}, {@code 2m} or seconds. */
        TIME,
        /** A whole number of things, e.g. connection attempts. */
        COUNT
    }

    public Threshold {
        Objects.requireNonNull(kind, "kind");
        if (value < 0) {
            throw new IllegalArgumentException("a threshold is not negative: " + value);
        }
    }

    public static Threshold millis(long ms) {
        return new Threshold(Kind.TIME, ms);
    }

    public static Threshold count(long n) {
        return new Threshold(Kind.COUNT, n);
    }

    /**
     * Parses {@code text} as a threshold of the same kind as this one: a time takes {@code ms},
     * {@code s} or {@code m} (a bare number is seconds), a count a whole number.
     *
     * @throws IllegalArgumentException with a message for people when the text does not fit
     */
    public Threshold parseLike(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty value");
        }
        try {
            if (kind == Kind.COUNT) {
                long n = Long.parseLong(t);
                if (n < 0 || n > 1_000_000) {
                    throw new NumberFormatException();
                }
                return count(n);
            }
            BigDecimal number;
            long unitMs;
            if (t.endsWith("ms")) {
                number = new BigDecimal(t.substring(0, t.length() - 2).strip());
                unitMs = 1;
            } else if (t.endsWith("s")) {
                number = new BigDecimal(t.substring(0, t.length() - 1).strip());
                unitMs = 1_000;
            } else if (t.endsWith("m")) {
                number = new BigDecimal(t.substring(0, t.length() - 1).strip());
                unitMs = 60_000;
            } else {
                number = new BigDecimal(t);
                unitMs = 1_000;
            }
            BigDecimal ms = number.multiply(BigDecimal.valueOf(unitMs));
            if (ms.signum() < 0 || ms.compareTo(BigDecimal.valueOf(3_600_000)) > 0) {
                throw new NumberFormatException();
            }
            return millis(ms.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(kind == Kind.COUNT
                    ? "'" + text + "' is not a count from 0 to 1000000"
                    : "'" + text + "' is not a time up to 1 h such as 500ms, 4.75s or 2m");
        }
    }

    /** As people read it: {@code 15 s}, {@code 4.75 s}, {@code 100 ms}, {@code 3}. */
    @Override
    public String toString() {
        return kind == Kind.COUNT ? Long.toString(value) : time(value);
    }

    /** A time in milliseconds as people read it: below a second in ms, else in seconds with at most 2 decimals. */
    static String time(double ms) {
        if (Math.abs(ms) < 1_000) {
            return Math.round(ms) + " ms";
        }
        BigDecimal s = BigDecimal.valueOf(ms / 1_000.0).setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
        return s.toPlainString() + " s";
    }
}
