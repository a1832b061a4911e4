package dev.clawscope.ui;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;

/**
 * Fails a UI test whose FX thread waits: every 10 ms it posts a heartbeat to the FX thread unless
 * one is still waiting, and samples what the FX thread does meanwhile. A heartbeat's wait counts
 * as blocked when a sample found the FX thread waiting (on a monitor, a lock, a process, a
 * future) anywhere but in the toolkit's own waits: for its renderer (a frame, the render lock) and,
 * idle, for its next event; a thread merely starved of CPU by a loaded machine is running, not
 * blocked. A heartbeat still waiting at the end counts too.
 *
 * <p>Why waiting, and not every gap over 100 ms: a plain rule that failed any heartbeat late by
 * more than 100 ms failed 2 of 4 runs on a 2-core machine, and the late heartbeats came from
 * Monocle's software renderer (the FX thread waiting for a frame to be drawn), not from this code.
 * What the window must never do is wait on something else (a lock another thread holds across a
 * dispose, a {@code reg query}, a socket, a file) while the user waits for it; that is what
 * "blocked" means here, and it is what this check catches however busy the machine is. How long
 * the FX thread's own work takes is measured by {@code InspectorBenchmark}, not asserted here.
 */
public final class FxWatchdog implements AutoCloseable {

    private static final long PERIOD_MS = 10;
    private static final long SAMPLE_AFTER_NS = TimeUnit.MILLISECONDS.toNanos(20);
    /**
     * The toolkit's own waits: for a frame to be drawn (Quantum), for the render lock (showing or
     * hiding a window), and the event loop's wait for its next event (Monocle).
     */
    private static final Set<String> TOOLKIT_WAITS = Set.of("waitForRenderingToComplete", "runWithRenderLock",
            "getNextRunnable");

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fx-watchdog");
        t.setDaemon(true);
        return t;
    });
    /** When the heartbeat in flight was posted, or -1 when none is. */
    private final AtomicLong postedAt = new AtomicLong(-1);
    private final AtomicLong longestNs = new AtomicLong();
    private final AtomicLong longestBlockedNs = new AtomicLong();
    private final AtomicLong beats = new AtomicLong();
    /** Whether a sample found the FX thread waiting while the heartbeat in flight waited. */
    private volatile boolean waitingSeen;
    private volatile String waitingAt = "";
    private volatile Thread fxThread;

    private FxWatchdog() {
    }

    /** Starts watching the FX thread; returns once it knows which thread that is. */
    public static FxWatchdog start() {
        FxWatchdog watchdog = new FxWatchdog();
        // Known before the first heartbeat: a wait that begins before one has run is sampled too.
        watchdog.fxThread = fxThread();
        watchdog.clock.scheduleAtFixedRate(watchdog::post, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
        return watchdog;
    }

    private static Thread fxThread() {
        if (Platform.isFxApplicationThread()) {
            return Thread.currentThread();
        }
        CompletableFuture<Thread> fx = new CompletableFuture<>();
        Platform.runLater(() -> fx.complete(Thread.currentThread()));
        try {
            return fx.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while finding the FX thread", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the FX thread did not run a task within 10 s", e);
        }
    }

    private void post() {
        long now = System.nanoTime();
        long waiting = postedAt.get();
        if (waiting >= 0 && now - waiting > SAMPLE_AFTER_NS) {
            sample();
        }
        if (postedAt.compareAndSet(-1, now)) {
            waitingSeen = false;
            Platform.runLater(() -> {
                fxThread = Thread.currentThread();
                long gap = System.nanoTime() - postedAt.get();
                longestNs.accumulateAndGet(gap, Math::max);
                if (waitingSeen) {
                    longestBlockedNs.accumulateAndGet(gap, Math::max);
                }
                postedAt.set(-1);
                beats.incrementAndGet();
            });
        }
    }

    private void sample() {
        Thread fx = fxThread;
        if (fx == null) {
            return;
        }
        // State, stack and lock from one snapshot: read one after the other they may be of different moments.
        ThreadInfo info = THREADS.getThreadInfo(fx.getId(), Integer.MAX_VALUE);
        if (info == null) {
            return;
        }
        Thread.State state = info.getThreadState();
        StackTraceElement[] stack = info.getStackTrace();
        if (state != Thread.State.RUNNABLE && !toolkitWait(stack) || stack.length > 0 && inBlockingNative(stack[0])) {
            waitingSeen = true;
            StringBuilder trace = new StringBuilder(" ").append(state);
            if (info.getLockName() != null) {
                trace.append(" on ").append(info.getLockName()).append(info.getLockOwnerName() == null ? ""
                        : " held by " + info.getLockOwnerName());
            }
            for (StackTraceElement frame : stack) {
                trace.append("\n\tat ").append(frame);
            }
            waitingAt = trace.toString();
        }
    }

    /**
     * Whether the FX thread waits inside the toolkit, for the toolkit: for its renderer (a frame to
     * be drawn, the render lock) or, idle, for its next event. A wait with a frame of this code above
     * the toolkit's (a listener of ours waiting, called from inside the render lock) is ours.
     */
    private static boolean toolkitWait(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().startsWith("dev.clawscope.")) {
                return false;
            }
            if (TOOLKIT_WAITS.contains(frame.getMethodName())) {
                return true;
            }
        }
        return false;
    }

    /** Reading a file, a socket or a process's output shows as running, but waits all the same. */
    private static boolean inBlockingNative(StackTraceElement top) {
        String owner = top.getClassName();
        return top.isNativeMethod() && (owner.startsWith("java.io.") || owner.startsWith("sun.nio.")
                || owner.startsWith("java.net.") || owner.startsWith("sun.net.") || owner.startsWith("java.lang.Process"));
    }

    /**
     * Stops watching and fails when the FX thread was ever blocked for longer than {@code limit}
     * (see the class comment for what counts as blocked).
     */
    public void assertNeverBlockedLongerThan(Duration limit) {
        close();
        long waiting = postedAt.get();
        long blocked = longestBlockedNs.get();
        if (waiting >= 0 && waitingSeen) {
            blocked = Math.max(blocked, System.nanoTime() - waiting);
        }
        if (beats.get() == 0) {
            throw new AssertionError("the FX thread never ran a heartbeat");
        }
        if (blocked > limit.toNanos()) {
            throw new AssertionError("the FX thread was blocked for " + TimeUnit.NANOSECONDS.toMillis(blocked)
                    + " ms (limit " + limit.toMillis() + " ms, " + beats.get() + " heartbeats, longest wait "
                    + TimeUnit.NANOSECONDS.toMillis(longestNs.get()) + " ms); it was at:" + waitingAt);
        }
    }

    @Override
    public void close() {
        clock.shutdownNow();
    }
}
