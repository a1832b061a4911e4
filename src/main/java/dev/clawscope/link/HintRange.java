package dev.clawscope.link;

import dev.clawscope.journal.LinkEvent;

/**
 * The range the link accepts for one number the gateway sends ({@code retryAfterMs}, {@code
 * tickIntervalMs}, …). A number outside it is replaced or ignored, and the link journals {@code
 * hint_clamped} with the number as sent.
 *
 * @param field the number's name in the journal, e.g. {@code retry_after_ms}
 */
record HintRange(String field, long min, long max) {

    HintRange {
        if (min > max) {
            throw new IllegalArgumentException(field + ": min " + min + " is above max " + max);
        }
    }

    boolean contains(long value) {
        return value >= min && value <= max;
    }

    /** {@code value}, or the nearer end of the range when it lies outside. */
    long clamp(long value) {
        return Math.max(min, Math.min(max, value));
    }

    /** The journal line for a {@code value} replaced by {@link #clamp}, or null when it is in range. */
    LinkEvent.HintClamped clamped(long value) {
        return contains(value) ? null : new LinkEvent.HintClamped(field, value, clamp(value));
    }

    /** The journal line for a {@code value} ignored altogether, or null when it is in range. */
    LinkEvent.HintClamped ignored(long value) {
        return contains(value) ? null : new LinkEvent.HintClamped(field, value, null);
    }
}
