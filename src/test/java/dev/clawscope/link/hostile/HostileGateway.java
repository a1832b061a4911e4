package dev.clawscope.link.hostile;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A raw-socket "gateway" on 127.0.0.1 only (an ephemeral port) that misbehaves on purpose: every
 * accepted connection runs the test's {@link Script} on a thread of its own. It records what it
 * saw (connections, upgrade headers, client frames) for the test's assertions. Closing it closes
 * every socket and ends every thread it started (bounded).
 */
public final class HostileGateway implements AutoCloseable {

    /** What the gateway does with one accepted connection; may throw when the client goes away. */
    @FunctionalInterface
    public interface Script {
        void run(HostileConnection connection) throws Exception;
    }

    private final ServerSocket server;
    private final Script script;
    private final Thread acceptor;
    private final List<HostileConnection> connections = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    private HostileGateway(Script script) throws IOException {
        this.script = script;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
        this.acceptor = new Thread(this::acceptLoop, "hostile-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
    }

    /** Listens on 127.0.0.1, port 0, and runs {@code script} for every connection. */
    public static HostileGateway start(Script script) throws IOException {
        HostileGateway gateway = new HostileGateway(script);
        gateway.acceptor.start();
        return gateway;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    public int accepted() {
        synchronized (connections) {
            return connections.size();
        }
    }

    /** The {@code index}-th connection (0-based), waiting up to {@code wait} for it to arrive. */
    public HostileConnection connection(int index, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (connections) {
            while (connections.size() <= index) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("connection " + index + " never came; " + connections.size() + " did");
                }
                TimeUnit.NANOSECONDS.timedWait(connections, left);
            }
            return connections.get(index);
        }
    }

    public List<HostileConnection> connections() {
        synchronized (connections) {
            return List.copyOf(connections);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            HostileConnection connection;
            try {
                socket.setTcpNoDelay(true);
                synchronized (connections) {
                    connection = new HostileConnection(connections.size(), socket);
                    connections.add(connection);
                    connections.notifyAll();
                }
            } catch (IOException e) {
                closeQuietly(socket);
                continue;
            }
            Thread thread = new Thread(() -> runScript(connection), "hostile-script-" + connection.index());
            thread.setDaemon(true);
            synchronized (threads) {
                if (closed) {
                    connection.close();
                    return;
                }
                threads.add(thread);
            }
            thread.start();
        }
    }

    private void runScript(HostileConnection connection) {
        try {
            script.run(connection);
        } catch (InterruptedException e) {
            connection.scriptFailed(e);
        } catch (Exception | AssertionError e) {
            connection.scriptFailed(e); // the client left under the script, or the test's own wait failed
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        try {
            acceptor.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connections().forEach(HostileConnection::close);
        List<Thread> started;
        synchronized (threads) {
            started = new ArrayList<>(threads);
        }
        for (Thread t : started) {
            t.interrupt();
            try {
                t.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing is all we wanted
        }
    }
}
