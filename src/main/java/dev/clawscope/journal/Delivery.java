package dev.clawscope.journal;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber's delivery thread: hands its backlog, then each queued entry, to the consumer.
 * A consumer that throws is journaled as {@code listener_fault}, at most once per {@link
 * #FAULT_INTERVAL_MS} of journal time, so that a consumer failing on every entry (its own faults
 * included) adds at most one entry per second.
 */
final class Delivery implements Subscription {

    static final double FAULT_INTERVAL_MS = 1000;
    static final String THREAD_PREFIX = "journal-subscriber-";
    private static final int MAX_ERROR_CHARS = 500;
    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
    private static final AtomicLong THREAD_NUMBERS = new AtomicLong();

    private final Journal journal;
    private final String name;
    private final Consumer<JournalEntry> consumer;
    private final Mailbox mailbox;
    private final Thread thread;
    private final AtomicLong suppressedFaults = new AtomicLong();
    // Confined to the delivery thread once it starts.
    private List<JournalEntry> backlog;
    private double lastFaultMonoMs = Double.NEGATIVE_INFINITY;

    Delivery(Journal journal, String name, Consumer<JournalEntry> consumer, List<JournalEntry> backlog,
            int queueCapacity) {
        this.journal = journal;
        this.name = name;
        this.consumer = consumer;
        this.backlog = backlog;
        this.mailbox = new Mailbox(queueCapacity);
        this.thread = new Thread(this::run, THREAD_PREFIX + THREAD_NUMBERS.incrementAndGet());
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Queues the entry without blocking. */
    void offer(JournalEntry entry) {
        mailbox.offer(entry);
    }

    /** Delivers what is queued, then ends. */
    void drain() {
        mailbox.drain();
    }

    /**
     * Waits until the thread ends or {@code deadlineNanos} ({@link System#nanoTime()}) passes. On
     * the delivery thread itself (a consumer closing the journal) it returns at once: the thread
     * finishes its queue and ends after the consumer returns.
     */
    boolean awaitEnd(long deadlineNanos) throws InterruptedException {
        if (Thread.currentThread() == thread) {
            return true;
        }
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining > 0) {
            TimeUnit.NANOSECONDS.timedJoin(thread, remaining);
        }
        return !thread.isAlive();
    }

    String threadName() {
        return thread.getName();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long dropped() {
        return mailbox.dropped();
    }

    @Override
    public long suppressedFaults() {
        return suppressedFaults.get();
    }

    /** Stops delivery and interrupts a consumer call in progress, unless the consumer itself closes. */
    @Override
    public void close() {
        journal.unregister(this);
        mailbox.stop();
        if (Thread.currentThread() != thread) {
            thread.interrupt();
        }
    }

    @Override
    public String toString() {
        return "Subscription[" + name + " on " + thread.getName() + "]";
    }

    private void run() {
        List<JournalEntry> first = backlog;
        backlog = null;
        for (JournalEntry entry : first) {
            if (mailbox.stopped()) {
                return;
            }
            deliver(entry);
        }
        while (true) {
            JournalEntry entry;
            try {
                entry = mailbox.take();
            } catch (InterruptedException e) {
                // Only close() interrupts, and it stops the mailbox first; anything else is stray.
                if (mailbox.stopped()) {
                    return;
                }
                continue;
            }
            if (entry == null) {
                return;
            }
            deliver(entry);
        }
    }

    private void deliver(JournalEntry entry) {
        try {
            consumer.accept(entry);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (RuntimeException | Error e) {
            fault(entry, e);
        }
    }

    private void fault(JournalEntry entry, Throwable error) {
        double now = journal.clock().monoMs();
        if (now - lastFaultMonoMs < FAULT_INTERVAL_MS) {
            suppressedFaults.incrementAndGet();
            return;
        }
        lastFaultMonoMs = now;
        LOG.warn("journal subscriber {} failed on entry {} ({} earlier faults suppressed)",
                name, entry.seq(), suppressedFaults.get(), error);
        journal.append(entry.gen(), new LinkEvent.ListenerFault(name, describe(error)));
    }

    /** Class and message, never a stack trace; capped so a huge message cannot bloat the journal. */
    static String describe(Throwable error) {
        String message = error.getMessage();
        String text = message == null ? error.getClass().getName() : error.getClass().getName() + ": " + message;
        return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS - 1) + "…";
    }
}
