package dev.clawscope.journal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link's journal: a bounded ring of entries (the oldest dropped and counted) with isolated
 * subscribers.
 *
 * <p>{@link #append} never blocks on and never runs subscriber code: each subscriber has its own
 * bounded queue (the oldest undelivered entries dropped and counted when full) and its own daemon
 * thread named {@code journal-subscriber-<n>}, and receives entries in {@code seq} order. A
 * subscriber that throws is journaled as {@code listener_fault{listener,error}}, at most once per
 * second of {@link JournalClock} time per subscriber; further faults within that second are only
 * counted ({@link Subscription#suppressedFaults()}), so a subscriber that fails on every entry,
 * its own faults included, cannot flood the journal.
 *
 * <p>All methods are thread-safe.
 */
public final class Journal implements AutoCloseable {

    public static final int DEFAULT_CAPACITY = 100_000;
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    /** How long {@link #close()} lets subscribers finish their queues before interrupting them. */
    static final Duration DRAIN_WAIT = Duration.ofSeconds(2);
    /** How long {@link #close()} then waits for interrupted subscribers. */
    static final Duration INTERRUPT_WAIT = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    private final int capacity;
    private final int queueCapacity;
    private final JournalClock clock;
    private final Object lock = new Object();
    // All below guarded by lock; offering to subscribers under it keeps their queues in seq order.
    private final ArrayDeque<JournalEntry> ring = new ArrayDeque<>();
    private final List<Delivery> deliveries = new ArrayList<>();
    private long lastSeq;
    private long highestGen;
    private long dropped;
    private boolean closed;

    public Journal() {
        this(DEFAULT_CAPACITY, DEFAULT_QUEUE_CAPACITY, JournalClock.system());
    }

    /**
     * @param capacity      entries kept before the oldest is dropped
     * @param queueCapacity entries a subscriber may fall behind before its oldest are dropped
     * @param clock         stamps the entries the journal writes itself
     */
    public Journal(int capacity, int queueCapacity, JournalClock clock) {
        if (capacity < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("capacities must be positive: " + capacity + ", " + queueCapacity);
        }
        this.capacity = capacity;
        this.queueCapacity = queueCapacity;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Records the event with the next {@code seq} (from 1) and queues it for every subscriber. */
    public JournalEntry append(long gen, double monoMs, Instant ts, LinkEvent event) {
        synchronized (lock) {
            JournalEntry entry = new JournalEntry(lastSeq + 1, ts, monoMs, gen, event);
            lastSeq = entry.seq();
            highestGen = Math.max(highestGen, gen);
            if (ring.size() == capacity) {
                ring.pollFirst();
                dropped++;
            }
            ring.addLast(entry);
            for (Delivery delivery : deliveries) {
                delivery.offer(entry);
            }
            return entry;
        }
    }

    /** {@link #append(long, double, Instant, LinkEvent)} stamped with this journal's clock. */
    public JournalEntry append(long gen, LinkEvent event) {
        return append(gen, clock.monoMs(), clock.now(), event);
    }

    /** The kept entries, oldest first. */
    public List<JournalEntry> snapshot() {
        synchronized (lock) {
            return List.copyOf(ring);
        }
    }

    /** The kept entries and the count dropped before the first of them, read together. */
    public Kept kept() {
        synchronized (lock) {
            return new Kept(List.copyOf(ring), dropped);
        }
    }

    /**
     * The highest {@code gen} appended so far (0 before any), dropped entries included: where a
     * link created into this journal starts, so {@code gen} keeps rising across recreated links.
     */
    public long highestGen() {
        synchronized (lock) {
            return highestGen;
        }
    }

    public int size() {
        synchronized (lock) {
            return ring.size();
        }
    }

    /** Entries dropped from the ring to stay within capacity. */
    public long dropped() {
        synchronized (lock) {
            return dropped;
        }
    }

    public int capacity() {
        return capacity;
    }

    /** Delivers entries appended from now on; {@code listener} is the consumer's {@code toString()}. */
    public Subscription subscribe(Consumer<JournalEntry> consumer) {
        return subscribe(String.valueOf(consumer), consumer);
    }

    /** Delivers entries appended from now on; {@code name} is journaled if the consumer throws. */
    public Subscription subscribe(String name, Consumer<JournalEntry> consumer) {
        return register(name, consumer, false);
    }

    /**
     * Delivers the kept entries, then those appended from now on, with no gap and no duplicate
     * (unless the subscriber falls a whole queue behind, which {@link Subscription#dropped()} counts).
     */
    public Subscription subscribeWithBacklog(String name, Consumer<JournalEntry> consumer) {
        return register(name, consumer, true);
    }

    /**
     * Lets each subscriber finish its queue for up to {@link #DRAIN_WAIT}, then interrupts the
     * rest and waits up to {@link #INTERRUPT_WAIT}. Afterwards entries are still recorded but
     * delivered to no one, and subscribing delivers nothing. Idempotent.
     */
    @Override
    public void close() {
        List<Delivery> stopping;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            stopping = List.copyOf(deliveries);
            deliveries.clear();
        }
        stopping.forEach(Delivery::drain);
        try {
            List<Delivery> running = awaitEnd(stopping, DRAIN_WAIT);
            running.forEach(Delivery::close);
            for (Delivery delivery : awaitEnd(running, INTERRUPT_WAIT)) {
                LOG.warn("{} ignored its interrupt; its thread {} still runs", delivery.name(), delivery.threadName());
            }
        } catch (InterruptedException e) {
            stopping.forEach(Delivery::close);
            Thread.currentThread().interrupt();
        }
    }

    JournalClock clock() {
        return clock;
    }

    void unregister(Delivery delivery) {
        synchronized (lock) {
            deliveries.remove(delivery);
        }
    }

    private Subscription register(String name, Consumer<JournalEntry> consumer, boolean withBacklog) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(consumer, "consumer");
        synchronized (lock) {
            Delivery delivery = new Delivery(this, name, consumer, withBacklog ? List.copyOf(ring) : List.of(),
                    queueCapacity);
            if (closed) {
                delivery.close();
            } else {
                deliveries.add(delivery);
                delivery.start();
            }
            return delivery;
        }
    }

    /**
     * What the ring holds at one moment.
     *
     * @param entries the kept entries, oldest first
     * @param dropped the entries dropped from the ring before them: the run's first {@code dropped} entries
     */
    public record Kept(List<JournalEntry> entries, long dropped) {
        public Kept {
            entries = List.copyOf(entries);
        }
    }

    /** The deliveries whose threads still run when {@code wait} has passed. */
    private static List<Delivery> awaitEnd(List<Delivery> deliveries, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        List<Delivery> running = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            if (!delivery.awaitEnd(deadline)) {
                running.add(delivery);
            }
        }
        return running;
    }
}
