package dev.clawscope.ui;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One window per user: the first launch holds a lock file and listens on a loopback port; a
 * second launch finds the lock taken, asks the first to come to the front, and leaves, so there
 * is never a second connection to the gateway.
 */
public final class SingleInstance implements AutoCloseable {

    static final String LOCK = "instance.lock";
    static final String PORT = "instance.port";

    private final FileChannel channel;
    private final FileLock lock;
    private final ServerSocket server;
    private volatile Runnable onFocus = () -> { };

    private SingleInstance(FileChannel channel, FileLock lock, ServerSocket server) {
        this.channel = channel;
        this.lock = lock;
        this.server = server;
        Thread t = new Thread(this::serve, "single-instance");
        t.setDaemon(true);
        t.start();
    }

    /** What claiming found. */
    public sealed interface Claim {
        /** This is the only instance; close it on exit. */
        record First(SingleInstance instance) implements Claim {
        }

        /** Another instance runs; it was asked to come to the front ({@code told}) or could not be reached. */
        record Other(boolean told) implements Claim {
        }
    }

    public static Claim claim(Path dir) throws IOException {
        Files.createDirectories(dir);
        FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException sameProcess) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            return new Claim.Other(askToFocus(dir));
        }
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        Files.writeString(dir.resolve(PORT), Integer.toString(server.getLocalPort()), StandardCharsets.US_ASCII);
        return new Claim.First(new SingleInstance(channel, lock, server));
    }

    private static boolean askToFocus(Path dir) {
        try {
            int port = Integer.parseInt(Files.readString(dir.resolve(PORT), StandardCharsets.US_ASCII).strip());
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
                socket.setSoTimeout(2_000);
                OutputStream out = socket.getOutputStream();
                out.write("focus\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String answer = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();
                return "ok".equals(answer);
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** What a second launch triggers (bring the window to the front). */
    public void onFocus(Runnable action) {
        onFocus = action == null ? () -> { } : action;
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(2_000);
                String line = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();
                if ("focus".equals(line)) {
                    onFocus.run();
                    socket.getOutputStream().write("ok\n".getBytes(StandardCharsets.US_ASCII));
                }
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    public Optional<Integer> port() {
        return server.isClosed() ? Optional.empty() : Optional.of(server.getLocalPort());
    }

    @Override
    public void close() throws IOException {
        server.close();
        lock.release();
        channel.close();
    }
}
