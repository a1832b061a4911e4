package dev.clawscope.chaos;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's single I/O thread: accepts, forwards, applies faults and expires them. It owns every
 * connection and the current mode; other threads reach it only through {@link #submit}.
 */
final class ProxyLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyLoop.class);
    private static final int SCRATCH_BYTES = 64 * 1024;

    private final Selector selector;
    private final ServerSocketChannel server;
    private final InetSocketAddress target;
    private final int maxConnections;
    private final Counters counters;
    private final FaultNotifier notifier;
    private final TapFactory taps;
    private final Queue<Task> tasks = new ConcurrentLinkedQueue<>();
    private final long origin = System.nanoTime();
    private volatile boolean stopping;
    private volatile boolean terminated;
    private volatile Fault mode = new Fault.Pass();

    // Confined to the I/O thread.
    private final ByteBuffer scratch = ByteBuffer.allocateDirect(SCRATCH_BYTES);
    private final List<Splice> splices = new ArrayList<>();
    private final List<Splice> resetting = new ArrayList<>();
    private Shaping shaping = Shaping.PASS;
    private long expiresAt = Pipe.NEVER;
    private int connections;

    ProxyLoop(Selector selector, ServerSocketChannel server, InetSocketAddress target, int maxConnections,
            Counters counters, FaultNotifier notifier, TapFactory taps) throws IOException {
        this.taps = taps;
        this.selector = selector;
        this.server = server;
        this.target = target;
        this.maxConnections = maxConnections;
        this.counters = counters;
        this.notifier = notifier;
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
    }

    /** The mode in force: never {@link Fault.Reset} or {@link Fault.Heal}, which are actions. */
    Fault mode() {
        return mode;
    }

    /** Runs {@code fault} on the I/O thread; the future completes once it is in force. */
    CompletableFuture<Void> submit(Fault fault) {
        return enqueue(new Task(() -> apply(fault), new CompletableFuture<>()));
    }

    /** Runs {@code action} on the I/O thread; the future completes once it has run. */
    CompletableFuture<Void> execute(Runnable action) {
        return enqueue(new Task(action, new CompletableFuture<>()));
    }

    private CompletableFuture<Void> enqueue(Task task) {
        tasks.add(task);
        selector.wakeup();
        if (terminated) {
            failPendingTasks();
        }
        return task.done();
    }

    /** Asks the loop to close everything and end; returns at once. */
    void stop() {
        stopping = true;
        selector.wakeup();
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                runTasks();
                long now = now();
                expireIfDue(now);
                long wake = Math.min(pumpAll(now), expiresAt);
                finishResets();
                if (selector.selectedKeys().isEmpty() && tasks.isEmpty() && !stopping) {
                    select(wake, now);
                }
                handleSelected(now());
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("fault proxy on {} failed; closing it", server, e);
        } finally {
            closeEverything();
            terminated = true;
            failPendingTasks();
        }
    }

    private long now() {
        return System.nanoTime() - origin;
    }

    private void runTasks() {
        for (Task task = tasks.poll(); task != null; task = tasks.poll()) {
            try {
                task.action().run();
                task.done().complete(null);
            } catch (RuntimeException e) {
                task.done().completeExceptionally(e);
            }
        }
    }

    private void apply(Fault fault) {
        if (fault instanceof Fault.Reset) {
            splices.forEach(Splice::resetByFault);
            splices.forEach(this::beginReset);
            splices.clear();
            counters.live.set(0);
        } else {
            mode = fault instanceof Fault.Heal ? new Fault.Pass() : fault;
            shaping = Shaping.of(mode);
            // A new mode replaces the previous one's expiry; a reset leaves both alone.
            expiresAt = fault.duration().map(d -> now() + d.toNanos()).orElse(Pipe.NEVER);
        }
        LOG.info("fault applied: {}", fault.describe());
        notifier.publish(new FaultEvent(fault, FaultEvent.Cause.APPLIED));
    }

    private void expireIfDue(long now) {
        if (now >= expiresAt) {
            Fault expired = mode;
            mode = new Fault.Pass();
            shaping = Shaping.PASS;
            expiresAt = Pipe.NEVER;
            LOG.info("fault expired: {}", expired.describe());
            notifier.publish(new FaultEvent(expired, FaultEvent.Cause.EXPIRED));
        }
    }

    private long pumpAll(long now) {
        long wake = Pipe.NEVER;
        for (Iterator<Splice> it = splices.iterator(); it.hasNext(); ) {
            Splice splice = it.next();
            try {
                wake = Math.min(wake, splice.pump(shaping, now));
                if (splice.finished()) {
                    it.remove();
                    splice.close();
                }
            } catch (IOException e) {
                LOG.debug("connection broke; resetting both sides", e);
                it.remove();
                beginReset(splice);
            } catch (RuntimeException e) {
                LOG.warn("a tap failed on connection {}; resetting both sides", splice.number(), e);
                it.remove();
                beginReset(splice);
            }
        }
        counters.live.set(splices.size());
        return wake;
    }

    private void beginReset(Splice splice) {
        splice.abort();
        resetting.add(splice);
    }

    /** Lets the selector drop cancelled keys, so that closing sends RST at once rather than FIN first. */
    private void finishResets() throws IOException {
        if (!resetting.isEmpty()) {
            selector.selectNow();
            resetting.forEach(Splice::close);
            resetting.clear();
        }
    }

    private void select(long wake, long now) throws IOException {
        if (wake == Pipe.NEVER) {
            selector.select();
        } else if (wake > now) {
            selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wake - now + 999_999)));
        } else {
            selector.selectNow();
        }
    }

    private void handleSelected(long now) throws IOException {
        for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
            SelectionKey key = it.next();
            it.remove();
            if (!key.isValid()) {
                continue;
            }
            if (key.channel() == server) {
                acceptAll();
            } else {
                Splice splice = (Splice) key.attachment();
                try {
                    splice.onReady(key, scratch, now);
                } catch (IOException e) {
                    LOG.debug("connection broke; resetting both sides", e);
                    splices.remove(splice);
                    beginReset(splice);
                } catch (RuntimeException e) {
                    // A tap that fails costs its own connection, never the relay of the others.
                    LOG.warn("a tap failed on connection {}; resetting both sides", splice.number(), e);
                    splices.remove(splice);
                    beginReset(splice);
                }
            }
        }
        counters.live.set(splices.size());
    }

    private void acceptAll() {
        for (SocketChannel client = acceptOne(); client != null; client = acceptOne()) {
            counters.accepted.incrementAndGet();
            int number = ++connections;
            boolean byFault = mode instanceof Fault.Refuse;
            if (byFault || splices.size() >= maxConnections) {
                counters.refused.incrementAndGet();
                Channels.reset(client);
                if (taps != null) {
                    taps.refused(number, byFault);
                }
                continue;
            }
            try {
                splices.add(Splice.open(number, client, target, selector, counters, this::now, taps));
            } catch (IOException e) {
                LOG.debug("cannot reach {}; resetting the client", target, e);
                Channels.reset(client);
            } catch (RuntimeException e) {
                LOG.warn("a tap failed to open connection {}; resetting the client", number, e);
                Channels.reset(client);
            }
        }
        counters.live.set(splices.size());
    }

    private SocketChannel acceptOne() {
        try {
            return server.accept();
        } catch (IOException e) {
            // Out of file descriptors, most likely: the client waits in the backlog for the next round.
            LOG.warn("accepting a connection on {} failed", server, e);
            return null;
        }
    }

    private void closeEverything() {
        splices.forEach(Splice::close);
        splices.clear();
        resetting.forEach(Splice::close);
        resetting.clear();
        counters.live.set(0);
        Channels.closeQuietly(server);
        try {
            selector.close();
        } catch (IOException | ClosedSelectorException e) {
            LOG.debug("closing the selector failed", e);
        }
    }

    private void failPendingTasks() {
        for (Task task = tasks.poll(); task != null; task = tasks.poll()) {
            task.done().completeExceptionally(new IllegalStateException("fault proxy is closed"));
        }
    }

    /** Something to run on the I/O thread and the future its caller waits on. */
    private record Task(Runnable action, CompletableFuture<Void> done) {
    }
}
