package dev.clawscope.journal;

import java.time.Instant;

/**
 * The time a {@link Journal} stamps on the entries it writes itself ({@code listener_fault}); the
 * link should stamp its own entries from the same source so that {@code mono_ms} stays comparable.
 */
public interface JournalClock {

    /** Monotonic milliseconds from an arbitrary origin. */
    double monoMs();

    /** The wall-clock time. */
    Instant now();

    /**
     * The system clock. {@code monoMs} is {@link System#nanoTime()} in milliseconds, the same source
     * a link on a real owner thread stamps its entries with, so the two interleave correctly.
     */
    static JournalClock system() {
        return new JournalClock() {
            @Override
            public double monoMs() {
                return System.nanoTime() / 1_000_000.0;
            }

            @Override
            public Instant now() {
                return Instant.now();
            }
        };
    }
}
