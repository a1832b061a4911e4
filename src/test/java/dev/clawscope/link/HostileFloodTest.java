package dev.clawscope.link;

import static dev.clawscope.link.LinkHarness.REAL_WAIT;
import static dev.clawscope.link.hostile.GatewayFrames.hello;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.journal.Journal;
import dev.clawscope.journal.JournalClock;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.link.hostile.GatewayFrames;
import dev.clawscope.link.hostile.WsWire;
import dev.clawscope.ws.Opcode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A gateway that sends too much: ticks as fast as the socket takes them, a storm of pings, a
 * burst of binary frames. The link either ends the connection as abusive (1008) or keeps up, never
 * loses track of what it did, and journals a repeated complaint once, not once per frame.
 */
class HostileFloodTest extends HostileLinkBase {

    /** How long the tick flood may go on before the test looks. */
    static final long FLOOD_MS = 2_000;

    @Test
    void tickFloodEndsAsAbuseOrIsSurvivedAndTheHistoryKeepsTheHelloOk() throws Exception {
        CountDownLatch floodOver = new CountDownLatch(1);
        link(c -> {
            try {
                c.handshake(hello());
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FLOOD_MS);
                while (System.nanoTime() < end) {
                    ByteArrayOutputStream batch = new ByteArrayOutputStream();
                    for (int i = 0; i < 200; i++) {
                        batch.write(WsWire.text(GatewayFrames.tick(c.nextSeq())));
                    }
                    c.writeRaw(batch.toByteArray());
                }
            } finally {
                floodOver.countDown();
            }
        }, LinkHarnessConfigs::quiet, new Journal(64, 64, JournalClock.system()));
        assertTrue(floodOver.await(REAL_WAIT.toMillis(), TimeUnit.MILLISECONDS));
        h.awaitEvent(LinkEvent.Tick.class);
        LinkHistory history = h.link.history();
        assertTrue(history.everConnected(), "the link forgot it was connected");
        assertTrue(history.helloOks() >= 1, history.toString());
        assertEquals(0, h.count(LinkEvent.HelloOk.class), "the small journal kept the hello_ok: no flood happened");
        if (h.link.state() == LinkState.CONNECTED && h.count(LinkEvent.Closed.class) == 0) {
            return; // the link kept up with the flood
        }
        LinkEvent.Closed closed = awaitClosedAndReconnect();
        assertClosed(closed, 1008, "client");
        assertTrue(h.events(LinkEvent.Error.class).stream()
                        .anyMatch(e -> e.where().equals("transport") && e.message().contains("flood")),
                "no error{transport} about the flood:\n" + h.dump());
    }

    @Test
    void pingFloodEndsTheConnectionWith1008AndTheLinkReconnects() throws Exception {
        link(c -> {
            c.handshake(hello());
            ByteArrayOutputStream storm = new ByteArrayOutputStream();
            for (int i = 0; i < 150; i++) {
                storm.write(WsWire.frame(true, Opcode.PING, ("ping" + i).getBytes(StandardCharsets.UTF_8)));
            }
            c.writeRaw(storm.toByteArray());
        });
        LinkEvent.Closed closed = awaitClosedAndReconnect();
        assertClosed(closed, 1008, "client");
        assertTrue(errors("transport").stream().anyMatch(e -> e.message().contains("ping flood")), h.dump());
        assertClientClosed(connection(0), 1008);
    }

    @Test
    void binaryBurstIsJournaledOnceAndTheTickAfterItArrives() throws Exception {
        link(c -> {
            c.handshake(hello());
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            for (int i = 0; i < 50; i++) {
                burst.write(WsWire.frame(true, Opcode.BINARY, new byte[] {1, 2, 3, (byte) i}));
            }
            burst.write(WsWire.text(GatewayFrames.tick(c.nextSeq())));
            c.writeRaw(burst.toByteArray());
        });
        assertEquals(1, h.awaitEvent(LinkEvent.Tick.class).frameSeq());
        List<LinkEvent.Error> transport = errors("transport");
        assertEquals(1, transport.size(), "one line for the burst, in virtual time all within one second:\n"
                + h.dump());
        assertTrue(transport.get(0).message().contains("binary"), transport.get(0).message());
        assertEquals(LinkState.CONNECTED, h.link.state());
        assertEquals(0, h.count(LinkEvent.Closed.class));
    }

    /** Writes that fail once the client is gone must not crash the gateway's accept loop. */
    @Test
    void gatewayOutlivesAClientThatLeftUnderItsWrites() throws Exception {
        link(c -> {
            c.handshake(hello());
            c.writeRaw(WsWire.frame(true, Opcode.PING, new byte[126])); // the client closes 1002
            while (true) {
                c.sendTick(); // throws once the socket is gone
            }
        });
        h.awaitEvent(LinkEvent.ReconnectScheduled.class);
        assertTrue(connection(0).awaitEnd(REAL_WAIT));
        h.advance(java.time.Duration.ofMillis(h.awaitEvent(LinkEvent.ReconnectScheduled.class).delayMs()));
        h.awaitEvent(LinkEvent.HelloOk.class, 2);
        assertTrue(gateway.accepted() >= 2);
        assertTrue(connection(0).scriptFailure() == null || connection(0).scriptFailure() instanceof IOException,
                String.valueOf(connection(0).scriptFailure()));
    }
}
