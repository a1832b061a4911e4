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

    /** The system clock, {@code monoMs} counted from this call. */
    static JournalClock system() {
        long origin = System.nanoTime();
        return new JournalClock() {
            @Override
            public double monoMs() {
                return (System.nanoTime() - origin) / 1_000_000.0;
            }

            @Override
            public Instant now() {
                return Instant.now();
            }
        };
    }
}
