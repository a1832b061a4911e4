package dev.clawscope.chaos;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A loopback server that stands in for the gateway: it echoes every connection, or hands each to the test. */
final class TestServer implements AutoCloseable {

    private final ServerSocket server;
    private final boolean echo;
    private final BlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    private TestServer(boolean echo) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.echo = echo;
        start("test-server-accept", this::acceptAll);
    }

    /** Echoes every byte back on the connection it came from and passes on the end of stream. */
    static TestServer echo() throws IOException {
        return new TestServer(true);
    }

    /** Leaves every accepted connection to the test, through {@link #nextConnection()}. */
    static TestServer manual() throws IOException {
        return new TestServer(false);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** The next connection the proxy opened to this server, waiting up to 5 s. */
    Socket nextConnection() throws InterruptedException {
        Socket socket = accepted.poll(5, TimeUnit.SECONDS);
        assertNotNull(socket, "the proxy never connected to the target");
        return socket;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        try {
            for (Thread thread : threads) {
                thread.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptAll() {
        try {
            while (true) {
                Socket socket = server.accept();
                socket.setSoTimeout(Sockets.READ_TIMEOUT_MS);
                sockets.add(socket);
                if (echo) {
                    start("test-server-echo", () -> echo(socket));
                } else {
                    accepted.add(socket);
                }
            }
        } catch (IOException closed) {
            // The test closed the server.
        }
    }

    private static void echo(Socket socket) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            socket.setSoTimeout(0);
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
            }
            socket.shutdownOutput();
        } catch (IOException e) {
            // Reset by the proxy or closed by the test: the echo ends either way.
        }
    }

    private void start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }
}
