package dev.clawscope.link;

/** Arithmetic shared by the backoff policies. */
final class Doubling {

    private Doubling() {
    }

    /** {@code min(capMs, baseMs * 2^(attempt-1))}, without overflow for any attempt. */
    static long capped(long baseMs, long capMs, int attempt) {
        int doublings = requireAttempt(attempt) - 1;
        if (doublings >= Long.SIZE - 1 || baseMs > (capMs >> doublings)) {
            return capMs;
        }
        return Math.min(capMs, baseMs << doublings);
    }

    static int requireAttempt(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1, got " + attempt);
        }
        return attempt;
    }
}
