package dev.clawscope.link;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link LinkExecutor} with a real owner thread and virtual time, for tests and scenario runs.
 *
 * <p>{@link #execute} runs tasks at once on the owner thread, so callbacks from real sockets still
 * land on it. Timers wait on a virtual timeline that moves only when a driver thread calls {@link
 * #advance}, {@link #advanceTo} or {@link #runPending}; each due timer runs on the owner thread and
 * finishes before the clock moves on. Both clocks start when the executor is created: the
 * monotonic one at 0, the wall one at the given instant.
 */
final class VirtualLinkExecutor implements LinkExecutor {

    /** Wall-clock start of the default constructor: fixed, so that runs are reproducible. */
    public static final Instant DEFAULT_WALL_START = Instant.parse("2026-01-01T00:00:00Z");

    private static final Comparator<Timer> DUE_ORDER =
            Comparator.<Timer>comparingLong(t -> t.dueNanos).thenComparingLong(t -> t.sequence);

    private final OwnerThread owner = new OwnerThread();
    private final long wallStartMillis;
    /** Executed tasks that have not finished yet; lets {@link #runPending} tell when the owner is idle. */
    private final AtomicInteger unfinished = new AtomicInteger();
    /** Held by the driver for a whole advance, so that two drivers cannot interleave time. */
    private final Object driving = new Object();
    /** Guards the clock and the timeline below. */
    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private final PriorityQueue<Timer> timeline = new PriorityQueue<>(DUE_ORDER);
    /** Guarded by {@link #lock}. */
    private long nowNanos;
    /** Guarded by {@link #lock}. */
    private long wallJumpMillis;
    /** Guarded by {@link #lock}. */
    private long nextSequence;
    /** Guarded by {@link #lock}; set before the owner thread stops, so that no timer slips in after the clear. */
    private boolean stopped;

    public VirtualLinkExecutor() {
        this(DEFAULT_WALL_START);
    }

    public VirtualLinkExecutor(Instant wallStart) {
        this.wallStartMillis = Objects.requireNonNull(wallStart, "wallStart").toEpochMilli();
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        unfinished.incrementAndGet();
        boolean queued = owner.post(() -> {
            try {
                task.run();
            } finally {
                unfinished.decrementAndGet();
            }
        });
        if (!queued) {
            unfinished.decrementAndGet();
        }
    }

    @Override
    public Cancellable schedule(Runnable task, long delayMs) {
        Objects.requireNonNull(task, "task");
        synchronized (lock) {
            if (stopped) {
                return Cancellable.NONE;
            }
            // A delay too long to count in nanoseconds means never, not an overflow into the past.
            long due = Saturating.add(nowNanos, Saturating.multiply(Math.max(0, delayMs), 1_000_000));
            Timer timer = new Timer(task, due, nextSequence++);
            timeline.add(timer);
            return timer;
        }
    }

    @Override
    public long monoNanos() {
        synchronized (lock) {
            return nowNanos;
        }
    }

    @Override
    public long wallMillis() {
        synchronized (lock) {
            return wallStartMillis + nowNanos / 1_000_000 + wallJumpMillis;
        }
    }

    @Override
    public boolean inOwnerThread() {
        return owner.isCurrent();
    }

    @Override
    public boolean shutdown(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        synchronized (lock) {
            stopped = true;
            timeline.forEach(Timer::markCancelled);
            timeline.clear();
        }
        return owner.stop(timeout);
    }

    @Override
    public boolean isShutdown() {
        synchronized (lock) {
            return stopped;
        }
    }

    /** Virtual time elapsed since this executor was created. */
    public Duration now() {
        return Duration.ofNanos(monoNanos());
    }

    /** Number of timers that are scheduled, not yet run and not cancelled. */
    public int pendingTimers() {
        synchronized (lock) {
            return timeline.size();
        }
    }

    /** Moves the wall clock alone, as a laptop's sleep and resume does; timers do not notice. */
    public void jumpWallClock(Duration jump) {
        Objects.requireNonNull(jump, "jump");
        synchronized (lock) {
            wallJumpMillis += jump.toMillis();
        }
    }

    /** Waits until the owner thread is idle, running the timers due now as well. */
    public void runPending() {
        advance(Duration.ZERO);
    }

    /** Moves virtual time forward by {@code step}, running every timer that falls due on the way. */
    public void advance(Duration step) {
        Objects.requireNonNull(step, "step");
        if (step.isNegative()) {
            throw new IllegalArgumentException("cannot advance by a negative duration: " + step);
        }
        requireDriver();
        synchronized (driving) {
            advanceTo(now().plus(step));
        }
    }

    /**
     * Moves virtual time forward to {@code elapsed} since creation, running each timer due by then
     * in due order (ties in scheduling order), timers scheduled on the way included. Returns once
     * the owner thread is idle.
     */
    public void advanceTo(Duration elapsed) {
        Objects.requireNonNull(elapsed, "elapsed");
        requireDriver();
        synchronized (driving) {
            long target = elapsed.toNanos();
            if (target < monoNanos()) {
                throw new IllegalArgumentException("virtual time cannot go back from " + now() + " to " + elapsed);
            }
            for (Timer due = nextDue(target); due != null; due = nextDue(target)) {
                if (!await(owner.submit(due::runUnlessCancelled))) {
                    return;
                }
            }
        }
    }

    private void requireDriver() {
        if (owner.isCurrent()) {
            throw new IllegalStateException("virtual time is driven from outside the owner thread; it would wait for itself");
        }
    }

    /** Drains executed tasks, then takes the next timer due by {@code target} and moves the clock to it. */
    private Timer nextDue(long target) {
        while (true) {
            awaitIdle();
            synchronized (lock) {
                Timer next = timeline.peek();
                if (next != null && next.dueNanos <= target) {
                    timeline.poll();
                    nowNanos = Math.max(nowNanos, next.dueNanos);
                    return next;
                }
                if (unfinished.get() == 0 || stopped) {
                    nowNanos = Math.max(nowNanos, target);
                    return null;
                }
            }
        }
    }

    private void awaitIdle() {
        while (unfinished.get() > 0) {
            // FIFO: once this marker has run, everything executed before it has run too.
            if (!await(owner.submit(() -> { }))) {
                return;
            }
        }
    }

    /** Waits for {@code future}; returns {@code false} when the owner thread no longer takes tasks. */
    private static boolean await(Future<?> future) {
        if (future == null) {
            return false;
        }
        try {
            future.get();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the owner thread", e);
        } catch (ExecutionException e) {
            return true; // the owner thread has logged the task's failure and goes on
        } catch (CancellationException e) {
            return false;
        }
    }

    /** A task on the virtual timeline. */
    private final class Timer implements Cancellable {
        private final Runnable task;
        private final long dueNanos;
        private final long sequence;
        /** Guarded by {@link #lock}; checked on the owner thread so that a cancel just before the run still wins. */
        private boolean cancelled;

        Timer(Runnable task, long dueNanos, long sequence) {
            this.task = task;
            this.dueNanos = dueNanos;
            this.sequence = sequence;
        }

        @Override
        public void cancel() {
            synchronized (lock) {
                cancelled = true;
                timeline.remove(this);
            }
        }

        void markCancelled() {
            cancelled = true;
        }

        void runUnlessCancelled() {
            synchronized (lock) {
                if (cancelled) {
                    return;
                }
                cancelled = true; // a later cancel() is then a no-op
            }
            task.run();
        }
    }
}
