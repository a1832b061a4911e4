package dev.clawscope.observe;

import dev.clawscope.link.GatewayTls;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback listener that carries each of its connections on to a {@code wss://} gateway over TLS,
 * so that the {@link Observer}, which relays plain TCP, can stand between a client and a TLS gateway:
 * the client speaks plain {@code ws://} to the observer on loopback, the observer to this bridge, the
 * bridge TLS to the gateway, validated as the link validates it ({@link GatewayTls}: the trust store
 * and the host name, or a pinned leaf certificate).
 *
 * <p>Bytes pass unchanged both ways. An end of stream on one side is passed on as an end of stream
 * (TLS {@code close_notify} upstream, FIN downstream) and the other direction keeps flowing, as in the
 * fault proxy; an error on either side resets both, and a connection whose TLS handshake fails is
 * reset at once, so the observer sees what a client of that gateway would. Each failure to reach the
 * gateway is said in one sentence to {@code problems} (never with anything the client sent).
 *
 * <p>Threads: {@code tls-bridge-PORT-accept}, and per connection {@code tls-bridge-PORT-N-up} (connects,
 * handshakes, then copies the gateway's bytes) and {@code tls-bridge-PORT-N-down} (the client's bytes).
 * Memory: one small copy buffer per direction; at most {@code maxConnections} at once, more are reset.
 */
public final class TlsBridge implements AutoCloseable {

    /** How long the TCP connect and the TLS handshake to the gateway may take, each. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(TlsBridge.class);
    private static final int MAX_PROBLEM_CHARS = 400;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final String host;
    private final int port;
    private final GatewayTls tls;
    private final int maxConnections;
    private final Consumer<String> problems;
    private final ServerSocket server;
    private final Thread acceptor;
    private final Set<Pair> pairs = ConcurrentHashMap.newKeySet();
    private final AtomicInteger counter = new AtomicInteger();
    private volatile boolean closed;

    private TlsBridge(String host, int port, GatewayTls tls, int maxConnections, Consumer<String> problems)
            throws IOException {
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.maxConnections = maxConnections;
        this.problems = problems;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptAll, "tls-bridge-" + server.getLocalPort() + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Listens on an ephemeral loopback port for connections to carry to {@code host:port} over TLS.
     *
     * @param problems receives one sentence per connection that could not reach the gateway
     * @throws IOException if no loopback port can be bound
     */
    public static TlsBridge start(String host, int port, GatewayTls tls, int maxConnections,
            Consumer<String> problems) throws IOException {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(problems, "problems");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1..65535: " + port);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be positive: " + maxConnections);
        }
        return new TlsBridge(host, port, tls, maxConnections, problems);
    }

    /** Where the observer connects: 127.0.0.1 and the bridge's port. */
    public InetSocketAddress listenAddress() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    /** Connections carried now, including those still connecting. */
    public int openConnections() {
        return pairs.size();
    }

    /** Stops listening and resets every connection; waits (bounded) for the bridge's threads. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        List<Pair> open = new ArrayList<>(pairs);
        open.forEach(Pair::reset);
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        join(acceptor, deadline);
        for (Pair pair : open) {
            pair.threads().forEach(t -> join(t, deadline));
        }
    }

    private void acceptAll() {
        while (!closed) {
            Socket local;
            try {
                local = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.debug("TLS bridge stopped accepting", e);
                }
                return;
            }
            if (pairs.size() >= maxConnections || closed) {
                resetQuietly(local);
                continue;
            }
            Pair pair = new Pair(counter.incrementAndGet(), local);
            pairs.add(pair);
            pair.start();
        }
    }

    private static void join(Thread thread, long deadlineNanos) {
        if (thread == null) {
            return;
        }
        try {
            thread.join(Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One client connection and its TLS connection to the gateway. */
    private final class Pair {
        private final int id;
        private final Socket local;
        private final String name;
        private volatile Socket raw;
        private volatile SSLSocket upstream;
        private volatile Thread up;
        private volatile Thread down;
        private final AtomicInteger directionsLeft = new AtomicInteger(2);

        Pair(int id, Socket local) {
            this.id = id;
            this.local = local;
            this.name = "tls-bridge-" + server.getLocalPort() + "-" + id;
        }

        void start() {
            up = new Thread(this::connectAndCarry, name + "-up");
            up.setDaemon(true);
            up.start();
        }

        List<Thread> threads() {
            List<Thread> all = new ArrayList<>(2);
            if (up != null) {
                all.add(up);
            }
            if (down != null) {
                all.add(down);
            }
            return all;
        }

        private void connectAndCarry() {
            SSLSocket ssl;
            try {
                ssl = connect();
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    LOG.debug("{}: cannot reach {}:{}", name, host, port, e);
                    problems.accept(describe(e));
                }
                reset();
                return;
            }
            down = new Thread(() -> carry(local, ssl), name + "-down");
            down.setDaemon(true);
            down.start();
            carry(ssl, local);
        }

        private SSLSocket connect() throws IOException {
            Socket socket = new Socket();
            raw = socket;
            if (closed) {
                throw new IOException("bridge closed");
            }
            int timeout = (int) CONNECT_TIMEOUT.toMillis();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), timeout);
            SSLSocket ssl = tls.secure(socket, host, port);
            upstream = ssl;
            ssl.setSoTimeout(timeout);
            ssl.startHandshake();
            ssl.setSoTimeout(0);
            local.setTcpNoDelay(true);
            return ssl;
        }

        /**
         * Copies {@code from} to {@code to} as it arrives (socket streams are unbuffered) until the end of
         * {@code from}'s stream, which it passes on.
         */
        private void carry(Socket from, Socket to) {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
                to.shutdownOutput();
            } catch (IOException | RuntimeException e) {
                LOG.debug("{}: connection broke; resetting both sides", name, e);
                reset();
            } finally {
                if (directionsLeft.decrementAndGet() == 0) {
                    end();
                }
            }
        }

        /** Both directions ended with their streams: closes both sockets normally. */
        private void end() {
            closeQuietly(upstream == null ? raw : upstream);
            closeQuietly(local);
            pairs.remove(this);
        }

        /** Ends both sides with a reset (RST), skipping TLS's close; idempotent, from any thread. */
        void reset() {
            resetQuietly(local);
            resetQuietly(raw);
            pairs.remove(this);
        }
    }

    /** One sentence about why a connection could not reach the gateway, fit for a journal line. */
    String describe(Throwable e) {
        String where = host + ":" + port;
        String sentence;
        if (e instanceof UnknownHostException) {
            sentence = "TLS bridge: cannot resolve " + host;
        } else if (e instanceof ConnectException) {
            sentence = "TLS bridge: cannot connect to " + where + ": " + innermost(e);
        } else if (e instanceof SocketTimeoutException) {
            sentence = "TLS bridge: " + where + " did not finish connecting and the TLS handshake within "
                    + CONNECT_TIMEOUT.toSeconds() + " s";
        } else if (find(e, CertPathBuilderException.class) != null) {
            sentence = "TLS bridge: refused the certificate of " + where + ": it is not trusted (self-signed or from "
                    + "an unknown authority); if you trust it, pin it with --tls-fingerprint";
        } else if (find(e, CertificateException.class) != null) {
            sentence = "TLS bridge: refused the certificate of " + where + ": "
                    + find(e, CertificateException.class).getMessage();
        } else {
            sentence = "TLS bridge: TLS to " + where + " failed: " + innermost(e);
        }
        return clean(sentence);
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String innermost(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** The server chose some of these words (names in its certificate): no control characters, bounded. */
    private static String clean(String text) {
        StringBuilder b = new StringBuilder(Math.min(text.length(), MAX_PROBLEM_CHARS));
        text.codePoints().limit(MAX_PROBLEM_CHARS)
                .forEach(c -> b.appendCodePoint(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                        ? ' ' : c));
        return b.toString();
    }

    private static void resetQuietly(Socket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // already closed: nothing to reset
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.trace("close failed", e);
        }
    }
}
