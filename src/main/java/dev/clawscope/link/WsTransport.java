package dev.clawscope.link;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WebSocket transport on plain JDK sockets, RFC 6455 implemented here so that every limit is
 * ours: a frame whose declared length passes the inbound cap is refused when its header arrives,
 * a message is read straight into one array of its final size, pings and frames are counted and
 * a flood ends the connection, every frame type and every violation is reported, and who ended a
 * connection (this side or the server's close frame) is never confused.
 *
 * <p>Each connection has a reader thread ({@code clawscope-ws-<n>}, which also connects and
 * upgrades) and a writer thread ({@code clawscope-ws-<n>-write}, which owns the output so that a
 * dead peer with a full send buffer never blocks the caller). Both end when the socket closes.
 */
public final class WsTransport implements Transport {

    private static final Logger LOG = LoggerFactory.getLogger(WsTransport.class);
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** Our inbound cap: what the gateway may send (25 MiB); its {@code maxPayload} may only lower it. */
    public static final int DEFAULT_MAX_INBOUND = 26_214_400;
    /** More server pings than this within one second is a flood: a gateway pings every 25 to 30 s. */
    static final int MAX_PINGS_PER_SECOND = 100;
    /** More frames than this within one second is a flood; a busy gateway sends a few hundred. */
    static final int MAX_FRAMES_PER_SECOND = 10_000;
    /** Frames waiting to be written before {@code sendText} says no. */
    static final int MAX_QUEUED_FRAMES = 1_024;
    /** After our close frame, how long the server has to close the TCP connection. */
    static final long CLOSE_GRACE_MS = 1_000;
    /** Runs each connection's end of its close grace: one daemon thread for every transport. */
    private static final class CloseGrace {
        static final ScheduledThreadPoolExecutor TIMER = timer();

        private static ScheduledThreadPoolExecutor timer() {
            ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "ws-close-grace");
                thread.setDaemon(true);
                return thread;
            });
            timer.setRemoveOnCancelPolicy(true);
            return timer;
        }
    }

    /** Runs {@code task} once {@link #CLOSE_GRACE_MS} from now, off the caller's thread. */
    void afterCloseGrace(Runnable task) {
        CloseGrace.TIMER.schedule(task, CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
    }

    /** After a transport-wide close, how long connections have to finish their close handshake. */
    private static final long SHUTDOWN_GRACE_MS = 200;
    static final String USER_AGENT = "Clawscope";

    private final long handshakeTimeoutMs;
    private final GatewayTls tls;
    private final Set<WsConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final SecureRandom seeds = new SecureRandom();

    /**
     * @param handshakeTimeoutMs how long the TCP connect, TLS and HTTP upgrade may take together
     * @param pinnedSha256 a leaf-certificate fingerprint for {@code wss://}, or empty for normal validation
     */
    public WsTransport(long handshakeTimeoutMs, Optional<String> pinnedSha256) {
        if (handshakeTimeoutMs <= 0) {
            throw new IllegalArgumentException("handshake timeout must be positive: " + handshakeTimeoutMs);
        }
        this.tls = new GatewayTls(pinnedSha256);
        this.handshakeTimeoutMs = handshakeTimeoutMs;
    }

    @Override
    public Connection open(GatewayAddress address, Listener listener) {
        WsConnection connection = new WsConnection(this, address, listener, COUNTER.incrementAndGet(),
                new SplittableRandom(seeds.nextLong()));
        if (closed.get()) {
            connection.failEarly("transport closed");
            return connection;
        }
        connections.add(connection);
        connection.start();
        if (closed.get()) {
            connection.close(1001, "transport closed"); // raced with close(): it may have missed this one
        }
        return connection;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<WsConnection> open = new ArrayList<>(connections);
        open.forEach(c -> c.close(1001, "going away"));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SHUTDOWN_GRACE_MS);
        for (WsConnection c : open) {
            c.awaitEnd(Math.max(0, deadline - System.nanoTime()));
        }
        open.forEach(WsConnection::kill);
        for (WsConnection c : open) {
            if (!c.awaitEnd(TimeUnit.SECONDS.toNanos(1))) {
                LOG.debug("{} still runs 1 s after its socket was closed", c.name());
            }
        }
    }

    long handshakeTimeoutMs() {
        return handshakeTimeoutMs;
    }

    void ended(WsConnection connection) {
        connections.remove(connection);
    }

    /** Wraps a connected socket in TLS: normal validation with host name check, or the pinned leaf. */
    SSLSocket secure(Socket socket, String host, int port) throws IOException {
        return tls.secure(socket, host, port);
    }

    /** A plain sentence for a failure to connect, without the URL's query (which may carry a token). */
    static String describeConnectFailure(IOException e, Duration timeout) {
        if (e instanceof ConnectException) {
            return e.getMessage() == null ? "Connection refused" : e.getMessage();
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + e.getMessage();
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (e instanceof SocketTimeoutException) {
            return "TCP connect timed out after " + timeout.toMillis() + " ms";
        }
        return describe(e);
    }

    /** The innermost message of {@code e}, without a URL's query (which may carry a token). */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.replaceAll("\\?[^\\s]*", "?<redacted>");
    }

    static InetSocketAddress socketAddress(GatewayAddress address) {
        String host = address.uri().getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = address.uri().getPort() == -1 ? GatewayAddress.DEFAULT_PORT : address.uri().getPort();
        return new InetSocketAddress(host, port);
    }
}
