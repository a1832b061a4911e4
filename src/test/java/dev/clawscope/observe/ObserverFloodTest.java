package dev.clawscope.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clawscope.journal.Journal;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.ws.Opcode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A server floods 50 000 small text frames at a client that does not read until the relay holds
 * megabytes: the relay pushes back instead of buffering without end, decoding stays within its
 * backlog, what was not decoded is counted, and every byte arrives.
 */
class ObserverFloodTest {

    private static final int FRAMES = 50_000;
    private static final int PINGS = 5_000;
    private static final long MIB = Heap.MIB;
    /** What the relay holds per direction at most (FaultProxy), plus the one read that may overshoot it. */
    private static final long RELAY_HOLD = 16 * MIB + 64 * 1024;
    private static final Pattern DROPS = Pattern.compile("(\\d+) text messages and (\\d+) other frames relayed");

    private RawObserved run;
    private Journal journal;
    private RawServer gateway;
    private Observer observer;

    @AfterEach
    void stop() {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void aFloodToASlowReaderIsRelayedWholeWithinTheRelaysAndTheDecodersBounds() throws Exception {
        long heapBefore = Heap.usedAfterGc();
        start(Analyzer.MAX_BACKLOG_BYTES);
        Flood flood = flood(0);

        assertThat(flood.peakHeld).as("the relay pushes back on the server").isLessThanOrEqualTo(RELAY_HOLD);
        assertThat(observer.peakDecodeBacklogBytes()).isLessThanOrEqualTo(Analyzer.MAX_BACKLOG_BYTES + lifecycle());
        assertAllAccountedFor(0);
        observer.close();
        long grown = Heap.usedAfterGc() - heapBefore;
        assertThat(grown).as("heap kept after the flood, the journal's %d lines included", journal.size())
                .isLessThan(64 * MIB);
    }

    @Test
    void decodingThatFallsBehindCountsWhatItDidNotJournal() throws Exception {
        long backlog = 256 * 1024;
        start(backlog);
        flood(PINGS);

        assertThat(observer.peakDecodeBacklogBytes()).isLessThanOrEqualTo(backlog + lifecycle());
        long[] dropped = assertAllAccountedFor(PINGS);
        assertThat(dropped[0]).as("text messages not decoded").isPositive();
    }

    private void start(long backlog) throws IOException {
        run = RawObserved.start(backlog);
        journal = run.journal();
        gateway = run.gateway();
        observer = run.observer();
    }

    /** What a connection's lifecycle observations may add to the backlog: they are never dropped. */
    private static long lifecycle() {
        return 16L * Seen.OVERHEAD;
    }

    private record Flood(long peakHeld) {
    }

    /** The server sends {@link #FRAMES} events (and {@code pings} pings among them); the client reads late. */
    private Flood flood(int pings) throws Exception {
        RawEnd c = RawEnd.connect(observer.listenAddress(), false, false);
        c.send(Ws.request("127.0.0.1", null));
        RawEnd s = gateway.next();
        s.awaitReceived(Ws::headArrived);
        s.send(Ws.switching(s.receivedText(), null));
        int pingEvery = pings == 0 ? Integer.MAX_VALUE : FRAMES / pings;
        Thread sender = new Thread(() -> {
            try {
                java.io.ByteArrayOutputStream batch = new java.io.ByteArrayOutputStream();
                for (int i = 1; i <= FRAMES; i++) {
                    batch.write(Ws.server(Opcode.TEXT, "{\"type\":\"event\",\"event\":\"flood\",\"payload\":{\"i\":" + i
                            + ",\"pad\":\"" + Ws.pad(440) + "\"},\"seq\":" + i + "}"));
                    if (i % pingEvery == 0) {
                        batch.write(Ws.server(true, 0, Opcode.PING, ("p" + i).getBytes(StandardCharsets.US_ASCII)));
                    }
                    if (batch.size() > 32 * 1024) {
                        s.send(batch.toByteArray());
                        batch.reset();
                    }
                }
                s.send(batch.toByteArray());
                s.finish();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, "flood-sender");
        sender.setDaemon(true);
        sender.start();

        AtomicLong peakHeld = new AtomicLong();
        await().atMost(RawEnd.WAIT).until(() -> {
            peakHeld.accumulateAndGet(observer.stats().heldBytes(), Math::max);
            return observer.stats().heldBytes() >= 8 * MIB;
        });
        c.startReading();
        await().atMost(RawEnd.WAIT).until(() -> {
            peakHeld.accumulateAndGet(observer.stats().heldBytes(), Math::max);
            return c.receivedCount() >= s.sentCount() && !sender.isAlive();
        });
        c.finish();
        c.awaitEnd();
        s.awaitEnd();
        assertThat(c.receivedSha256()).as("server to client").isEqualTo(s.sentSha256());
        assertThat(s.receivedSha256()).as("client to server").isEqualTo(c.sentSha256());
        Journals.await(journal, LinkEvent.PeerDisconnect.class, d -> d.conn() == 1);
        await().atMost(RawEnd.WAIT).until(() -> observer.stats().liveConnections() == 0);
        assertThat(observer.stats().heldBytes()).isZero();
        return new Flood(peakHeld.get());
    }

    /**
     * Every event and ping is either journaled or counted in an {@code error{where:observer}} line.
     *
     * @return the text messages and other frames counted as not journaled
     */
    private long[] assertAllAccountedFor(int pings) {
        observer.close(); // drains the decoder, and says what it did not journal
        List<LinkEvent.Error> errors = Journals.events(journal, LinkEvent.Error.class);
        long texts = 0;
        long frames = 0;
        for (LinkEvent.Error e : errors) {
            assertThat(e.where()).isEqualTo("observer");
            Matcher m = DROPS.matcher(e.message());
            assertThat(m.find()).as(e.message()).isTrue();
            texts += Long.parseLong(m.group(1));
            frames += Long.parseLong(m.group(2));
        }
        long events = Journals.events(journal, LinkEvent.PeerEvent.class).size();
        long pingLines = Journals.events(journal, LinkEvent.PeerWsPing.class).size();
        assertThat(events + texts).as("events journaled %d + counted %d", events, texts).isEqualTo(FRAMES);
        assertThat(pingLines + frames).as("pings journaled %d + counted %d", pingLines, frames).isEqualTo(pings);
        assertThat(journal.dropped()).isZero();
        return new long[] {texts, frames};
    }

}
