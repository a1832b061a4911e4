package dev.clawscope.link;

import static dev.clawscope.link.LinkHarness.REAL_WAIT;
import static dev.clawscope.link.LinkHarness.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.journal.Journal;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.link.hostile.HostileConnection;
import dev.clawscope.link.hostile.HostileGateway;
import java.io.IOException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;

/**
 * What the hostile-server tests share: a {@link HostileGateway} running the test's script, a link
 * on a {@link LinkHarness} pointed at it (already connecting), and assertions on the journal.
 */
abstract class HostileLinkBase {

    /** The transport's upgrade timeout in these tests. */
    static final long UPGRADE_TIMEOUT_MS = 1_000;

    HostileGateway gateway;
    LinkHarness h;

    @AfterEach
    void stopBoth() {
        if (h != null) {
            h.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    /** A quiet link (no own pings, watchdog or probe) connecting to a gateway that runs {@code script}. */
    LinkHarness link(HostileGateway.Script script) throws IOException {
        return link(script, LinkHarnessConfigs::quiet);
    }

    LinkHarness link(HostileGateway.Script script, UnaryOperator<LinkConfig> tune) throws IOException {
        return link(script, tune, new Journal());
    }

    LinkHarness link(HostileGateway.Script script, UnaryOperator<LinkConfig> tune, Journal journal) throws IOException {
        gateway = HostileGateway.start(script);
        h = new LinkHarness(gateway.port(), TOKEN, List.of("operator.read", "operator.write"), tune, journal,
                UPGRADE_TIMEOUT_MS);
        h.link.connect();
        return h;
    }

    /** The {@code index}-th connection the gateway accepted (0-based), waiting for it. */
    HostileConnection connection(int index) throws InterruptedException {
        return gateway.connection(index, REAL_WAIT);
    }

    /** The {@code closed} line of the first connection that ended, after waiting for the link to schedule a reconnect. */
    LinkEvent.Closed awaitClosedAndReconnect() {
        h.awaitEvent(LinkEvent.ReconnectScheduled.class);
        assertEquals(0, h.count(LinkEvent.ReconnectPaused.class), "the link paused:\n" + h.dump());
        return h.awaitEvent(LinkEvent.Closed.class);
    }

    /** Lines of type {@code error} whose {@code where} is {@code where}. */
    List<LinkEvent.Error> errors(String where) {
        return h.events(LinkEvent.Error.class).stream().filter(e -> e.where().equals(where)).toList();
    }

    /** Asserts {@code closed{code, by}}, and for a close this side raised, the {@code error{transport}} before it. */
    void assertClosed(LinkEvent.Closed closed, int code, String by) {
        assertEquals(code + " by " + by, closed.code() + " by " + closed.by(), "closed line; journal:\n" + h.dump());
        if ("client".equals(by)) {
            JournalEntry closedEntry = h.awaitEntry(e -> e.event() == closed);
            assertTrue(h.entries().stream().anyMatch(e -> e.seq() < closedEntry.seq()
                            && e.event() instanceof LinkEvent.Error error && error.where().equals("transport")),
                    "no error{transport} before the locally raised close; journal:\n" + h.dump());
        }
    }

    /** Asserts the harness got the client's close frame with {@code code}, or at least saw its TCP close. */
    static void assertClientClosed(HostileConnection c, int code) throws InterruptedException {
        assertTrue(c.awaitEnd(REAL_WAIT), "the client never closed the connection; it sent " + c.frames());
        if (c.closeFrame() != null) {
            assertEquals(code, c.closeFrame().closeCode(), "the client's close frame: " + c.closeFrame());
        }
    }
}
