package dev.clawscope.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions a process has open, so that quitting closes each one and waits for it, bounded:
 * the link sends its close frame and journals {@code dispose_end} before the JVM exits. A close
 * runs on a daemon thread of its own ({@code session-close-<n>}), never the caller's, so a UI
 * thread only starts it; whoever ends the process waits with {@link #closeAll}, and the shutdown
 * hook of {@link #closeAllOnExit} does the same when the process is told to end (SIGTERM).
 *
 * <p>All methods are thread-safe.
 */
public final class OpenSessions {

    private static final Logger LOG = LoggerFactory.getLogger(OpenSessions.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Object lock = new Object();
    /** Guarded by lock: open and not yet closing. */
    private final Map<AutoCloseable, Boolean> open = new IdentityHashMap<>();
    /** Guarded by lock: closes begun and not yet ended. */
    private final Map<AutoCloseable, CompletableFuture<Void>> closing = new IdentityHashMap<>();
    /** Guarded by lock: once quitting, a session added is closed at once. */
    private boolean quitting;
    /** Guarded by lock: when the first {@link #closeAll} stops waiting ({@link System#nanoTime()}). */
    private long quitDeadline;
    private final AtomicBoolean hooked = new AtomicBoolean();

    /** Counts {@code session} as open; when quitting has begun it is closed at once instead. */
    public void add(AutoCloseable session) {
        Objects.requireNonNull(session, "session");
        synchronized (lock) {
            if (!quitting) {
                open.put(session, Boolean.TRUE);
                return;
            }
        }
        close(session);
    }

    /**
     * Starts closing {@code session} on a thread of its own and returns at once; the result
     * completes when its {@code close()} has returned (or thrown, which is logged). Closing a session
     * already closing returns the same result.
     */
    public CompletableFuture<Void> close(AutoCloseable session) {
        Objects.requireNonNull(session, "session");
        CompletableFuture<Void> done;
        synchronized (lock) {
            CompletableFuture<Void> running = closing.get(session);
            if (running != null) {
                return running;
            }
            open.remove(session);
            done = new CompletableFuture<>();
            closing.put(session, done);
        }
        Thread thread = new Thread(() -> {
            long start = System.nanoTime();
            try {
                session.close();
                LOG.info("closed {} in {} ms", session, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            } catch (Exception | LinkageError e) {
                LOG.warn("closing {} failed: {}", session, e.toString());
            } finally {
                synchronized (lock) {
                    closing.remove(session);
                }
                done.complete(null);
            }
        }, "session-close-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
        return done;
    }

    /**
     * Quits: closes every open session and waits until every close begun has ended, at most {@code
     * bound} after the first call: a later call (the shutdown hook after the launcher's) never waits
     * past the first one's deadline. Sessions added afterwards are closed at once. Idempotent.
     *
     * @return true when all closes ended within {@code bound}
     */
    public boolean closeAll(Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        List<AutoCloseable> left;
        synchronized (lock) {
            if (quitting) {
                deadline = Math.min(deadline, quitDeadline);
            } else {
                quitting = true;
                quitDeadline = deadline;
            }
            left = new ArrayList<>(open.keySet());
        }
        left.forEach(this::close);
        List<CompletableFuture<Void>> waits;
        synchronized (lock) {
            waits = new ArrayList<>(closing.values());
        }
        try {
            for (CompletableFuture<Void> wait : waits) {
                wait.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            return true;
        } catch (TimeoutException e) {
            LOG.warn("quitting without waiting longer: a session did not close within {} ms", bound.toMillis());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a close result never fails", e);
        }
    }

    /** Makes the JVM's shutdown (SIGTERM, {@code System.exit}) run {@link #closeAll} first; once per instance. */
    public void closeAllOnExit(Duration bound) {
        if (hooked.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeAll(bound), "session-quit"));
        }
    }
}
