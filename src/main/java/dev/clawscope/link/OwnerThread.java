package dev.clawscope.link;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread named {@code clawscope-link-<n>} that runs link tasks, shared by the real and
 * the virtual executor. A throwing task is logged and the thread carries on.
 */
final class OwnerThread {

    private static final Logger LOG = LoggerFactory.getLogger(OwnerThread.class);
    private static final AtomicInteger NUMBER = new AtomicInteger();

    private final ScheduledThreadPoolExecutor pool;
    /** Written once by the pool's thread factory before the thread starts. */
    private volatile Thread thread;

    OwnerThread() {
        String name = "clawscope-link-" + NUMBER.incrementAndGet();
        pool = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread created = new Thread(runnable, name);
            created.setDaemon(true);
            thread = created;
            return created;
        });
        pool.setRemoveOnCancelPolicy(true);
        // Timers of a shut-down link must not fire; tasks already executed still run to completion.
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        pool.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        pool.prestartCoreThread();
    }

    boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    /** Queues {@code task}; returns {@code false} when the thread is shutting down. */
    boolean post(Runnable task) {
        return submit(task) != null;
    }

    /** Queues {@code task} and returns its future, or {@code null} when the thread is shutting down. */
    Future<?> submit(Runnable task) {
        Runnable guarded = guard(task);
        try {
            return pool.submit(guarded);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    Cancellable postDelayed(Runnable task, long delayMs) {
        Runnable guarded = guard(task);
        try {
            ScheduledFuture<?> future = pool.schedule(guarded, Math.max(0, delayMs), TimeUnit.MILLISECONDS);
            return () -> future.cancel(false);
        } catch (RejectedExecutionException e) {
            return Cancellable.NONE;
        }
    }

    boolean isStopped() {
        return pool.isShutdown();
    }

    /** Stops accepting tasks and waits up to {@code timeout} for the thread to end (never for itself). */
    boolean stop(Duration timeout) {
        pool.shutdown();
        if (isCurrent()) {
            return false;
        }
        Thread owner = thread;
        try {
            owner.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (owner.isAlive()) {
            LOG.warn("{} still runs a task {} after shutdown", owner.getName(), timeout);
            return false;
        }
        return true;
    }

    private static Runnable guard(Runnable task) {
        Objects.requireNonNull(task, "task");
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // One broken task must not take the link's only thread, and every later task, with it.
                logFailure(e);
            } catch (Error e) {
                logFailure(e);
                throw e;
            }
        };
    }

    private static void logFailure(Throwable failure) {
        LOG.error("link task failed on {}: {}: {}", Thread.currentThread().getName(),
                failure.getClass().getName(), failure.getMessage());
        LOG.debug("link task failure", failure);
    }
}
