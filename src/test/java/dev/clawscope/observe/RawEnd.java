package dev.clawscope.observe;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.awaitility.core.ConditionFactory;

/**
 * One end of a TCP connection on loopback, written and read by hand: everything written goes
 * through {@link #send} (and into a SHA-256), everything read is kept by a reader thread of its own
 * until the end of stream (and into a SHA-256), so a test compares what one end sent with what the
 * other received.
 */
final class RawEnd implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);

    private final Socket socket;
    private final OutputStream out;
    private final MessageDigest sent = sha256();
    private final MessageDigest received = sha256();
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final boolean keep;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final CountDownLatch reading = new CountDownLatch(1);
    private final AtomicLong receivedCount = new AtomicLong();
    private final Object sendLock = new Object();
    private final Object receiveLock = new Object();
    private long sentCount;
    private volatile boolean reset;

    /**
     * @param keep whether to keep the received bytes (for {@link #received()}), or only count and hash them
     * @param readNow whether to read from the start, or only once {@link #startReading()} is called
     */
    RawEnd(Socket socket, boolean keep, boolean readNow) throws IOException {
        this.socket = socket;
        this.keep = keep;
        socket.setTcpNoDelay(true);
        this.out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        Thread reader = new Thread(() -> readAll(in), "raw-end-reader-" + socket.getLocalPort());
        reader.setDaemon(true);
        reader.start();
        if (readNow) {
            startReading();
        }
    }

    RawEnd(Socket socket) throws IOException {
        this(socket, true, true);
    }

    static RawEnd connect(InetSocketAddress address) throws IOException {
        return connect(address, true, true);
    }

    static RawEnd connect(InetSocketAddress address, boolean keep, boolean readNow) throws IOException {
        Socket socket = new Socket();
        socket.connect(address, (int) WAIT.toMillis());
        return new RawEnd(socket, keep, readNow);
    }

    /** Waits of at most {@link #WAIT}, checked every few milliseconds from the start. */
    static ConditionFactory soon() {
        return await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
    }

    void startReading() {
        reading.countDown();
    }

    private void readAll(InputStream in) {
        byte[] buf = new byte[64 * 1024];
        try {
            reading.await();
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                synchronized (receiveLock) {
                    received.update(buf, 0, n);
                    if (keep) {
                        kept.write(buf, 0, n);
                    }
                }
                receivedCount.addAndGet(n);
            }
        } catch (IOException e) {
            reset = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ended.countDown();
        }
    }

    void send(byte[] bytes) throws IOException {
        synchronized (sendLock) {
            out.write(bytes);
            out.flush();
            sent.update(bytes);
            sentCount += bytes.length;
        }
    }

    void send(String ascii) throws IOException {
        send(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Sends {@code bytes} one at a time, each in a TCP segment of its own (no Nagle), with a short
     * pause between them so that the relay tends to read them apart. Nothing waits on the pauses;
     * they only shape the traffic, and every assertion holds however the bytes are read.
     */
    void trickle(byte[] bytes) throws IOException {
        for (byte b : bytes) {
            send(new byte[] {b});
            pause();
        }
    }

    /** Sends {@code bytes} in pieces of {@code size}, paused as in {@link #trickle}. */
    void sendInPieces(byte[] bytes, int size) throws IOException {
        for (int i = 0; i < bytes.length; i += size) {
            byte[] piece = new byte[Math.min(size, bytes.length - i)];
            System.arraycopy(bytes, i, piece, 0, piece.length);
            send(piece);
            pause();
        }
    }

    private static void pause() {
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(300));
    }

    /** Ends the stream this way with a FIN; the other way stays open. */
    void finish() throws IOException {
        socket.shutdownOutput();
    }

    /** Closes with a reset (linger 0). */
    void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    void awaitEnd() {
        try {
            if (!ended.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the stream did not end within " + WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    boolean ended() {
        return ended.getCount() == 0;
    }

    boolean endedWithReset() {
        return reset;
    }

    long receivedCount() {
        return receivedCount.get();
    }

    long sentCount() {
        synchronized (sendLock) {
            return sentCount;
        }
    }

    byte[] received() {
        synchronized (receiveLock) {
            return kept.toByteArray();
        }
    }

    /** Waits until the bytes received so far satisfy {@code condition}. */
    void awaitReceived(Predicate<byte[]> condition) {
        soon().until(() -> condition.test(received()));
    }

    /** Waits until {@code text} (ISO-8859-1) was received. */
    void awaitText(String text) {
        awaitReceived(b -> new String(b, StandardCharsets.ISO_8859_1).contains(text));
    }

    String receivedText() {
        return new String(received(), StandardCharsets.ISO_8859_1);
    }

    String sentSha256() {
        synchronized (sendLock) {
            return hex(clone(sent));
        }
    }

    String receivedSha256() {
        synchronized (receiveLock) {
            return hex(clone(received));
        }
    }

    static String sha256(byte[] bytes) {
        MessageDigest d = sha256();
        d.update(bytes);
        return hex(d);
    }

    int localPort() {
        return socket.getLocalPort();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a test socket
        }
    }

    private static String hex(MessageDigest d) {
        return HexFormat.of().formatHex(d.digest());
    }

    private static MessageDigest clone(MessageDigest d) {
        try {
            return (MessageDigest) d.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
