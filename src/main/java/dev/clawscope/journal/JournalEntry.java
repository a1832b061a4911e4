package dev.clawscope.journal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One journal line: {@code {"seq":N,"ts":"…Z","mono_ms":M,"gen":G,"type":"…",…fields}}.
 *
 * <p>{@code ts} is truncated to the millisecond, the precision a line carries, so an entry equals
 * the one read back from its line.
 *
 * @param seq   position in the journal, from 1, never reused
 * @param ts    wall-clock time, for people
 * @param monoMs monotonic milliseconds, for durations and ordering; finite
 * @param gen   connection generation the event belongs to
 */
public record JournalEntry(long seq, Instant ts, double monoMs, long gen, LinkEvent event) {

    public JournalEntry {
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(event, "event");
        if (!Double.isFinite(monoMs)) {
            throw new IllegalArgumentException("monoMs must be finite, was " + monoMs);
        }
        ts = ts.truncatedTo(ChronoUnit.MILLIS);
    }
}
