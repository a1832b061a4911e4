package dev.clawscope.chaos;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted client joined to its own connection to the target by two {@link Pipe}s, with an
 * optional {@link ConnectionTap} that sees both directions first; I/O thread only.
 */
final class Splice implements TappedConnection {

    private static final Logger LOG = LoggerFactory.getLogger(Splice.class);

    private final int number;
    private final SocketChannel client;
    private final SocketChannel target;
    private final SelectionKey clientKey;
    private final SelectionKey targetKey;
    private final Pipe toTarget;
    private final Pipe toClient;
    private ConnectionTap tap;
    private boolean connected;
    private boolean aborted;
    private boolean closed;
    /** Set by {@link #reset()} from a tap or task: the loop resets this splice at its next pump. */
    private boolean resetWanted;

    private Splice(int number, SocketChannel client, SocketChannel target, Selector selector, Counters counters,
            LongSupplier clock) throws IOException {
        this.number = number;
        this.client = client;
        this.target = target;
        this.toTarget = new Pipe(client, target, counters.toTarget, counters.held, clock);
        this.toClient = new Pipe(target, client, counters.toClient, counters.held, clock);
        this.clientKey = client.register(selector, SelectionKey.OP_READ, this);
        this.targetKey = target.register(selector, SelectionKey.OP_CONNECT, this);
    }

    /**
     * Starts connecting {@code client} to {@code address}; the client's bytes are held until
     * connected. With a {@code taps} factory, its tap sees both directions from the first byte.
     */
    static Splice open(int number, SocketChannel client, InetSocketAddress address, Selector selector,
            Counters counters, LongSupplier clock, TapFactory taps) throws IOException {
        SocketChannel target = SocketChannel.open();
        try {
            client.configureBlocking(false);
            target.configureBlocking(false);
            // Small frames such as WebSocket pings must not wait for Nagle.
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            target.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Splice splice = new Splice(number, client, target, selector, counters, clock);
            if (taps != null) {
                ConnectionTap tap = taps.open(splice);
                splice.tap = tap;
                splice.toTarget.tap(tap.fromClient());
                splice.toClient.tap(tap.fromTarget());
            }
            try {
                if (target.connect(address)) {
                    splice.connected = true;
                }
            } catch (IOException | RuntimeException e) {
                // Unreachable at once (no route, no address): a tap already opened hears that the target's
                // side broke and that the connection closed, as it would from a failed finishConnect.
                splice.toClient.sourceBroke();
                splice.abort();
                splice.close();
                throw e;
            }
            return splice;
        } catch (IOException | RuntimeException e) {
            target.close();
            throw e;
        }
    }

    /** Handles readiness of either side; an {@link IOException} means this splice is broken. */
    void onReady(SelectionKey key, ByteBuffer scratch, long now) throws IOException {
        try {
            if (key.isConnectable() && target.finishConnect()) {
                connected = true;
            }
        } catch (IOException e) {
            toClient.sourceBroke(); // the target refused or was unreachable: its side broke
            throw e;
        }
        if (key.isValid() && key.isReadable()) {
            (key == clientKey ? toTarget : toClient).read(scratch, now);
        }
    }

    /**
     * Forwards what {@code shaping} lets through and sets what to wait for next.
     *
     * @return when to pump again at the latest, or {@link Pipe#NEVER}
     */
    long pump(Shaping shaping, long now) throws IOException {
        if (resetWanted) {
            throw new IOException("reset on request");
        }
        long wake = Pipe.NEVER;
        if (connected) {
            try {
                wake = Math.min(toTarget.flush(shaping, now), toClient.flush(shaping, now));
            } catch (IOException e) {
                // A write that failed names the side that broke, for a tap that has not read it yet.
                if (toClient.sinkBroken()) {
                    toTarget.sourceBroke();
                }
                if (toTarget.sinkBroken()) {
                    toClient.sourceBroke();
                }
                throw e;
            }
        }
        if (!finished()) {
            clientKey.interestOps(ops(toTarget.wantsRead(), toClient.wantsWrite()));
            targetKey.interestOps(connected ? ops(toClient.wantsRead(), toTarget.wantsWrite()) : SelectionKey.OP_CONNECT);
        }
        return wake;
    }

    /** Both sides ended and each end of stream was passed on. */
    boolean finished() {
        return toTarget.done() && toClient.done();
    }

    /**
     * Prepares a reset of both sides: linger 0 so that closing sends RST, and the keys cancelled so
     * that the close, once the selector has dropped them, is immediate instead of a FIN first.
     */
    void abort() {
        aborted = true;
        Channels.lingerZero(client);
        Channels.lingerZero(target);
        clientKey.cancel();
        targetKey.cancel();
    }

    /** The {@code reset} fault resets this splice: its tap hears it first. */
    void resetByFault() {
        if (tap != null) {
            tap.resetByFault();
        }
    }

    void close() {
        toTarget.discard();
        toClient.discard();
        Channels.closeQuietly(client);
        Channels.closeQuietly(target);
        if (!closed) {
            closed = true;
            if (tap != null) {
                try {
                    tap.onClosed(aborted);
                } catch (RuntimeException e) {
                    LOG.warn("the tap of connection {} failed on its close", number, e);
                }
            }
        }
    }

    @Override
    public int number() {
        return number;
    }

    @Override
    public ByteSink toTarget() {
        return toTarget;
    }

    @Override
    public ByteSink toClient() {
        return toClient;
    }

    @Override
    public void endTowardsClient() {
        toClient.endSource();
    }

    @Override
    public void keepClientOpen() {
        toClient.keepEnd();
    }

    @Override
    public void reset() {
        resetWanted = true;
    }

    @Override
    public boolean open() {
        return !closed;
    }

    private static int ops(boolean read, boolean write) {
        return (read ? SelectionKey.OP_READ : 0) | (write ? SelectionKey.OP_WRITE : 0);
    }
}
