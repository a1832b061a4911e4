package dev.clawscope.link.hostile;

import dev.clawscope.ws.Opcode;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * One accepted connection of a {@link HostileGateway}, driven by a test's script: it reads the
 * client's upgrade request (bounded), answers it as told, speaks the OpenClaw handshake and then
 * writes whatever the test wants, while a reader thread records every frame the client sends.
 *
 * <p>Write methods throw {@link IOException} once the client is gone; the gateway catches that
 * around the script, so a test checks the link, never the harness. Every wait is bounded.
 */
public final class HostileConnection {

    /** Longest upgrade request head read before giving up. */
    public static final int MAX_REQUEST_HEAD = 16 * 1024;
    /** Client payload bytes kept per frame (the rest is skipped). */
    private static final int MAX_CLIENT_PAYLOAD = 1 << 20;
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final int index;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Object writeLock = new Object();
    private final AtomicLong written = new AtomicLong();
    private final List<ClientFrame> frames = new ArrayList<>();
    private final CountDownLatch readerEnded = new CountDownLatch(1);
    private volatile Map<String, String> requestHeaders;
    private volatile String requestLine;
    private volatile boolean autoPong = true;
    private volatile boolean autoAnswer = true;
    private volatile boolean tickAfterPong;
    private volatile boolean serverSentClose;
    private volatile boolean streaming;
    private volatile String readerEnd;
    private volatile Throwable scriptFailure;
    private long nextSeq = 1;
    private Thread reader;

