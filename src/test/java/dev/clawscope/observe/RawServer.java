package dev.clawscope.observe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A server on 127.0.0.1 that stands in for a gateway, written by hand: each accepted connection is a {@link RawEnd}. */
final class RawServer implements AutoCloseable {

    private final ServerSocket server;
    private final boolean keep;
    private final LinkedBlockingQueue<RawEnd> accepted = new LinkedBlockingQueue<>();
    private final List<RawEnd> all = new CopyOnWriteArrayList<>();

    /** @param keep whether the ends keep what they receive, or only count and hash it */
    RawServer(boolean keep) throws IOException {
        this.keep = keep;
        server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptAll, "raw-server-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    RawServer() throws IOException {
        this(true);
    }

    /** Settings for an observer on a free loopback port in front of {@code target}. */
    static Observer.Settings observerInFrontOf(InetSocketAddress target) {
        return new Observer.Settings(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), target,
                "ws://" + target.getHostString() + ":" + target.getPort());
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
    }

    private void acceptAll() {
        try {
            while (true) {
                Socket socket = server.accept();
                RawEnd end = new RawEnd(socket, keep, true);
                all.add(end);
                accepted.add(end);
            }
        } catch (IOException e) {
            // closed
        }
    }

    /** The next connection the server accepted, waiting for it. */
    RawEnd next() throws InterruptedException {
        RawEnd end = accepted.poll(RawEnd.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (end == null) {
            throw new AssertionError("no connection reached the server within " + RawEnd.WAIT);
        }
        return end;
    }

    int acceptedCount() {
        return all.size();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing a test server
        }
        all.forEach(RawEnd::close);
    }
}
