package dev.clawscope.session;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.clawscope.journal.Journal;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.RedactionRules;
import dev.clawscope.journal.Subscription;
import dev.clawscope.link.GatewayLink;
import dev.clawscope.observe.LinkThroughObserver;
import dev.clawscope.observe.ObserveRoute;
import dev.clawscope.proof.PeerJournalBuilder;
import dev.clawscope.proof.ProofBundle;
import dev.clawscope.protocol.DeviceIdentity;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An observe session against its own simulator, with Clawscope's own link as the observed client:
 * the client's status (who it said it is, its connections) follows the observer's journal, a fault
 * from the session's menu reaches the client, the bundle names the observed source and never holds
 * the simulator's token, and a route the window cannot serve is refused before anything starts.
 */
@Timeout(60)
class ObserveSessionTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void theObservedClientIsNamedItsConnectionsCountedAFaultReachesItAndTheBundleNamesTheSource() throws Exception {
        List<ObservedStatus> seen = new CopyOnWriteArrayList<>();
        Journal linkJournal = new Journal();
        GatewayLink link = null;
        try (ObserveSession session = ObserveSession.open(ObserveRoute.parse("127.0.0.1:0=sim", false), "a test");
                Subscription statuses = session.onStatus("test", Runnable::run, seen::add)) {
            assertEquals(ObservedStatus.State.WAITING, session.status().state());
            assertTrue(session.clientUrl().startsWith("ws://127.0.0.1:"), session.clientUrl());
            String token = session.simToken().orElseThrow().reveal();
            link = LinkThroughObserver.connect(session.clientUrl(), token, linkJournal, DeviceIdentity.generate(),
                    UnaryOperator.identity());

            await().atMost(WAIT).until(() -> session.status().state() == ObservedStatus.State.CONNECTED);
            ObservedStatus connected = session.status();
            assertEquals("connected #1", connected.words());
            assertEquals("cli 0.1.0-test (linux, cli)", connected.client().orElseThrow());
            assertFalse(Double.isNaN(connected.connectedSinceMonoMs()));

            FaultOption reset = session.faults().stream().filter(f -> f.id().equals("fault-reset")).findFirst()
                    .orElseThrow();
            session.inject(reset);
            await().atMost(WAIT).until(() -> session.status().state() == ObservedStatus.State.CONNECTED
                    && session.status().current() == 2);
            assertEquals(2, session.status().connections());
            assertEquals(1, session.status().reconnects());
            await().atMost(WAIT).until(() -> seen.get(seen.size() - 1).equals(session.status()));

            link.dispose();
            link = null;
            await().atMost(WAIT).until(() -> session.status().state() == ObservedStatus.State.NO_CONNECTION);
            ProofBundle bundle = session.exportProof(dir.resolve("proof"), null, RedactionRules.defaults());
            JsonObject manifest = JsonParser.parseString(Files.readString(bundle.dir().resolve(ProofBundle.MANIFEST)))
                    .getAsJsonObject();
            JsonObject source = manifest.getAsJsonObject("source");
            assertEquals("observed_client", source.get("kind").getAsString(), manifest::toString);
            assertEquals("observe:sim", source.get("id").getAsString());
            String summary = Files.readString(bundle.dir().resolve(ProofBundle.SUMMARY));
            assertTrue(summary.contains("### Observed client") && summary.contains("| client id | cli |"), summary);
            try (Stream<Path> files = Files.list(bundle.dir())) {
                for (Path file : files.toList()) {
                    assertFalse(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(token),
                            file.getFileName() + " holds the simulator's token");
                }
            }
        } finally {
            if (link != null) {
                link.dispose();
            }
            linkJournal.close();
        }
    }

    @Test
    void closingEndsTheObserverAndTheSimulatorAndTheLastLinesReachTheJournalFirst() throws Exception {
        ObserveSession session = ObserveSession.open(ObserveRoute.parse("127.0.0.1:0=sim", false), "a test");
        Journal linkJournal = new Journal();
        GatewayLink link = LinkThroughObserver.connect(session.clientUrl(), session.simToken().orElseThrow().reveal(),
                linkJournal, DeviceIdentity.generate(), UnaryOperator.identity());
        try {
            await().atMost(WAIT).until(() -> session.status().state() == ObservedStatus.State.CONNECTED);
            List<JournalEntry> before = session.journal().snapshot();
            long start = System.nanoTime();
            session.close();
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0,
                    "closing is bounded");
            int port = java.net.URI.create(session.clientUrl()).getPort();
            try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertEquals(port, again.getLocalPort(), "the listen port is free again");
            }
            List<JournalEntry> after = session.journal().snapshot();
            assertTrue(after.size() > before.size() && after.stream()
                    .anyMatch(e -> e.event() instanceof LinkEvent.PeerDisconnect), "the connection's end is journaled");
            assertThrows(IllegalStateException.class, () -> session.inject(session.faults().get(0)));
        } finally {
            link.dispose();
            linkJournal.close();
            session.close();
        }
    }

    @Test
    void aWssTargetAndABusyListenAddressAreRefusedWithNothingLeftRunning() throws Exception {
        IllegalArgumentException wss = assertThrows(IllegalArgumentException.class, () -> ObserveSession.open(
                ObserveRoute.parse("127.0.0.1:0=wss://gateway.example:443", false), "a test"));
        assertTrue(wss.getMessage().contains("clawscope observe"), wss.getMessage());
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ObserveRoute busy = ObserveRoute.of("127.0.0.1:" + taken.getLocalPort(), "sim", false);
            assertThrows(IOException.class, () -> ObserveSession.open(busy, "a test"));
        }
    }

    @Test
    void theStatusShowsTheNewestAcceptedConnectionOfThoseOpenAtOnce() {
        List<JournalEntry> journal = new PeerJournalBuilder()
                .connect(0, 1)
                .at(100, new LinkEvent.PeerConnect(2))
                .at(5_000, new LinkEvent.PeerConnect(3))
                .at(5_010, new LinkEvent.PeerHelloOk(3, "2026.9.6", 3, 30_000, PeerJournalBuilder.METHODS, null))
                .at(6_000, new LinkEvent.PeerWsPong(3, "server", 1.5, null))
                .at(6_500, new LinkEvent.PeerWsPong(3, "server", null, true))
                .build();
        ObservedStatusTracker tracker = new ObservedStatusTracker();
        journal.forEach(tracker::accept);
        ObservedStatus status = tracker.status();
        assertEquals(3, status.connections());
        assertEquals(3, status.open());
        assertEquals(3, status.current(), "the newest accepted one");
        assertEquals(5_010, status.connectedSinceMonoMs());
        assertEquals(1.5, status.lastPongRttMs(), "a dropped pong times no round trip");
        assertEquals("3 connections so far, 3 open", status.connectionsWords());

        tracker.accept(new JournalEntry(99, PeerJournalBuilder.START, 7_000, 3,
                new LinkEvent.PeerDisconnect(3, "fin", "client", 2_000)));
        assertEquals(1, tracker.status().current(), "then the oldest still open, the only one accepted");
        tracker.accept(new JournalEntry(100, PeerJournalBuilder.START, 7_100, 1,
                new LinkEvent.PeerDisconnect(1, "fin", "client", 7_100)));
        assertEquals("connecting #2", tracker.status().words());
    }
}
