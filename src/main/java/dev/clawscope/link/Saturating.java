package dev.clawscope.link;

import java.time.Duration;

/**
 * Arithmetic that stops at the ends of the {@code long} range instead of wrapping around: a gateway
 * may send any number, and a deadline computed from it must never land in the past.
 */
final class Saturating {

    private static final Duration MAX_MILLIS = Duration.ofMillis(Long.MAX_VALUE);

    private Saturating() {
    }

    static long add(long a, long b) {
        long sum = a + b;
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }

    static long subtract(long a, long b) {
        long difference = a - b;
        if (((a ^ b) & (a ^ difference)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return difference;
    }

    static long multiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        if ((high == 0 && low >= 0) || (high == -1 && low < 0)) {
            return low;
        }
        return (a < 0) == (b < 0) ? Long.MAX_VALUE : Long.MIN_VALUE;
    }

    /** A non-negative {@code duration} in whole milliseconds; one too long for a long reads as the longest. */
    static long millis(Duration duration) {
        return duration.compareTo(MAX_MILLIS) >= 0 ? Long.MAX_VALUE : duration.toMillis();
    }
}
