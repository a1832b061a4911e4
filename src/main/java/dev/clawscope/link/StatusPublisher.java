package dev.clawscope.link;

import dev.clawscope.journal.Subscription;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A current value with listeners that coalesce: each listener holds one slot for the latest value
 * and at most one delivery task on its executor, so a slow listener skips values in between but
 * always ends with the latest, and {@link #publish} never waits on a listener. The link's status
 * and an observed client's ({@code session.ObservedStatus}) are published with it.
 */
public final class StatusPublisher<T> {

    private static final Logger LOG = LoggerFactory.getLogger(StatusPublisher.class);

    private final AtomicReference<T> current;
    private final List<Slot<T>> slots = new CopyOnWriteArrayList<>();

    public StatusPublisher(T initial) {
        current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    public T current() {
        return current.get();
    }

    public void publish(T value) {
        current.set(Objects.requireNonNull(value, "value"));
        for (Slot<T> slot : slots) {
            slot.offer(value);
        }
    }

    /** Delivers the current value, then every later one that is still the latest when its turn comes, via {@code executor}. */
    public Subscription subscribe(String name, Executor executor, Consumer<? super T> listener) {
        Slot<T> slot = new Slot<>(name, Objects.requireNonNull(executor, "executor"),
                Objects.requireNonNull(listener, "listener"));
        slots.add(slot);
        slot.offer(current.get());
        return () -> {
            slot.closed.set(true);
            slots.remove(slot);
        };
    }

    /** A thread of the listener's own that ends when idle; it never holds more than one task. */
    static Executor ownThread(String name) {
        return new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "link-status-" + name);
                    t.setDaemon(true);
                    return t;
                });
    }

    private static final class Slot<T> {
        final String name;
        final Executor executor;
        final Consumer<? super T> listener;
        final AtomicReference<T> latest = new AtomicReference<>();
        final AtomicBoolean scheduled = new AtomicBoolean();
        final AtomicBoolean closed = new AtomicBoolean();

        Slot(String name, Executor executor, Consumer<? super T> listener) {
            this.name = name;
            this.executor = executor;
            this.listener = listener;
        }

        void offer(T value) {
            latest.set(value);
            if (scheduled.compareAndSet(false, true)) {
                try {
                    executor.execute(this::deliver);
                } catch (RuntimeException e) {
                    scheduled.set(false);
                    LOG.warn("status listener {} cannot take a delivery: {}", name, e.toString());
                }
            }
        }

        private void deliver() {
            // Cleared before reading: a value offered from here on schedules its own delivery.
            scheduled.set(false);
            T value = latest.getAndSet(null);
            if (value == null || closed.get()) {
                return;
            }
            try {
                listener.accept(value);
            } catch (RuntimeException e) {
                LOG.warn("status listener {} failed: {}", name, e.toString());
            }
        }
    }
}
