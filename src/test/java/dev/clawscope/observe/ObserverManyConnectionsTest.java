package dev.clawscope.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clawscope.journal.Journal;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.ws.Opcode;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** 200 hand-written clients observed at once: every byte relayed, every connection journaled, memory returned. */
class ObserverManyConnectionsTest {

    private static final int CONNECTIONS = 200;
    private static final long MIB = Heap.MIB;

    private final List<RawEnd> clients = new ArrayList<>();
    private final List<RawEnd> servers = new ArrayList<>();
    private RawObserved run;

    @BeforeEach
    void start() throws Exception {
        run = RawObserved.start();
    }

    @AfterEach
    void stop() {
        clients.forEach(RawEnd::close);
        servers.forEach(RawEnd::close);
        run.close();
    }

    @Test
    void twoHundredConcurrentConnectionsAreRelayedAndJournaledAndLeaveNothingBehind() throws Exception {
        long heapBefore = Heap.usedAfterGc();
        upgradeAll();

        for (int i = 0; i < CONNECTIONS; i++) {
            RawEnd c = clients.get(i);
            c.send(Ws.client(Opcode.TEXT, "{\"type\":\"req\",\"id\":\"r" + i + "\",\"method\":\"health\"}"));
            c.send(Ws.close(true, 1000, "bye"));
            c.finish();
            RawEnd s = servers.get(i);
            s.send(Ws.server(Opcode.TEXT, "{\"type\":\"event\",\"event\":\"tick\",\"payload\":{},\"seq\":" + i + "}"));
            s.send(Ws.close(false, 1000, "bye"));
            s.finish();
        }
        clients.forEach(RawEnd::awaitEnd);
        servers.forEach(RawEnd::awaitEnd);
        assertThat(servers.stream().map(RawEnd::receivedSha256).sorted().toList()).as("clients to servers")
                .isEqualTo(clients.stream().map(RawEnd::sentSha256).sorted().toList());
        assertThat(clients.stream().map(RawEnd::receivedSha256).sorted().toList()).as("servers to clients")
                .isEqualTo(servers.stream().map(RawEnd::sentSha256).sorted().toList());

        Journals.awaitCount(run.journal(), LinkEvent.PeerDisconnect.class, d -> true, CONNECTIONS);
        await().atMost(RawEnd.WAIT).until(() -> run.observer().stats().liveConnections() == 0);
        assertThat(run.observer().stats().heldBytes()).isZero();
        assertThat(conns(run.journal(), LinkEvent.PeerConnect.class)).isEqualTo(all());
        assertThat(conns(run.journal(), LinkEvent.PeerDisconnect.class)).isEqualTo(all());
        assertThat(Journals.events(run.journal(), LinkEvent.PeerUpgrade.class)).hasSize(CONNECTIONS)
                .allSatisfy(u -> assertThat(u.status()).isEqualTo(101));
        assertThat(Journals.events(run.journal(), LinkEvent.PeerRequest.class)).hasSize(CONNECTIONS);
        assertThat(Journals.events(run.journal(), LinkEvent.PeerEvent.class)).hasSize(CONNECTIONS);
        assertThat(Journals.events(run.journal(), LinkEvent.PeerClose.class)).hasSize(2 * CONNECTIONS);
        assertThat(Journals.events(run.journal(), LinkEvent.PeerDisconnect.class))
                .allSatisfy(d -> assertThat(d.how()).isEqualTo("close_frame"));
        assertThat(Journals.events(run.journal(), LinkEvent.PeerDecodeProblem.class)).isEmpty();
        assertThat(Journals.events(run.journal(), LinkEvent.Error.class)).isEmpty();
        assertThat(run.journal().dropped()).isZero();
        clients.forEach(RawEnd::close);
        servers.forEach(RawEnd::close);

        long grown = Heap.usedAfterGc() - heapBefore;
        assertThat(grown).as("heap still used after %d connections, their %d journal lines included",
                CONNECTIONS, run.journal().size()).isLessThan(16 * MIB);
    }

    @Test
    void declaredLengthsCostNothingUntilTheirBytesArrive() throws Exception {
        upgradeAll();
        long heapBefore = Heap.usedAfterGc();
        // Each side of each connection declares a text frame of just under the 1 MiB decode cap,
        // then sends a few bytes of it and nothing more.
        byte[] payload = Ws.utf8("{\"type\":\"req\",\"id\":\"x\",\"method\":\"" + Ws.pad(1024 * 1024 - 100));
        byte[] clientStart = java.util.Arrays.copyOf(Ws.client(true, 0, Opcode.TEXT, payload), 14 + 10);
        byte[] serverStart = java.util.Arrays.copyOf(Ws.server(true, 0, Opcode.TEXT, payload), 10 + 10);
        for (int i = 0; i < CONNECTIONS; i++) {
            clients.get(i).send(clientStart);
            servers.get(i).send(serverStart);
        }
        for (int i = 0; i < CONNECTIONS; i++) {
            int n = i;
            servers.get(i).awaitReceived(b -> b.length >= clients.get(n).sentCount());
            clients.get(i).awaitReceived(b -> b.length >= servers.get(n).sentCount());
        }
        long held = Heap.usedAfterGc() - heapBefore;
        assertThat(held).as("%d frames declared 1 MiB each, 10 bytes of each arrived", 2 * CONNECTIONS)
                .isLessThan(16 * MIB);
    }

    /** Opens {@link #CONNECTIONS} clients through the observer and upgrades them all; all open at once. */
    private void upgradeAll() throws Exception {
        for (int i = 0; i < CONNECTIONS; i++) {
            RawEnd c = RawEnd.connect(run.observer().listenAddress());
            c.send(Ws.request("127.0.0.1", null));
            clients.add(c);
        }
        for (int i = 0; i < CONNECTIONS; i++) {
            RawEnd s = run.gateway().next();
            s.awaitReceived(Ws::headArrived);
            s.send(Ws.switching(s.receivedText(), null));
            servers.add(s);
        }
        clients.forEach(c -> c.awaitReceived(Ws::headArrived));
        assertThat(run.observer().stats().liveConnections()).as("all open at once").isEqualTo(CONNECTIONS);
    }

    private static List<Integer> all() {
        return IntStream.rangeClosed(1, CONNECTIONS).boxed().toList();
    }

    private static <T extends LinkEvent> List<Integer> conns(Journal journal, Class<T> type) {
        return journal.snapshot().stream().filter(e -> type.isInstance(e.event())).map(e -> (int) e.gen()).sorted()
                .toList();
    }
}
