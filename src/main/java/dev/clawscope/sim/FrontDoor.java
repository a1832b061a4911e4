package dev.clawscope.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Arrays;
import java.util.Locale;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's public TCP port: a relay in front of the embedded WebSocket server that gives
 * the simulator what a WebSocket library hides — dropping a socket without a close frame (as a
 * killed gateway or a missed pong does) and freezing a socket with TCP still open (as a stopped
 * process does). It tags each upgrade request with a connection id ({@value #CONN_PARAM}) so the
 * WebSocket side can name the TCP connection it wants dropped. It also follows the frames both ways
 * so the answer to a close frame with no status code is the real gateway's (see {@link CloseEcho}).
 *
 * <p>Threads: one acceptor plus two pumps per open connection, all daemons named {@code sim-door-*}.
 */
final class FrontDoor implements AutoCloseable {

    static final String CONN_PARAM = "simconn";
    /** Set to 1 when the client sent an {@code Origin} header (a browser-origin socket). */
    static final String ORIGIN_PARAM = "simorigin";
    private static final Logger LOG = LoggerFactory.getLogger(FrontDoor.class);
    private static final int MAX_REQUEST_HEAD = 16 * 1024;

    private final InetAddress bindAddress;
    private final InetSocketAddress upstream;
    private final ExecutorService threads;
    private final Map<Long, Relay> relays = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicLong accepted = new AtomicLong();
    private final Object freezeLock = new Object();
    /** Guarded by {@link #freezeLock}. */
    private boolean frozen;
    /** Guarded by {@code this}; null while the gateway is down. */
    private ServerSocket listener;
    private volatile int port;
    private volatile boolean closed;

    FrontDoor(InetAddress bindAddress, int port, InetSocketAddress upstream) throws IOException {
        this.bindAddress = bindAddress;
        this.upstream = upstream;
        AtomicInteger counter = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sim-door-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.port = port;
        open();
    }

    int port() {
        return port;
    }

    int openConnections() {
        return relays.size();
    }

    long acceptedTotal() {
        return accepted.get();
    }

    /** Starts accepting on the same port again (after {@link #shut()}). */
    synchronized void open() throws IOException {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (listener != null) {
            return;
        }
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(bindAddress, port), 64);
        port = server.getLocalPort();
        listener = server;
        threads.execute(() -> acceptLoop(server));
    }

    /** Stops accepting: new connections are refused by the kernel, as for a dead process. */
    synchronized void shut() {
        if (listener != null) {
            closeQuietly(listener);
            listener = null;
        }
    }

    /** Drops one connection without a WebSocket close frame (the client sees an abnormal close). */
    void abort(long connectionId) {
        Relay relay = relays.get(connectionId);
        if (relay != null) {
            relay.abort();
        }
    }

    /** Drops every connection without close frames. */
    void abortAll() {
        relays.values().forEach(Relay::abort);
    }

    /** While frozen, TCP stays open both ways but no byte moves: the half-open case. */
    void setFrozen(boolean value) {
        synchronized (freezeLock) {
            frozen = value;
            freezeLock.notifyAll();
        }
    }

    boolean frozen() {
        synchronized (freezeLock) {
            return frozen;
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        shut();
        abortAll();
        setFrozen(false);
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("simulator relay threads still running 5 s after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop(ServerSocket server) {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // listener closed by shut() or close()
            }
            accepted.incrementAndGet();
            long id = nextId.getAndIncrement();
            Relay relay = new Relay(id, client);
            relays.put(id, relay);
            try {
                threads.execute(relay::run);
            } catch (RuntimeException rejected) {
                relay.abort();
                relays.remove(id);
            }
        }
    }

    private void awaitThaw() throws InterruptedException {
        synchronized (freezeLock) {
            while (frozen && !closed) {
                freezeLock.wait();
            }
        }
    }

    /** One client connection and its connection to the embedded server. */
    private final class Relay {
        private final long id;
        private final Socket client;
        private final Socket server = new Socket();
        private final AtomicInteger pumpsRunning = new AtomicInteger(2);
        /** Makes the answer to an empty close frame the real gateway's (an empty one). */
        private final CloseEcho closeEcho = new CloseEcho();

        Relay(long id, Socket client) {
            this.id = id;
            this.client = client;
        }

        void run() {
            try {
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                awaitThaw();
                server.connect(upstream, 5_000);
                InputStream fromClient = client.getInputStream();
                OutputStream toServer = server.getOutputStream();
                byte[] head = readRequestHead(fromClient);
                if (head == null) {
                    finish(); // the client left before its request was complete
                    return;
                }
                toServer.write(tagRequestLine(head));
                toServer.flush();
            } catch (IOException | RuntimeException e) {
                LOG.debug("relay {} could not start: {}", id, e.toString());
                finish();
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                finish();
                return;
            }
            try {
                threads.execute(() -> pump(server, client, closeEcho.toClient));
            } catch (RuntimeException rejected) {
                finish();
                return;
            }
            pump(client, server, closeEcho.fromClient);
        }

        /** Copies until EOF, through {@code direction}, which follows the frames on their way. */
        private void pump(Socket from, Socket to, CloseEcho.Direction direction) {
            byte[] buffer = new byte[16 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    awaitThaw();
                    direction.forward(buffer, 0, n, out);
                    out.flush();
                }
                to.shutdownOutput();
                if (pumpsRunning.decrementAndGet() == 0) {
                    finish();
                }
            } catch (IOException e) {
                finish();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                finish();
            }
        }

        /** Both sides get a TCP reset, no WebSocket close frame. */
        void abort() {
            try {
                client.setSoLinger(true, 0);
                server.setSoLinger(true, 0);
            } catch (SocketException ignored) {
                // already closed: nothing left to reset
            }
            finish();
        }

        private void finish() {
            closeQuietly(client);
            closeQuietly(server);
            relays.remove(id);
        }

        /** Reads up to the blank line that ends the HTTP request head, or null on early EOF. */
        private byte[] readRequestHead(InputStream in) throws IOException {
            byte[] head = new byte[MAX_REQUEST_HEAD];
            int length = 0;
            while (length < head.length) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                head[length++] = (byte) b;
                if (length >= 4 && head[length - 4] == '\r' && head[length - 3] == '\n'
                        && head[length - 2] == '\r' && head[length - 1] == '\n') {
                    return Arrays.copyOf(head, length);
                }
            }
            throw new IOException("request head over " + MAX_REQUEST_HEAD + " bytes");
        }

        /** Every path reaches the gateway endpoint, as on the real gateway; the id rides in the query. */
        private byte[] tagRequestLine(byte[] head) {
            String text = new String(head, StandardCharsets.ISO_8859_1);
            int lineEnd = text.indexOf("\r\n");
            String[] parts = text.substring(0, lineEnd).split(" ", 3);
            if (parts.length != 3) {
                return head;
            }
            boolean origin = text.toLowerCase(Locale.ROOT).contains("\r\norigin:");
            String line = parts[0] + " /?" + CONN_PARAM + "=" + id + (origin ? "&" + ORIGIN_PARAM + "=1" : "")
                    + " " + parts[2];
            return (line + text.substring(lineEnd)).getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing is best effort: the peer may already be gone
        }
    }
}
