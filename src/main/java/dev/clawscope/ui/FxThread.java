package dev.clawscope.ui;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * The one way onto the JavaFX application thread. {@link #run} hands over a single action;
 * {@link Batcher} carries a stream of items (journal entries at up to tens of thousands a second)
 * across in batches, at most one pending hand-over at a time, so the FX thread sees one call per
 * pulse instead of one per item.
 */
public final class FxThread {

    private FxThread() {
    }

    /** The timing of {@link Ticker} and {@link Later}: one daemon thread, never the FX thread. */
    private static final ScheduledExecutorService CLOCK = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "clawscope-ui-ticker");
        t.setDaemon(true);
        return t;
    });

    /**
     * An action run once on the FX thread after a delay, without keeping JavaFX's pulse running
     * as a {@code PauseTransition} does while it waits. Scheduling it again while it waits changes
     * nothing: the first time stands. FX thread.
     */
    public static final class Later {

        private final Runnable action;
        /** FX thread only. */
        private ScheduledFuture<?> waiting;

        public Later(Runnable action) {
            this.action = Objects.requireNonNull(action, "action");
        }

        /** Runs the action {@code delayMs} from now (at once, on this thread, when 0 or less) unless it waits already. */
        public void schedule(long delayMs) {
            if (waiting != null) {
                return;
            }
            if (delayMs <= 0) {
                action.run();
                return;
            }
            ScheduledFuture<?>[] mine = new ScheduledFuture<?>[1];
            mine[0] = CLOCK.schedule(() -> Platform.runLater(() -> {
                if (waiting == mine[0]) {
                    waiting = null;
                    action.run();
                }
            }), delayMs, TimeUnit.MILLISECONDS);
            waiting = mine[0];
        }

        /** Whether the action waits to run. */
        public boolean waiting() {
            return waiting != null;
        }

        /** Drops a waiting run. */
        public void cancel() {
            if (waiting != null) {
                waiting.cancel(false);
                waiting = null;
            }
        }
    }

    /** Runs {@code action} on the FX thread: now when already there, else soon. */
    public static void run(Runnable action) {
        Objects.requireNonNull(action, "action");
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    /**
     * Collects items from any thread and delivers them, in order, in batches on the FX thread.
     * Holds at most {@code capacity} undelivered items; when the FX thread falls that far behind the
     * oldest are dropped and counted (the journal still has them).
     */
    public static final class Batcher<T> {

        private final int capacity;
        private final Consumer<List<T>> sink;
        /** Guarded by this. */
        private final ArrayDeque<T> pending = new ArrayDeque<>();
        /** Guarded by this. */
        private boolean scheduled;
        /** Guarded by this. */
        private boolean closed;
        /** Guarded by this. */
        private long dropped;

        public Batcher(int capacity, Consumer<List<T>> sink) {
            if (capacity < 1) {
                throw new IllegalArgumentException("capacity must be at least 1");
            }
            this.capacity = capacity;
            this.sink = Objects.requireNonNull(sink, "sink");
        }

        public void offer(T item) {
            boolean schedule;
            synchronized (this) {
                if (closed) {
                    return;
                }
                if (pending.size() == capacity) {
                    pending.removeFirst();
                    dropped++;
                }
                pending.addLast(item);
                schedule = !scheduled;
                scheduled = true;
            }
            if (schedule) {
                Platform.runLater(this::drain);
            }
        }

        /** Items dropped because the FX thread was too far behind. */
        public synchronized long dropped() {
            return dropped;
        }

        /** Stops delivering; what is pending is discarded. */
        public synchronized void close() {
            closed = true;
            pending.clear();
        }

        private void drain() {
            List<T> batch;
            synchronized (this) {
                scheduled = false;
                if (closed || pending.isEmpty()) {
                    return;
                }
                batch = new ArrayList<>(pending);
                pending.clear();
            }
            sink.accept(batch);
        }
    }
    /**
     * Runs an action on the FX thread every {@code period} without keeping JavaFX's pulse running:
     * an {@code AnimationTimer} or an animation {@code Timeline} asks for a pulse 60 times a second
     * for as long as it runs, which costs a window's worth of CPU even when nothing changes. The
     * timing comes from one shared daemon thread; a tick still waiting for the FX thread is not
     * queued twice. Ticks fall on whole multiples of the period in wall-clock time, so tickers whose
     * periods divide one another fire together and their changes share one pulse and one repaint.
     */
    public static final class Ticker {

        private final long periodMs;
        private final Runnable action;
        private final AtomicBoolean posted = new AtomicBoolean();
        /** FX thread only. */
        private ScheduledFuture<?> running;

        public Ticker(java.time.Duration period, Runnable action) {
            this.periodMs = period.toMillis();
            if (periodMs < 1) {
                throw new IllegalArgumentException("period must be at least 1 ms, was " + period);
            }
            this.action = Objects.requireNonNull(action, "action");
        }

        /** Starts ticking; idempotent. */
        public void start() {
            if (running == null) {
                running = CLOCK.scheduleAtFixedRate(this::tick, firstDelayMs(System.currentTimeMillis(), periodMs),
                        periodMs, TimeUnit.MILLISECONDS);
            }
        }

        /** Stops ticking; a tick already handed to the FX thread may still run once. Idempotent. */
        public void stop() {
            if (running != null) {
                running.cancel(false);
                running = null;
            }
        }

        /** Milliseconds from {@code nowMs} to the next whole multiple of {@code periodMs}, never 0. */
        static long firstDelayMs(long nowMs, long periodMs) {
            return periodMs - Math.floorMod(nowMs, periodMs);
        }

        private void tick() {
            if (posted.compareAndSet(false, true)) {
                Platform.runLater(() -> {
                    posted.set(false);
                    action.run();
                });
            }
        }
    }
}
