package dev.clawscope.cli;

import dev.clawscope.journal.Journal;
import dev.clawscope.journal.JournalEntry;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Prints each journal entry as it comes from a subscription that starts with the journal's first
 * entry, and lets a command wait until the last one is out. A subscription that falls behind drops
 * entries: the gap in {@code seq} is counted and said in one line, at most once a second, and
 * {@link #finish} says the whole count.
 */
final class TerminalPrinter implements Consumer<JournalEntry> {

    static final Duration NOTICE_INTERVAL = Duration.ofSeconds(1);

    private final PrintWriter out;
    private final LongSupplier nanoTime;
    // All below guarded by this.
    private long lastSeq;
    private long notShown;
    private long notSaid;
    private long lastNoticeNanos;
    private boolean noticed;
    private boolean finished;

    /** @param nanoTime a monotonic clock in nanoseconds, such as {@code System::nanoTime} */
    TerminalPrinter(PrintWriter out, LongSupplier nanoTime) {
        this.out = Objects.requireNonNull(out, "out");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    @Override
    public synchronized void accept(JournalEntry entry) {
        if (finished) {
            return;
        }
        skipTo(entry.seq() - 1);
        lastSeq = entry.seq();
        long now = nanoTime.getAsLong();
        if (notSaid > 0 && (!noticed || now - lastNoticeNanos >= NOTICE_INTERVAL.toNanos())) {
            out.println(notShownLine(notSaid, ""));
            notSaid = 0;
            noticed = true;
            lastNoticeNanos = now;
        }
        out.println(EventLine.format(entry));
        out.flush();
        notifyAll();
    }

    /** Waits up to {@code timeout} until the entry {@code seq} has been printed or skipped. */
    synchronized void awaitPrinted(long seq, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (lastSeq < seq) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return;
            }
            wait(left);
        }
    }

    /**
     * Waits up to {@code timeout} until the last of {@code kept} (the journal's entries when the run
     * ended) is printed, then {@link #finish}es with it.
     */
    void finishWith(Journal.Kept kept, Duration timeout) throws InterruptedException {
        List<JournalEntry> entries = kept.entries();
        long last = entries.isEmpty() ? kept.dropped() : entries.get(entries.size() - 1).seq();
        awaitPrinted(last, timeout);
        finish(last);
    }

    /** Stops printing and, when any entry up to {@code journalLastSeq} was not shown, says how many in all. */
    synchronized void finish(long journalLastSeq) {
        if (!finished) {
            finished = true;
            skipTo(journalLastSeq);
            if (notShown > 0) {
                out.println(notShownLine(notShown, " in all"));
                out.flush();
            }
        }
    }

    private void skipTo(long seq) {
        long missed = seq - lastSeq;
        if (missed > 0) {
            notShown += missed;
            notSaid += missed;
            lastSeq = seq;
        }
    }

    private static String notShownLine(long count, String scope) {
        return "\u2026 " + count + (count == 1 ? " journal entry" : " journal entries") + " not shown" + scope
                + ": output fell behind";
    }
}
