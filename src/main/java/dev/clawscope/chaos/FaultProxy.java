package dev.clawscope.chaos;

import dev.clawscope.journal.Subscription;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback TCP proxy between clients and a gateway that injects {@link Fault}s into live and new
 * connections. It forwards raw bytes, so it works for WebSocket without understanding it.
 *
 * <p>Threads: exactly two per proxy, whatever the traffic, both daemons named
 * {@code fault-proxy-PORT-io} (one NIO selector that does all accepting, forwarding, timing and
 * expiry) and {@code fault-proxy-PORT-events} (delivers {@link FaultEvent}s to listeners).
 * Connections: at most {@code maxConnections} pairs (default {@value #DEFAULT_MAX_CONNECTIONS});
 * a client over the cap is accepted and reset at once. Memory: at most 16 MiB held per direction
 * of each connection; beyond that the proxy stops reading, so TCP flow control slows the sender.
 */
public final class FaultProxy implements AutoCloseable {

    public static final int DEFAULT_MAX_CONNECTIONS = 256;
    private static final Logger LOG = LoggerFactory.getLogger(FaultProxy.class);
    private static final Duration APPLY_WAIT = Duration.ofSeconds(5);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final InetSocketAddress listenAddress;
    private final InetSocketAddress target;
    private final Counters counters;
    private final FaultNotifier notifier;
    private final ProxyLoop loop;
    private final Thread ioThread;
    private final AtomicBoolean closed = new AtomicBoolean();

    private FaultProxy(InetSocketAddress listenAddress, InetSocketAddress target, Counters counters,
            FaultNotifier notifier, ProxyLoop loop) {
        this.listenAddress = listenAddress;
        this.target = target;
        this.counters = counters;
        this.notifier = notifier;
        this.loop = loop;
        this.ioThread = new Thread(loop, "fault-proxy-" + listenAddress.getPort() + "-io");
        ioThread.setDaemon(true);
    }

    /** Starts a proxy with the default connection cap; see {@link #start(InetSocketAddress, InetSocketAddress, int)}. */
    public static FaultProxy start(InetSocketAddress listen, InetSocketAddress target) throws IOException {
        return start(listen, target, DEFAULT_MAX_CONNECTIONS);
    }

    /**
     * Listens on {@code listen}, a loopback address (port 0 picks a free port), and forwards each
     * accepted connection to {@code target}.
     *
     * @throws IllegalArgumentException if {@code listen} is not a loopback address or an address is unresolved
     * @throws IOException if the address cannot be bound
     */
    public static FaultProxy start(InetSocketAddress listen, InetSocketAddress target, int maxConnections)
            throws IOException {
        return start(listen, target, maxConnections, null);
    }

    /**
     * Like {@link #start(InetSocketAddress, InetSocketAddress, int)}, with {@code taps} attached to
     * every accepted connection (null for none): the proxy becomes a relay that the taps can read,
     * hold, drop or add bytes in. The shaping of the fault in force applies to what the taps emit.
     */
    public static FaultProxy start(InetSocketAddress listen, InetSocketAddress target, int maxConnections,
            TapFactory taps) throws IOException {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(target, "target");
        if (listen.isUnresolved() || !listen.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the fault proxy listens on a loopback address only (e.g. 127.0.0.1), not "
                    + listen.getHostString());
        }
        if (target.isUnresolved()) {
            throw new IllegalArgumentException("cannot resolve target host " + target.getHostString());
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be positive: " + maxConnections);
        }
        ServerSocketChannel server = ServerSocketChannel.open();
        Selector selector = null;
        try {
            server.bind(listen);
            InetSocketAddress bound = (InetSocketAddress) server.getLocalAddress();
            selector = Selector.open();
            Counters counters = new Counters();
            FaultNotifier notifier = new FaultNotifier("fault-proxy-" + bound.getPort() + "-events");
            ProxyLoop loop = new ProxyLoop(selector, server, target, maxConnections, counters, notifier, taps);
            FaultProxy proxy = new FaultProxy(bound, target, counters, notifier, loop);
            notifier.start();
            proxy.ioThread.start();
            LOG.info("fault proxy listening on {} -> {}", bound, target);
            return proxy;
        } catch (IOException | RuntimeException e) {
            server.close();
            if (selector != null) {
                selector.close();
            }
            throw e;
        }
    }

    /** The address clients connect to, with the real port when started on port 0. */
    public InetSocketAddress listenAddress() {
        return listenAddress;
    }

    public InetSocketAddress target() {
        return target;
    }

    /**
     * Applies {@code fault} to live and new connections and returns once it is in force, so bytes
     * sent afterwards are subject to it. A mode replaces the previous mode and cancels its expiry.
     *
     * @throws IllegalStateException if the proxy is closed
     */
    public void apply(Fault fault) {
        Objects.requireNonNull(fault, "fault");
        if (closed.get()) {
            throw new IllegalStateException("fault proxy is closed");
        }
        try {
            loop.submit(fault).get(APPLY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("fault proxy is closed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("fault proxy did not apply " + fault.describe() + " within " + APPLY_WAIT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while applying " + fault.describe(), e);
        }
    }

    /**
     * Runs {@code action} on the proxy's I/O thread, where taps and {@link TappedConnection}s may be
     * used, and returns once it has run.
     *
     * @throws IllegalStateException if the proxy is closed, or the action threw (as the cause)
     */
    public void execute(Runnable action) {
        Objects.requireNonNull(action, "action");
        if (closed.get()) {
            throw new IllegalStateException("fault proxy is closed");
        }
        try {
            loop.execute(action).get(APPLY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the proxy's task failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("fault proxy did not run a task within " + APPLY_WAIT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the proxy", e);
        }
    }

    /** The mode in force: pass, blackhole, delay, throttle or refuse. */
    public Fault mode() {
        return loop.mode();
    }

    /** Tells {@code listener} of every fault applied or expired from now on, until the handle is closed. */
    public Subscription addListener(FaultListener listener) {
        return notifier.add(listener);
    }

    public ProxyStats stats() {
        return counters.snapshot();
    }

    /**
     * Closes the listening socket and every connection and ends both threads, waiting a bounded time.
     * Idempotent; events published before the close still reach the listeners.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            loop.stop();
        }
        try {
            ioThread.join(CLOSE_WAIT.toMillis());
            if (ioThread.isAlive()) {
                LOG.warn("{} did not end within {}", ioThread.getName(), CLOSE_WAIT);
            }
            notifier.close(CLOSE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "FaultProxy[" + listenAddress + " -> " + target + "]";
    }
}
