package dev.clawscope.watch;

import dev.clawscope.journal.JournalEntry;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One incident's entries, bounded: the first half of {@code maxEntries} as they came, then a ring of
 * the last half, so a flood keeps the drop and the recovery and counts what fell between. Confined
 * to its {@link IncidentTracker}'s lock; the writer gets a copy.
 */
final class Incident {

    private final Instant dropTs;
    private final double dropMono;
    private final int headCap;
    private final int tailCap;
    private final List<JournalEntry> head = new ArrayList<>();
    private final ArrayDeque<JournalEntry> tail = new ArrayDeque<>();
    private long leftOut;
    private long firstLeftOut = Long.MAX_VALUE;
    private long lastLeftOut = Long.MIN_VALUE;
    private long missed;
    private int outages = 1;
    /** When the gateway accepted the link again after the last outage; NaN while it is down. */
    private double helloMono = Double.NaN;
    private double nextOngoingMono;
    private int writes;

    Incident(Instant dropTs, double dropMono, int maxEntries, double nextOngoingMono) {
        this.dropTs = dropTs;
        this.dropMono = dropMono;
        this.headCap = maxEntries / 2;
        this.tailCap = maxEntries - headCap;
        this.nextOngoingMono = nextOngoingMono;
    }

    void add(JournalEntry entry) {
        if (head.size() < headCap) {
            head.add(entry);
            return;
        }
        if (tail.size() == tailCap) {
            leaveOut(tail.pollFirst().seq());
        }
        tail.addLast(entry);
    }

    /** Counts an entry that never made it in (the oldest of a flood before the drop). */
    void leaveOut(long seq) {
        leftOut++;
        firstLeftOut = Math.min(firstLeftOut, seq);
        lastLeftOut = Math.max(lastLeftOut, seq);
    }

    /** Counts entries the journal appended that never reached the recorder (its subscriber fell a queue behind). */
    void missed(long count) {
        missed += count;
    }

    long missed() {
        return missed;
    }

    /** Another outage within the after-window: the incident goes on. */
    void droppedAgain() {
        outages++;
        helloMono = Double.NaN;
    }

    void recovered(double atMono) {
        helloMono = atMono;
    }

    boolean isRecovered() {
        return !Double.isNaN(helloMono);
    }

    double helloMono() {
        return helloMono;
    }

    double nextOngoingMono() {
        return nextOngoingMono;
    }

    void ongoingWritten(double every) {
        nextOngoingMono += every;
        writes++;
    }

    int writes() {
        return writes;
    }

    Instant dropTs() {
        return dropTs;
    }

    double dropMono() {
        return dropMono;
    }

    int outages() {
        return outages;
    }

    long leftOut() {
        return leftOut;
    }

    long firstLeftOut() {
        return firstLeftOut;
    }

    long lastLeftOut() {
        return lastLeftOut;
    }

    /** The kept entries in journal order: a copy the writer may take off the lock. */
    List<JournalEntry> entries() {
        List<JournalEntry> all = new ArrayList<>(head.size() + tail.size());
        all.addAll(head);
        all.addAll(tail);
        return all;
    }
}
