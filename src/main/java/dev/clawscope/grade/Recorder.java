package dev.clawscope.grade;

import dev.clawscope.journal.Journal;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * What a check needs of its observer's journal, kept in order as it arrives, with waits on it.
 * Times are the journal's {@code mono_ms}, which the observer takes from {@link System#nanoTime()}:
 * the grader's own instants ({@link #nowMs()}) are on the same scale.
 *
 * <p>Bounded: after {@link #MAX_ENTRIES} entries the newest are counted, not kept (a check is
 * decided by the start of a storm, not its end).
 */
final class Recorder implements AutoCloseable {

    static final int MAX_ENTRIES = 50_000;
    /** How long a wait past its deadline lets observations made before it reach the journal. */
    static final double CATCH_UP_MS = 3_000;

    private final Object lock = new Object();
    private final List<JournalEntry> entries = new ArrayList<>();
    private final Subscription subscription;
    private long notKept;

    Recorder(Journal journal, String name) {
        this.subscription = journal.subscribeWithBacklog(name, this::add);
    }

    /** {@link System#nanoTime()} in the journal's milliseconds. */
    static double nowMs() {
        return System.nanoTime() / 1_000_000.0;
    }

    /** One entry found by a wait, with its position. */
    record Found(int index, JournalEntry entry) {
        double monoMs() {
            return entry.monoMs();
        }

        <T extends LinkEvent> T event(Class<T> type) {
            return type.cast(entry.event());
        }
    }

    private void add(JournalEntry entry) {
        synchronized (lock) {
            if (entries.size() < MAX_ENTRIES) {
                entries.add(entry);
            } else {
                notKept++;
            }
            lock.notifyAll();
        }
    }

    /** Wakes every wait so that it looks at its give-up condition again (e.g. a process ended). */
    void poke() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /**
     * Waits for the first entry at position {@code from} or later that matches and was observed by
     * {@code deadlineMs} (on {@link #nowMs()}'s scale), or until {@code giveUp} says so when woken.
     * An observation reaches the journal a moment after it is made (the observer decodes on a thread
     * of its own), so past the deadline the wait goes on until an entry observed after the deadline
     * arrives, which shows that everything before it is in, or at most {@link #CATCH_UP_MS}.
     */
    Optional<Found> await(int from, Predicate<JournalEntry> match, double deadlineMs, BooleanSupplier giveUp)
            throws InterruptedException {
        int next = Math.max(0, from);
        double until = deadlineMs;
        synchronized (lock) {
            while (true) {
                for (; next < entries.size(); next++) {
                    JournalEntry entry = entries.get(next);
                    if (entry.monoMs() > until) {
                        return Optional.empty();
                    }
                    if (match.test(entry)) {
                        return Optional.of(new Found(next, entry));
                    }
                }
                double now = nowMs();
                if (until > now && giveUp.getAsBoolean()) {
                    until = now;
                }
                double left = until + CATCH_UP_MS - now;
                if (left <= 0) {
                    return Optional.empty();
                }
                lock.wait(Math.max(1, (long) Math.ceil(now < until ? until - now : left)));
            }
        }
    }

    Optional<Found> await(int from, Predicate<JournalEntry> match, double deadlineMs) throws InterruptedException {
        return await(from, match, deadlineMs, () -> false);
    }

    /** Waits until {@code deadlineMs}, or until {@code giveUp} says so when woken. */
    void sleepUntil(double deadlineMs, BooleanSupplier giveUp) throws InterruptedException {
        synchronized (lock) {
            for (double left = deadlineMs - nowMs(); left > 0 && !giveUp.getAsBoolean(); left = deadlineMs - nowMs()) {
                lock.wait(Math.max(1, (long) Math.ceil(left)));
            }
        }
    }

    /** Waits until an entry observed after {@code monoMs} has arrived, or at most {@link #CATCH_UP_MS}. */
    void catchUp(double monoMs) throws InterruptedException {
        double until = nowMs() + CATCH_UP_MS;
        synchronized (lock) {
            while (entries.isEmpty() || entries.get(entries.size() - 1).monoMs() <= monoMs) {
                double left = until - nowMs();
                if (left <= 0) {
                    return;
                }
                lock.wait(Math.max(1, (long) Math.ceil(left)));
            }
        }
    }

    /** The entries kept so far. */
    List<JournalEntry> entries() {
        synchronized (lock) {
            return List.copyOf(entries);
        }
    }

    /** The position the next entry will have. */
    int size() {
        synchronized (lock) {
            return entries.size();
        }
    }

    long notKept() {
        synchronized (lock) {
            return notKept;
        }
    }

    /** Events of {@code type} from position {@code from} on that match. */
    <T extends LinkEvent> List<Found> all(Class<T> type, int from, Predicate<T> match) {
        List<Found> found = new ArrayList<>();
        synchronized (lock) {
            for (int i = Math.max(0, from); i < entries.size(); i++) {
                LinkEvent event = entries.get(i).event();
                if (type.isInstance(event) && match.test(type.cast(event))) {
                    found.add(new Found(i, entries.get(i)));
                }
            }
        }
        return found;
    }

    /** A predicate on entries holding an event of {@code type} that matches. */
    static <T extends LinkEvent> Predicate<JournalEntry> is(Class<T> type, Predicate<T> match) {
        return e -> type.isInstance(e.event()) && match.test(type.cast(e.event()));
    }

    static <T extends LinkEvent> Predicate<JournalEntry> is(Class<T> type) {
        return e -> type.isInstance(e.event());
    }

    @Override
    public void close() {
        subscription.close();
    }
}
