package dev.clawscope.link;

import dev.clawscope.ws.ClientFrames;
import dev.clawscope.ws.CloseFrame;
import dev.clawscope.ws.FrameHeader;
import dev.clawscope.ws.Opcode;
import dev.clawscope.ws.ProtocolViolation;
import dev.clawscope.ws.Upgrade;
import dev.clawscope.ws.Utf8;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;

/**
 * One WebSocket of a {@link WsTransport}: its reader thread connects, upgrades and reads frames;
 * its writer thread drains a bounded queue. Exactly one of the listener's ending callbacks fires.
 */
final class WsConnection implements Transport.Connection {

    /** How often a blocked read wakes to check the upgrade's deadline (an open connection's reads do not wake). */
    private static final int POLL_MS = 200;
    private static final String CLOSE_OVERDUE = "the server did not finish the close handshake in time";
    private static final int BUFFER = 64 * 1024;

    private final WsTransport transport;
    private final GatewayAddress address;
    private final Transport.Listener listener;
    private final String name;
    private final ClientFrames frames;
    private final RandomGenerator random;
    private final Thread reader;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);

    private volatile Socket socket;
    private volatile boolean open;
    private volatile boolean closeRequested;
    private volatile int maxInbound = WsTransport.DEFAULT_MAX_INBOUND;
    /** When a read must give up: the upgrade's deadline, then after a close the grace's. */
    private volatile long readDeadlineNanos = Long.MAX_VALUE;
    /** The close handshake's grace ran out and the socket was closed under the reader. */
    private volatile boolean overdue;

    // Guarded by this: what the writer thread writes next.
    private final ArrayDeque<byte[]> outbox = new ArrayDeque<>();
    private byte[] pendingPong;
    private byte[] closeFrame;
    private boolean writerStopped;
    private boolean writerDone;
    private boolean closeWritten;

    // Reader-thread state.
    private InputStream in;
    /** Set before the writer thread starts; written by the writer only. */
    private OutputStream out;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int limit;
    private long windowStartNanos;
    private int pingsInWindow;
    private int framesInWindow;
    private final List<byte[]> fragments = new ArrayList<>();
    private int messageOpcode = -1;
    private long messageBytes;

    WsConnection(WsTransport transport, GatewayAddress address, Transport.Listener listener, int number,
                 RandomGenerator random) {
        this.transport = transport;
        this.address = address;
        this.listener = listener;
        this.name = "clawscope-ws-" + number;
        this.random = random;
        this.frames = new ClientFrames(random);
        this.reader = new Thread(this::run, name);
        reader.setDaemon(true);
    }

    String name() {
        return name;
    }

    void start() {
        reader.start();
    }

    /** Reports a failure without starting a thread (the transport is closed). */
    void failEarly(String reason) {
        end(() -> listener.onFailed(reason));
        finished.countDown();
    }

    /** True once the reader thread has ended, waiting up to {@code nanos}. */
    boolean awaitEnd(long nanos) {
        try {
            return finished.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ---- Connection (any thread) --------------------------------------------------------------

    @Override
    public boolean sendText(String text) {
        return enqueue(frames.encode(Opcode.TEXT, text.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public boolean sendPing(byte[] payload) {
        if (payload.length > 125) {
            return false;
        }
        return enqueue(frames.encode(Opcode.PING, payload));
    }

    @Override
    public void setMaxInboundBytes(int bytes) {
        if (bytes > 0) {
            maxInbound = bytes;
        }
    }

    @Override
    public void close(int code, String reason) {
        closeRequested = true;
        if (!open) {
            kill(); // aborts a connect or upgrade in progress; the reader reports and ends
            return;
        }
        queueClose(CloseFrame.payload(code, reason));
        extendDeadline(WsTransport.CLOSE_GRACE_MS);
        transport.afterCloseGrace(this::closeOverdue);
    }

    /** The close handshake's grace ran out with the reader still waiting: end it by closing the socket. */
    private void closeOverdue() {
        if (finished.getCount() > 0) {
            overdue = true;
            kill();
        }
    }

    /** Closes the socket at once; the reader and writer end. Idempotent. */
    void kill() {
        synchronized (this) {
            writerStopped = true;
            notifyAll();
        }
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // closing is all we wanted
            }
        }
    }

    // ---- reader thread ------------------------------------------------------------------------

    private void run() {
        try {
            if (!connect()) {
                return;
            }
            open = true;
            if (closeRequested) {
                end(() -> listener.onFailed("closed before the upgrade finished"));
                return;
            }
            Thread writer = new Thread(this::writeLoop, name + "-write");
            writer.setDaemon(true);
            writer.start();
            listener.onOpen();
            readFrames();
        } catch (RuntimeException e) {
            end(() -> listener.onAborted(1011, "the connection failed inside the client: " + e));
            queueClose(CloseFrame.payload(1011, "internal error"));
            awaitWriter(WsTransport.CLOSE_GRACE_MS);
        } catch (OutOfMemoryError e) {
            // A heap too small for a message under the cap: say so and drop the connection, do not hang.
            fragments.clear();
            end(() -> listener.onAborted(1009, "not enough memory for a message of up to " + maxInbound
                    + " bytes; give the JVM more heap or lower the gateway's maxPayload"));
            queueClose(CloseFrame.payload(1009, "message too big for this client"));
            awaitWriter(WsTransport.CLOSE_GRACE_MS);
        } finally {
            kill();
            transport.ended(this);
            finished.countDown();
        }
    }

    /** TCP, TLS and the upgrade within the handshake timeout; false (reported) when any fails. */
    private boolean connect() {
        long timeoutMs = transport.handshakeTimeoutMs();
        readDeadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        Socket s = new Socket();
        socket = s;
        if (closeRequested) {
            end(() -> listener.onFailed("closed before connecting"));
            return false;
        }
        try {
            s.setTcpNoDelay(true);
            s.connect(WsTransport.socketAddress(address), (int) Math.min(Integer.MAX_VALUE, timeoutMs));
        } catch (IOException e) {
            String reason = closeRequested ? "closed before connecting"
                    : WsTransport.describeConnectFailure(e, Duration.ofMillis(timeoutMs));
            end(() -> listener.onFailed(reason));
            return false;
        }
        try {
            if (address.secure()) {
                var ssl = transport.secure(s, address.uri().getHost(), s.getPort());
                socket = ssl;
                ssl.setSoTimeout((int) Math.max(1, remainingMs()));
                ssl.startHandshake();
                s = ssl;
            }
            s.setSoTimeout(POLL_MS);
            in = s.getInputStream();
            upgrade(s.getOutputStream());
            readDeadlineNanos = closeRequested ? readDeadlineNanos : Long.MAX_VALUE;
            // Open: reads block until the server sends or the socket closes. The close handshake's
            // deadline is kept by a timer that closes the socket (closeOverdue), so an idle
            // connection's reader never wakes for nothing.
            s.setSoTimeout(0);
            return true;
        } catch (Upgrade.Refused e) {
            end(() -> listener.onFailed(e.getMessage()));
        } catch (DeadlinePassed e) {
            String reason = closeRequested ? "closed before the upgrade finished"
                    : "the gateway accepted the TCP connection but did not finish the WebSocket upgrade within "
                    + timeoutMs + " ms";
            end(() -> listener.onFailed(reason));
        } catch (IOException e) {
            String reason = closeRequested ? "closed before the upgrade finished"
                    : (e instanceof EOFException ? "the server closed the connection during the upgrade"
                    : "upgrade failed: " + WsTransport.describe(e));
            end(() -> listener.onFailed(reason));
        }
        return false;
    }

    private void upgrade(OutputStream out) throws IOException, Upgrade.Refused {
        Upgrade upgrade = new Upgrade(address.uri(), GatewayAddress.DEFAULT_PORT, WsTransport.USER_AGENT, random);
        out.write(upgrade.request());
        out.flush();
        this.out = out;
        int end;
        while ((end = Upgrade.headEnd(buf, limit)) < 0) {
            if (limit >= Upgrade.MAX_RESPONSE_HEAD) {
                throw new Upgrade.Refused(0, "the server's answer to the upgrade has no end of headers within "
                        + Upgrade.MAX_RESPONSE_HEAD + " bytes (is this port a gateway?)");
            }
            limit += fill(buf, limit, Math.min(buf.length, Upgrade.MAX_RESPONSE_HEAD) - limit);
        }
        upgrade.check(buf, end);
        pos = end; // any frames the server sent right after the head stay buffered
    }

    private void readFrames() {
        try {
            while (true) {
                FrameHeader header = readHeader().checkFromServer();
                countFrame(header.opcode());
                if (Opcode.isControl(header.opcode())) {
                    if (control(header)) {
                        return;
                    }
                } else {
                    data(header);
                }
            }
        } catch (ProtocolViolation v) {
            abort(v.code(), v.getMessage());
        } catch (DeadlinePassed e) {
            end(() -> listener.onAborted(1006, CLOSE_OVERDUE));
        } catch (EOFException e) {
            end(() -> listener.onAborted(1006, overdue ? CLOSE_OVERDUE : "the connection dropped without a close frame"));
        } catch (IOException e) {
            String reason = overdue ? CLOSE_OVERDUE
                    : closeRequested ? "closed" : "the connection failed: " + WsTransport.describe(e);
            end(() -> listener.onAborted(1006, reason));
        }
    }

    /** Handles a control frame; true when the connection is over. */
    private boolean control(FrameHeader header) throws IOException, ProtocolViolation {
        byte[] payload = readPayload((int) header.length());
        switch (header.opcode()) {
            case Opcode.PING -> queuePong(payload);
            case Opcode.PONG -> listener.onPong(payload);
            default -> {
                CloseFrame close = CloseFrame.parse(payload);
                queueClose(close.code() == CloseFrame.NO_STATUS ? new byte[0] : CloseFrame.payload(close.code(), ""));
                end(() -> listener.onClosed(close.code(), close.reason()));
                awaitWriter(WsTransport.CLOSE_GRACE_MS);
                return true;
            }
        }
        return false;
    }

    private void data(FrameHeader header) throws IOException, ProtocolViolation {
        int opcode = header.opcode();
        if (opcode == Opcode.CONTINUATION) {
            if (messageOpcode < 0) {
                throw new ProtocolViolation(1002, "a continuation frame with no message to continue");
            }
        } else if (messageOpcode >= 0) {
            throw new ProtocolViolation(1002, "a new " + Opcode.name(opcode) + " frame inside a fragmented message");
        } else {
            messageOpcode = opcode;
            messageBytes = 0;
        }
        int cap = maxInbound;
        if (header.length() > cap - messageBytes) {
            throw new ProtocolViolation(1009, (header.fin() && messageBytes == 0
                    ? "a " + Opcode.name(messageOpcode) + " frame declaring " + header.length() + " bytes"
                    : "a fragmented " + Opcode.name(messageOpcode) + " message passing " + (messageBytes + header.length())
                    + " bytes") + ", over the limit of " + cap + " bytes");
        }
        if (messageOpcode == Opcode.BINARY) {
            skip(header.length());
        } else {
            fragments.add(readPayload((int) header.length()));
        }
        messageBytes += header.length();
        if (!header.fin()) {
            return;
        }
        int kind = messageOpcode;
        long size = messageBytes;
        messageOpcode = -1;
        if (kind == Opcode.BINARY) {
            listener.onTransportError("binary", "a binary message of " + size + " bytes was ignored (the gateway speaks JSON text)");
            return;
        }
        byte[] message = joinFragments((int) size);
        if (!Utf8.isValid(message, 0, message.length)) {
            throw new ProtocolViolation(1007, "a text message that is not valid UTF-8");
        }
        listener.onText(new String(message, StandardCharsets.UTF_8));
    }

    private byte[] joinFragments(int size) {
        byte[] message;
        if (fragments.size() == 1) {
            message = fragments.get(0);
        } else {
            message = new byte[size];
            int at = 0;
            for (byte[] fragment : fragments) {
                System.arraycopy(fragment, 0, message, at, fragment.length);
                at += fragment.length;
            }
        }
        fragments.clear();
        return message;
    }

    private void countFrame(int opcode) throws ProtocolViolation {
        long now = System.nanoTime();
        if (now - windowStartNanos >= TimeUnit.SECONDS.toNanos(1)) {
            windowStartNanos = now;
            pingsInWindow = 0;
            framesInWindow = 0;
        }
        if (opcode == Opcode.PING && ++pingsInWindow > WsTransport.MAX_PINGS_PER_SECOND) {
            throw new ProtocolViolation(1008, "ping flood: more than " + WsTransport.MAX_PINGS_PER_SECOND
                    + " pings within one second");
        }
        if (++framesInWindow > WsTransport.MAX_FRAMES_PER_SECOND) {
            throw new ProtocolViolation(1008, "frame flood: more than " + WsTransport.MAX_FRAMES_PER_SECOND
                    + " frames within one second");
        }
    }

    /** This side ends the connection: close frame {@code code}, then the socket after a short grace. */
    private void abort(int code, String reason) {
        queueClose(CloseFrame.payload(code, reason));
        end(() -> listener.onAborted(code, reason));
        awaitWriter(WsTransport.CLOSE_GRACE_MS);
    }

    private FrameHeader readHeader() throws IOException, ProtocolViolation {
        while (true) {
            FrameHeader header = FrameHeader.parse(buf, pos, limit - pos);
            if (header != null) {
                pos += header.headerLength();
                return header;
            }
            if (pos > 0 && buf.length - pos < FrameHeader.MAX_LENGTH) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                limit -= pos;
                pos = 0;
            }
            limit += fill(buf, limit, buf.length - limit);
        }
    }

    /** Exactly {@code length} payload bytes: what is buffered, then straight from the socket. */
    private byte[] readPayload(int length) throws IOException {
        byte[] payload = new byte[length];
        int buffered = Math.min(length, limit - pos);
        System.arraycopy(buf, pos, payload, 0, buffered);
        pos += buffered;
        int at = buffered;
        while (at < length) {
            at += fill(payload, at, length - at);
        }
        compactIfDrained();
        return payload;
    }

    private void skip(long length) throws IOException {
        long left = length;
        while (left > 0) {
            if (pos == limit) {
                pos = 0;
                limit = fill(buf, 0, buf.length);
            }
            int step = (int) Math.min(left, limit - pos);
            pos += step;
            left -= step;
        }
        compactIfDrained();
    }

    private void compactIfDrained() {
        if (pos == limit) {
            pos = 0;
            limit = 0;
        }
    }

    /**
     * At least one byte into {@code dst}; during the upgrade it wakes every {@link #POLL_MS} to check
     * the deadline.
     */
    private int fill(byte[] dst, int off, int len) throws IOException {
        while (true) {
            if (System.nanoTime() - readDeadlineNanos >= 0 && readDeadlineNanos != Long.MAX_VALUE) {
                throw new DeadlinePassed();
            }
            try {
                int n = in.read(dst, off, len);
                if (n < 0) {
                    throw new EOFException();
                }
                return n;
            } catch (SocketTimeoutException e) {
                // no data for a while: check the deadline and read on
            }
        }
    }

    private long remainingMs() {
        return TimeUnit.NANOSECONDS.toMillis(readDeadlineNanos - System.nanoTime());
    }

    private void extendDeadline(long graceMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMs);
        if (readDeadlineNanos == Long.MAX_VALUE || deadline - readDeadlineNanos < 0) {
            readDeadlineNanos = deadline;
        }
    }

    /** Fires the listener's one ending callback, unless another already fired. */
    private void end(Runnable callback) {
        if (ended.compareAndSet(false, true)) {
            callback.run();
        }
    }

    // ---- writer -------------------------------------------------------------------------------

    private synchronized boolean enqueue(byte[] frame) {
        if (!open || closeFrame != null || writerStopped || outbox.size() >= WsTransport.MAX_QUEUED_FRAMES) {
            return false;
        }
        outbox.add(frame);
        notifyAll();
        return true;
    }

    /** Only the latest ping needs an answer (RFC 6455, 5.5.3): a pong not yet written is replaced. */
    private synchronized void queuePong(byte[] payload) {
        if (closeFrame == null && !writerStopped) {
            pendingPong = frames.encode(Opcode.PONG, payload);
            notifyAll();
        }
    }

    private synchronized void queueClose(byte[] payload) {
        if (closeFrame == null && !writerStopped && open) {
            closeFrame = frames.encode(Opcode.CLOSE, payload);
            outbox.add(closeFrame);
            notifyAll();
        }
    }

    /** Waits until the close frame is written or the writer ended, at most {@code ms}. */
    private synchronized void awaitWriter(long ms) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        while (!writerDone && !writerStopped && closeFrame != null && !closeWritten) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void writeLoop() {
        try {
            while (true) {
                byte[] next;
                synchronized (this) {
                    while (pendingPong == null && outbox.isEmpty() && !writerStopped) {
                        wait();
                    }
                    if (writerStopped) {
                        return;
                    }
                    if (pendingPong != null) {
                        next = pendingPong;
                        pendingPong = null;
                    } else {
                        next = outbox.poll();
                    }
                }
                out.write(next);
                out.flush();
                if (next == closeFrame) {
                    synchronized (this) {
                        closeWritten = true;
                        notifyAll();
                    }
                    return; // nothing may follow a close frame
                }
            }
        } catch (IOException e) {
            // the reader sees the broken socket and reports it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (this) {
                writerDone = true;
                notifyAll();
            }
        }
    }

    /** A read passed its deadline: the upgrade took too long, or the close handshake did. */
    private static final class DeadlinePassed extends IOException {
        private static final long serialVersionUID = 1L;

        DeadlinePassed() {
            super("deadline passed", null);
        }
    }
}
