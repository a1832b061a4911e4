package dev.clawscope.link;

import java.time.Duration;
import java.util.Objects;

/**
 * The production {@link LinkExecutor}: one daemon thread and the system clocks.
 *
 * <p>Tasks and timers submitted after {@link #shutdown} are dropped silently: transport callbacks
 * can arrive late, from other threads, after the link was disposed, and they must be harmless.
 */
final class RealLinkExecutor implements LinkExecutor {

    private final OwnerThread owner = new OwnerThread();

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        owner.post(task);
    }

    @Override
    public Cancellable schedule(Runnable task, long delayMs) {
        Objects.requireNonNull(task, "task");
        return owner.postDelayed(task, delayMs);
    }

    @Override
    public long monoNanos() {
        return System.nanoTime();
    }

    @Override
    public long wallMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public boolean inOwnerThread() {
        return owner.isCurrent();
    }

    @Override
    public boolean shutdown(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return owner.stop(timeout);
    }

    @Override
    public boolean isShutdown() {
        return owner.isStopped();
    }
}
