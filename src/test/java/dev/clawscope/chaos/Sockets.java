package dev.clawscope.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

/** Blocking socket helpers whose every wait is bounded by a read timeout. */
final class Sockets {

    static final int READ_TIMEOUT_MS = 5_000;

    private Sockets() {
    }

    static Socket connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        socket.connect(address, READ_TIMEOUT_MS);
        socket.setSoTimeout(READ_TIMEOUT_MS);
        socket.setTcpNoDelay(true);
        return socket;
    }

    static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    static byte[] read(Socket socket, int length) throws IOException {
        byte[] bytes = new byte[length];
        new DataInputStream(socket.getInputStream()).readFully(bytes);
        return bytes;
    }

    static String readString(Socket socket, int length) throws IOException {
        return new String(read(socket, length), StandardCharsets.UTF_8);
    }

    /** Sends {@code text} through an echoing path and checks it comes back unchanged. */
    static void assertEchoes(Socket socket, String text) throws IOException {
        send(socket, text);
        assertEquals(text, readString(socket, text.getBytes(StandardCharsets.UTF_8).length));
    }

    /** Asserts that nothing arrives within {@code quiet} while the connection stays open. */
    static void assertNothingArrives(Socket socket, Duration quiet) throws IOException {
        socket.setSoTimeout((int) quiet.toMillis());
        try {
            assertThrows(SocketTimeoutException.class, () -> socket.getInputStream().read(),
                    "bytes or an end of stream arrived although nothing should have");
        } finally {
            socket.setSoTimeout(READ_TIMEOUT_MS);
        }
    }

    /** Asserts that the peer closed or reset the connection, within the read timeout. */
    static void assertClosedByPeer(Socket socket) throws IOException {
        try {
            int next = socket.getInputStream().read();
            assertEquals(-1, next, "expected the end of the stream, got a byte");
        } catch (SocketTimeoutException e) {
            fail("the connection stayed open for " + READ_TIMEOUT_MS + " ms");
        } catch (SocketException e) {
            // "Connection reset": the RST the proxy sends.
        }
    }

    /**
     * Asserts that a connection to {@code address} is closed or reset at once; the reset may even
     * win the race with the end of the client's connect.
     */
    static void assertRefused(InetSocketAddress address) throws IOException {
        Socket socket;
        try {
            socket = connect(address);
        } catch (SocketException resetWhileConnecting) {
            return;
        }
        try (socket) {
            assertClosedByPeer(socket);
        }
    }

    /** Asserts that the peer reset the connection: not just closed it, reset it. */
    static void assertResetByPeer(Socket socket) {
        SocketException e = assertThrows(SocketException.class, () -> socket.getInputStream().read());
        assertEquals("Connection reset", e.getMessage());
    }

    /** The names of the live threads that belong to fault proxies. */
    static Set<String> proxyThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("fault-proxy-"))
                .collect(Collectors.toSet());
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