    HostileConnection(int index, Socket socket) throws IOException {
        this.index = index;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** 0 for the first connection the gateway accepted. */
    public int index() {
        return index;
    }

    // ---- the upgrade -------------------------------------------------------------------------

    /** Reads the HTTP upgrade request head (at most {@link #MAX_REQUEST_HEAD} bytes, at most 5 s). */
    public Map<String, String> readUpgrade() throws IOException {
        socket.setSoTimeout(5_000);
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the client left during its upgrade request");
            }
            head.write(b);
            if (head.size() > MAX_REQUEST_HEAD) {
                throw new IOException("upgrade request longer than " + MAX_REQUEST_HEAD + " bytes");
            }
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        socket.setSoTimeout(0);
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
        }
        requestLine = lines[0];
        requestHeaders = headers;
        return headers;
    }

    /** The upgrade request's header names (lower case) and values; null before {@link #readUpgrade}. */
    public Map<String, String> requestHeaders() {
        return requestHeaders;
    }

    public String requestLine() {
        return requestLine;
    }

    /** The 101 response a correct server sends, as bytes (for {@link #writeSlowly}). */
    public byte[] switchingProtocols() {
        String key = requestHeaders.getOrDefault("sec-websocket-key", "");
        return ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + WsWire.accept(key) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Answers 101 and starts recording the client's frames. */
    public void acceptUpgrade() throws IOException {
        writeRaw(switchingProtocols());
        startReading();
    }

    /** Answers with another status (401, 302, 503, …) and extra header lines such as {@code "Location: …"}. */
    public void refuseUpgrade(int status, String phrase, String... headerLines) throws IOException {
        StringBuilder text = new StringBuilder("HTTP/1.1 " + status + " " + phrase + "\r\n");
        for (String line : headerLines) {
            text.append(line).append("\r\n");
        }
        text.append("Content-Length: 0\r\nConnection: close\r\n\r\n");
        writeRaw(text.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    // ---- the OpenClaw handshake --------------------------------------------------------------

    /** Upgrade, challenge, the client's connect, then {@code hello}: the id of the connect request. */
    public String handshake(GatewayFrames.Hello hello) throws IOException, InterruptedException {
        String id = upgradeAndAwaitConnect();
        sendText(hello.frame(id));
        return id;
    }

    /** Upgrade and challenge; returns the id of the client's connect request. */
    public String upgradeAndAwaitConnect() throws IOException, InterruptedException {
        readUpgrade();
        acceptUpgrade();
        sendText(GatewayFrames.challenge());
        return awaitFrame(f -> "connect".equals(f.method()), WAIT).requestId();
    }

    /** The next broadcast sequence number (1, 2, … per connection). */
    public synchronized long nextSeq() {
        return nextSeq++;
    }

    /** A tick with the next sequence number. */
    public void sendTick() throws IOException {
        sendText(GatewayFrames.tick(nextSeq()));
    }

    // ---- writing -----------------------------------------------------------------------------

    public void sendText(String text) throws IOException {
        writeRaw(WsWire.text(text));
    }

    public void sendFrame(boolean fin, int opcode, byte[] payload) throws IOException {
        writeRaw(WsWire.frame(fin, opcode, payload));
    }

    /** A close frame with exactly {@code payload} (empty, 1 byte, a forbidden code, 200 bytes, …). */
    public void sendClose(byte[] payload) throws IOException {
        serverSentClose = true;
        writeRaw(WsWire.frame(true, Opcode.CLOSE, payload));
    }

    public void writeRaw(byte[] bytes) throws IOException {
        synchronized (writeLock) {
            out.write(bytes);
            out.flush();
            written.addAndGet(bytes.length);
        }
    }

    /** Writes {@code bytes} {@code chunk} at a time with a pause between: a slow server on purpose. */
    public void writeSlowly(byte[] bytes, int chunk, long pauseMs) throws IOException, InterruptedException {
        for (int at = 0; at < bytes.length; at += chunk) {
            writeRaw(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + chunk)));
            Thread.sleep(pauseMs);
        }
    }

    /**
     * Writes {@code count} payload bytes of {@code fill}, {@code chunk} at a time, never holding more
     * than one chunk; stops when the client is gone. Returns the bytes written.
     */
    public long stream(long count, int chunk, byte fill) {
        byte[] block = new byte[(int) Math.min(chunk, Math.max(count, 1))];
        Arrays.fill(block, fill);
        long done = 0;
        streaming = true;
        try {
            while (done < count) {
                int n = (int) Math.min(block.length, count - done);
                synchronized (writeLock) {
                    out.write(block, 0, n);
                    written.addAndGet(n);
                }
                done += n;
            }
            synchronized (writeLock) {
                out.flush();
            }
        } catch (IOException e) {
            // the client closed: that is what the tests wait for
        } finally {
            streaming = false;
        }
        return done;
    }

    /** Every byte written to this connection so far. */
    public long bytesWritten() {
        return written.get();
    }

    /** Closes the TCP connection without a close frame. */
    public void dropTcp() {
        try {
            socket.close();
        } catch (IOException e) {
            // gone is gone
        }
    }

    // ---- behaviour of the reader -------------------------------------------------------------

    /** Whether client pings are answered (default yes). */
    public void autoPong(boolean on) {
        autoPong = on;
    }

    /** Whether client requests other than connect get an empty ok answer (default yes). */
    public void autoAnswer(boolean on) {
        autoAnswer = on;
    }

    /** After each pong also send a tick, as a live gateway keeps its application layer talking. */
    public void tickAfterPong(boolean on) {
        tickAfterPong = on;
    }

    // ---- what the client sent ----------------------------------------------------------------

    public List<ClientFrame> frames() {
        synchronized (frames) {
            return List.copyOf(frames);
        }
    }

    public List<String> requestMethods() {
        return frames().stream().map(ClientFrame::method).filter(m -> m != null).toList();
    }

    /** Waits up to {@code wait} for a frame matching {@code wanted}; fails the test when none comes. */
    public ClientFrame awaitFrame(Predicate<ClientFrame> wanted, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (frames) {
            while (true) {
                for (ClientFrame f : frames) {
                    if (wanted.test(f)) {
                        return f;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (readerEnded.getCount() == 0)) {
                    throw new AssertionError("no such frame from the client within " + wait.toMillis()
                            + " ms; it sent " + frames + (readerEnd == null ? "" : "; reading ended: " + readerEnd));
                }
                TimeUnit.NANOSECONDS.timedWait(frames, left);
            }
        }
    }

    /** The client's close frame, or null when none came. */
    public ClientFrame closeFrame() {
        return frames().stream().filter(ClientFrame::isClose).findFirst().orElse(null);
    }

    /** Waits until the client's side of the connection ended (EOF or reset); false if not within {@code wait}. */
    public boolean awaitEnd(Duration wait) throws InterruptedException {
        return readerEnded.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Why reading the client's frames ended ("eof", an exception), or null while it runs. */
    public String readerEnd() {
        return readerEnd;
    }

    /** What the script threw, if it did (usually the client closing under it). */
    public Throwable scriptFailure() {
        return scriptFailure;
    }

    void scriptFailed(Throwable t) {
        scriptFailure = t;
    }

    // ---- reader thread -----------------------------------------------------------------------

    /** Starts recording the client's frames (done by {@link #acceptUpgrade}; call it after a 101 written otherwise). */
    public void startReading() {
        reader = new Thread(this::readLoop, "hostile-read-" + index);
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop() {
        try {
            while (true) {
                ClientFrame frame = WsWire.read(in, MAX_CLIENT_PAYLOAD);
                synchronized (frames) {
                    frames.add(frame);
                    frames.notifyAll();
                }
                react(frame);
            }
        } catch (EOFException e) {
            readerEnd = "eof";
        } catch (SocketException e) {
            readerEnd = "socket: " + e.getMessage();
        } catch (IOException | RuntimeException e) {
            readerEnd = e.toString();
        } finally {
            readerEnded.countDown();
            synchronized (frames) {
                frames.notifyAll();
            }
        }
    }

    /**
     * Answers pings and requests as told; a client close frame is echoed (unless the server closed
     * first or is in the middle of a frame) and then the TCP connection closed, as a real server does.
     */
    private void react(ClientFrame frame) {
        try {
            if (frame.isClose()) {
                if (!serverSentClose && !streaming) {
                    sendClose(WsWire.closePayload(frame.closeCode() == 1005 ? 1000 : frame.closeCode(), ""));
                }
                dropTcp();
            } else if (frame.opcode() == Opcode.PING && autoPong) {
                sendFrame(true, Opcode.PONG, frame.payload());
                if (tickAfterPong) {
                    sendTick();
                }
            } else if (frame.method() != null && !"connect".equals(frame.method()) && autoAnswer) {
                sendText(GatewayFrames.ok(frame.requestId()));
            }
        } catch (IOException e) {
            // the client went away; the reader sees it next
        }
    }

    void close() {
        dropTcp();
        if (reader != null) {
            try {
                reader.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
