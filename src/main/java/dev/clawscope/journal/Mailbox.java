package dev.clawscope.journal;

import java.util.ArrayDeque;

/** The entries one subscriber has yet to receive: bounded, the oldest dropped when full. */
final class Mailbox {

    private enum State { OPEN, DRAINING, STOPPED }

    private final int capacity;
    // All below guarded by this.
    private final ArrayDeque<JournalEntry> entries = new ArrayDeque<>();
    private long dropped;
    private State state = State.OPEN;

    Mailbox(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** Never blocks: a full mailbox drops its oldest entry. Ignored once draining or stopped. */
    synchronized void offer(JournalEntry entry) {
        if (state != State.OPEN) {
            return;
        }
        if (entries.size() == capacity) {
            entries.pollFirst();
            dropped++;
        }
        entries.addLast(entry);
        notifyAll();
    }

    /** The next entry, waiting for one; {@code null} once stopped, or draining and empty. */
    synchronized JournalEntry take() throws InterruptedException {
        while (state != State.STOPPED) {
            if (!entries.isEmpty()) {
                return entries.pollFirst();
            }
            if (state == State.DRAINING) {
                return null;
            }
            wait();
        }
        return null;
    }

    /** Accept nothing more; what is queued is still handed out. */
    synchronized void drain() {
        if (state == State.OPEN) {
            state = State.DRAINING;
        }
        notifyAll();
    }

    /** Accept and hand out nothing more. */
    synchronized void stop() {
        state = State.STOPPED;
        entries.clear();
        notifyAll();
    }

    synchronized boolean stopped() {
        return state == State.STOPPED;
    }

    synchronized long dropped() {
        return dropped;
    }
}
