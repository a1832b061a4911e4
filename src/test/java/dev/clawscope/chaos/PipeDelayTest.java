package dev.clawscope.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One {@link Pipe} under a delay, on its own clock and with its draws chosen by the test, writing to
 * a real loopback socket: when each chunk leaves is exact.
 */
@Timeout(20)
class PipeDelayTest {

    private final AtomicLong nowNanos = new AtomicLong();
    private final ArrayDeque<Double> draws = new ArrayDeque<>();
    private final AtomicLong forwarded = new AtomicLong();
    private ServerSocketChannel server;
    private SocketChannel source;
    private SocketChannel sink;
    private Socket sinkPeer;
    private Socket sourcePeer;
    private Pipe pipe;

    @BeforeEach
    void connect() throws IOException {
        server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        InetSocketAddress address = (InetSocketAddress) server.getLocalAddress();
        sourcePeer = new Socket(address.getAddress(), address.getPort());
        source = server.accept();
        sinkPeer = new Socket(address.getAddress(), address.getPort());
        sink = server.accept();
        sinkPeer.setSoTimeout(Sockets.READ_TIMEOUT_MS);
        pipe = new Pipe(source, sink, forwarded, new AtomicLong(), nowNanos::get, draws::remove);
    }

    @AfterEach
    void close() throws IOException {
        for (AutoCloseable c : List.<AutoCloseable>of(source, sink, sinkPeer, sourcePeer, server)) {
            try {
                c.close();
            } catch (Exception e) {
                // closing what the test opened; nothing to report
            }
        }
    }

    @Test
    void eachChunkWaitsItsOwnDrawButNeverLeavesBeforeTheOneAheadOfIt() throws IOException {
        Shaping jitter = Shaping.of(new Fault.Delay(0, 2_000, Optional.empty()));
        chunk(0, 0.5, "a");   // due at 1000 ms
        chunk(100, 0.1, "b"); // its own draw says 300 ms, but a leaves at 1000 ms
        chunk(200, 0.9, "c"); // due at 2000 ms
        chunk(300, 0.0, "d"); // its own draw says 300 ms, but c leaves at 2000 ms

        assertEquals(millis(1_000), pipe.flush(jitter, millis(999)));
        assertEquals(0, forwarded.get());
        assertEquals(millis(2_000), pipe.flush(jitter, millis(1_000)));
        assertEquals("ab", received(2));
        assertEquals(millis(2_000), pipe.flush(jitter, millis(1_999)));
        assertEquals(2, forwarded.get());
        assertEquals(Pipe.NEVER, pipe.flush(jitter, millis(2_000)));
        assertEquals("cd", received(2));
        assertEquals(4, forwarded.get());
    }

    @Test
    void theRangeIncludesBothEnds() throws IOException {
        Shaping jitter = Shaping.of(new Fault.Delay(500, 1_500, Optional.empty()));
        chunk(0, 0.0, "x");
        chunk(0, 1.0, "y");

        assertEquals(millis(500), pipe.flush(jitter, 0));
        assertEquals(millis(1_500), pipe.flush(jitter, millis(500)));
        assertEquals(Pipe.NEVER, pipe.flush(jitter, millis(1_500)));
        assertEquals("xy", received(2));
    }

    @Test
    void aFixedDelayIgnoresTheDraws() throws IOException {
        Shaping fixed = Shaping.of(new Fault.Delay(300, Optional.empty()));
        chunk(0, 0.9, "p");
        chunk(50, 0.0, "q");

        assertEquals(millis(300), pipe.flush(fixed, millis(299)));
        assertEquals(millis(350), pipe.flush(fixed, millis(300)));
        assertEquals(Pipe.NEVER, pipe.flush(fixed, millis(350)));
        assertEquals("pq", received(2));
    }

    @Test
    void aChunkKeepsItsDrawWhenTheRangeChangesAndAHealReleasesAtOnce() throws IOException {
        chunk(0, 0.5, "m");
        chunk(0, 0.5, "n");

        assertEquals(millis(1_000), pipe.flush(Shaping.of(new Fault.Delay(0, 2_000, Optional.empty())), 0));
        assertEquals(millis(100), pipe.flush(Shaping.of(new Fault.Delay(0, 200, Optional.empty())), 0),
                "half of the new range");
        assertEquals(Pipe.NEVER, pipe.flush(Shaping.PASS, 0));
        assertEquals("mn", received(2));
    }

    private void chunk(long atMs, double draw, String text) {
        nowNanos.set(millis(atMs));
        draws.add(draw);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        pipe.emit(bytes, 0, bytes.length);
    }

    private String received(int length) throws IOException {
        return Sockets.readString(sinkPeer, length);
    }

    private static long millis(long ms) {
        return TimeUnit.MILLISECONDS.toNanos(ms);
    }
}
