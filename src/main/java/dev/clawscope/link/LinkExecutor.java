package dev.clawscope.link;

import java.time.Duration;

/**
 * The one owner thread of a link, and the clocks it reads. All link state is touched only by tasks
 * run here, so the link needs no locks; tests swap in a virtual-time one ({@code VirtualLinkExecutor},
 * under src/test) to run backoff and liveness in virtual time.
 *
 * <p>After {@link #shutdown} new tasks and timers are dropped without an error, tasks already
 * passed to {@link #execute} still run, and pending timers never fire.
 */
interface LinkExecutor {

    /** Runs {@code task} on the owner thread, in FIFO order with other executed tasks. */
    void execute(Runnable task);

    /** Runs {@code task} on the owner thread after {@code delayMs}; a negative delay counts as 0. */
    Cancellable schedule(Runnable task, long delayMs);

    /** Monotonic time in nanoseconds, for deadlines and durations; its origin means nothing. */
    long monoNanos();

    /** Wall-clock time in epoch milliseconds, for timestamps only: it jumps on sleep, resume and clock changes. */
    long wallMillis();

    boolean inOwnerThread();

    /**
     * Stops accepting tasks, cancels timers and waits up to {@code timeout} for the owner thread to
     * end. Idempotent and callable from any thread; on the owner thread it returns {@code false}
     * at once, since a thread cannot wait for its own end.
     *
     * @return whether the owner thread has ended
     */
    boolean shutdown(Duration timeout);

    boolean isShutdown();
}
