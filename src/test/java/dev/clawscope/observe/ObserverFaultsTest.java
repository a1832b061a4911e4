package dev.clawscope.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import dev.clawscope.chaos.Fault;
import dev.clawscope.journal.Journal;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.LivenessKind;
import dev.clawscope.link.LinkConfig;
import dev.clawscope.link.hostile.ClientFrame;
import dev.clawscope.link.hostile.WsWire;
import dev.clawscope.sim.SimGateway;
import dev.clawscope.ws.Opcode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The protocol faults on Clawscope's own link through the observer to the simulator: each fault as
 * the link meets it (its own journal) and as the observer journals it (the observer's journal).
 */
class ObserverFaultsTest {

    static final String TOKEN = "observer-faults-token-8e3a";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private LinkThroughObserver run;
    private SimGateway sim;
    private Observer observer;
    private Journal seen;
    private Journal linkJournal;

    /** The app's link through the observer: a WS ping every 300 ms with a 300 ms deadline, upgrades within 1 s. */
    @BeforeEach
    void start() throws Exception {
        run = LinkThroughObserver.start(TOKEN, settings -> settings, d -> new LinkConfig(d.address(), d.sharedToken(),
                d.client(), d.scopes(), d.signDevice(), d.challengeTimeout(), Duration.ofSeconds(1),
                Duration.ofMillis(300), Duration.ofMillis(300), d.tickWatchdogMultiplier(), d.probeMethod(),
                d.probeInterval(), "openclaw-reference", d.stablePeriod(), d.pairingRetryMin(), d.pairingTtl(),
                d.clockJumpThreshold()));
        sim = run.sim();
        observer = run.observer();
        seen = run.seen();
        linkJournal = run.linkJournal();
    }

    @AfterEach
    void stop() {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void dropPongsLetsTheLinksPongDeadlineFire() {
        awaitSeen(LinkEvent.PeerHelloOk.class, 1);
        observer.apply(new PeerFault.DropPongs(Optional.empty()));

        LinkEvent.PeerNoticed noticed = awaitSeen(LinkEvent.PeerNoticed.class, 1);
        assertThat(noticed.fault()).isEqualTo("drop-pongs");
        assertThat(noticed.conn()).isEqualTo(1);
        assertThat(linked(LinkEvent.LivenessTimeout.class)).first()
                .satisfies(t -> assertThat(t.kind()).isEqualTo(LivenessKind.WS_PONG));
        assertThat(seen(LinkEvent.PeerWsPong.class)).anySatisfy(p -> {
            assertThat(p.from()).isEqualTo("server");
            assertThat(p.dropped()).isTrue();
        });
        assertThat(noticed.how()).as("noticed with its close frame").isEqualTo("close_frame");
        LinkEvent.PeerDisconnect gone = awaitSeen(LinkEvent.PeerDisconnect.class, 1);
        assertThat(gone.by()).isEqualTo("client");

        observer.apply(new PeerFault.Bytes(new Fault.Heal()));
        await().atMost(WAIT).until(() -> linked(LinkEvent.HelloOk.class).size() == 2
                && seen(LinkEvent.PeerWsPong.class, p -> p.dropped() == null && "server".equals(p.from())).size() > 0);
    }

    @Test
    void stallUpgradeLeavesTwoConnectionsUnansweredAndTheThirdGoesThrough() {
        awaitSeen(LinkEvent.PeerHelloOk.class, 1);
        observer.apply(new PeerFault.StallUpgrade(2));
        observer.apply(new PeerFault.Bytes(new Fault.Reset()));

        LinkEvent.PeerHelloOk ok = awaitSeen(LinkEvent.PeerHelloOk.class, 2);
        assertThat(ok.conn()).isEqualTo(4);
        for (int conn = 2; conn <= 3; conn++) {
            int c = conn;
            LinkEvent.PeerUpgrade upgrade = seen(LinkEvent.PeerUpgrade.class, u -> u.conn() == c).get(0);
            assertThat(upgrade.status()).as("conn %d got no answer", conn).isNull();
            LinkEvent.PeerDisconnect gone = seen(LinkEvent.PeerDisconnect.class, d -> d.conn() == c).get(0);
            assertThat(gone.by()).isEqualTo("client");
            assertThat(seen(LinkEvent.PeerNoticed.class, n -> n.conn() == c)).hasSize(1).first()
                    .satisfies(n -> assertThat(n.fault()).isEqualTo("stall-upgrade"));
        }
        assertThat(seen(LinkEvent.PeerUpgrade.class, u -> u.conn() == 4).get(0).status()).isEqualTo(101);
        assertThat(linked(LinkEvent.Closed.class)).filteredOn(c -> c.reason().equals("the gateway accepted the TCP"
                + " connection but did not finish the WebSocket upgrade within 1000 ms")).hasSize(2);
        assertThat(sim.handshakes()).as("the stalled upgrades never reached the gateway").isEqualTo(2);
    }

    @Test
    void unavailableAnswersTheNextConnectAndTheLinkWaitsItsRetryAfter() {
        awaitSeen(LinkEvent.PeerHelloOk.class, 1);
        observer.apply(new PeerFault.Unavailable(3_000));
        observer.apply(new PeerFault.Bytes(new Fault.Reset()));

        awaitSeen(LinkEvent.PeerHelloOk.class, 2);
        LinkEvent.PeerResponse answer = seen(LinkEvent.PeerResponse.class, r -> "observer".equals(r.by())).get(0);
        assertThat(answer.conn()).isEqualTo(2);
        assertThat(answer.method()).isEqualTo("connect");
        assertThat(answer.errorCode()).isEqualTo("UNAVAILABLE");
        assertThat(answer.retryAfterMs()).isEqualTo(3_000);
        assertThat(seen(LinkEvent.PeerClose.class, c -> c.conn() == 2).get(0)).satisfies(c -> {
            assertThat(c.from()).isEqualTo("observer");
            assertThat(c.code()).isEqualTo(1013);
            assertThat(c.reason()).isEqualTo("gateway starting");
        });
        LinkEvent.HandshakeFailed failed = linked(LinkEvent.HandshakeFailed.class).get(0);
        assertThat(failed.errorCode()).isEqualTo("UNAVAILABLE");
        assertThat(failed.retryAfterMs()).isEqualTo(3_000);
        assertThat(failed.closeCode()).isEqualTo(1013);
        LinkEvent.ReconnectScheduled wait = linked(LinkEvent.ReconnectScheduled.class).get(1);
        assertThat(wait.delayMs()).isGreaterThanOrEqualTo(3_000);
        // The link's own wait, from its close to its next attempt, and the observer's gap agree.
        double linkGap = mono(linkJournal, LinkEvent.ConnectAttempt.class, 2) - mono(linkJournal, LinkEvent.Closed.class, 1);
        assertThat(linkGap).isGreaterThanOrEqualTo(3_000);
        LinkEvent.PeerReconnect again = seen(LinkEvent.PeerReconnect.class, r -> r.conn() == 3).get(0);
        assertThat((double) again.gapMs()).isCloseTo(linkGap, Offset.offset(25.0));
        assertThat(seen(LinkEvent.PeerDisconnect.class, d -> d.conn() == 2).get(0)).satisfies(d -> {
            assertThat(d.how()).isEqualTo("close_frame");
            assertThat(d.by()).isEqualTo("observer");
        });
    }

    @Test
    void authRejectAnswersAsTheGatewayAndTheLinkPauses() {
        awaitSeen(LinkEvent.PeerHelloOk.class, 1);
        observer.apply(new PeerFault.AuthReject());
        observer.apply(new PeerFault.Bytes(new Fault.Reset()));

        await().atMost(WAIT).until(() -> !linked(LinkEvent.ReconnectPaused.class).isEmpty());
        LinkEvent.PeerResponse answer = seen(LinkEvent.PeerResponse.class, r -> "observer".equals(r.by())).get(0);
        assertThat(answer.errorCode()).isEqualTo("INVALID_REQUEST");
        assertThat(answer.detailCode()).isEqualTo("AUTH_TOKEN_MISMATCH");
        assertThat(seen(LinkEvent.PeerClose.class, c -> c.conn() == 2).get(0)).satisfies(c -> {
            assertThat(c.from()).isEqualTo("observer");
            assertThat(c.code()).isEqualTo(1008);
        });
        LinkEvent.HandshakeFailed failed = linked(LinkEvent.HandshakeFailed.class).get(0);
        assertThat(failed.detailCode()).isEqualTo("AUTH_TOKEN_MISMATCH");
        assertThat(failed.closeCode()).isEqualTo(1008);
        assertThat(linked(LinkEvent.ReconnectPaused.class)).hasSize(1);
        LinkEvent.PeerDisconnect gone = awaitSeenWhere(LinkEvent.PeerDisconnect.class, d -> d.conn() == 2);
        assertThat(gone.by()).isEqualTo("observer");
        assertThat(seen(LinkEvent.PeerConnect.class)).hasSize(linked(LinkEvent.ConnectAttempt.class).size());
    }

    @Test
    void resetIsTheObserversRstAndTheLinkComesBack() {
        awaitSeen(LinkEvent.PeerHelloOk.class, 1);
        observer.apply(new PeerFault.Bytes(new Fault.Reset()));

        awaitSeen(LinkEvent.PeerHelloOk.class, 2);
        LinkEvent.PeerDisconnect gone = seen(LinkEvent.PeerDisconnect.class).get(0);
        assertThat(gone.conn()).isEqualTo(1);
        assertThat(gone.how()).isEqualTo("rst");
        assertThat(gone.by()).isEqualTo("observer");
        assertThat(seen(LinkEvent.PeerNoticed.class)).isEmpty();
        assertThat(seen(LinkEvent.FaultInjected.class)).extracting(LinkEvent.FaultInjected::kind).containsExactly("reset");
    }

    @Test
    void refusedAttemptsAreJournaledAsConnectsTheObserverReset() {
        awaitSeen(LinkEvent.PeerHelloOk.class, 1);
        observer.apply(new PeerFault.Bytes(new Fault.Refuse(Optional.of(Duration.ofMillis(2_500)))));
        observer.apply(new PeerFault.Bytes(new Fault.Reset()));

        awaitSeen(LinkEvent.PeerHelloOk.class, 2);
        List<LinkEvent.PeerConnect> connects = seen(LinkEvent.PeerConnect.class);
        int last = connects.get(connects.size() - 1).conn();
        assertThat(last).as("at least one attempt was refused").isGreaterThanOrEqualTo(3);
        for (int conn = 2; conn < last; conn++) {
            int c = conn;
            assertThat(seen(LinkEvent.PeerDisconnect.class, d -> d.conn() == c)).as("conn %d", conn).hasSize(1).first()
                    .satisfies(d -> {
                        assertThat(d.how()).isEqualTo("rst");
                        assertThat(d.by()).isEqualTo("observer");
                    });
            assertThat(seen(LinkEvent.PeerUpgrade.class, u -> u.conn() == c)).isEmpty();
        }
        assertThat(seen(LinkEvent.PeerConnect.class)).hasSize(linked(LinkEvent.ConnectAttempt.class).size());
        assertThat(seen(LinkEvent.FaultInjected.class)).extracting(LinkEvent.FaultInjected::kind)
                .containsExactly("refuse", "reset", "heal");
    }

    @Test
    void theObserversUnavailableIsWhatTheSimulatorSendsDuringStartUp() throws Exception {
        sim.startupWindow(Duration.ofMinutes(1));
        Answer reference = rawConnect(sim.port(), TOKEN, false);
        sim.startupWindow(Duration.ZERO);
        observer.apply(new PeerFault.Unavailable(500));
        Answer observed = rawConnect(observer.listenAddress().getPort(), TOKEN, false);

        assertThat(reference.response().toString()).contains("UNAVAILABLE");
        assertThat(observed.response()).isEqualTo(reference.response());
        assertThat(observed.closeCode()).isEqualTo(reference.closeCode()).isEqualTo(1013);
        assertThat(observed.closeReason()).isEqualTo(reference.closeReason());
    }

    @Test
    void theObserversAuthRejectIsWhatTheSimulatorSendsForAWrongToken() throws Exception {
        for (boolean device : new boolean[] {false, true}) {
            Answer reference = rawConnect(sim.port(), "not-the-token", device);
            observer.apply(new PeerFault.AuthReject());
            Answer observed = rawConnect(observer.listenAddress().getPort(), TOKEN, device);

            assertThat(reference.response().toString()).contains("AUTH_TOKEN_MISMATCH");
            assertThat(reference.response().toString()).as("only a device can retry with a device token")
                    .contains("\"canRetryWithDeviceToken\":" + device);
            assertThat(observed.response()).as("with a device: %s", device).isEqualTo(reference.response());
            assertThat(observed.closeCode()).isEqualTo(reference.closeCode()).isEqualTo(1008);
            assertThat(observed.closeReason()).isEqualTo(reference.closeReason());
        }
    }

    /** What a gateway answered a connect: the {@code res} frame as JSON, then the close frame. */
    private record Answer(JsonObject response, int closeCode, String closeReason) {
    }

    /**
     * A hand-written client's connect, token only as in the captured frames (4a), or with a device
     * identity (its proof is never checked: the token fails first): upgrade, wait for the challenge,
     * send the connect, read the answer and the close.
     */
    private static Answer rawConnect(int port, String token, boolean withDevice) throws Exception {
        try (RawEnd c = RawEnd.connect(new InetSocketAddress("127.0.0.1", port))) {
            c.send(Ws.request("127.0.0.1:" + port, null));
            c.awaitReceived(b -> frames(b).stream().anyMatch(f -> f.text().contains("connect.challenge")));
            c.send(Ws.client(Opcode.TEXT, "{\"type\":\"req\",\"id\":\"r1\",\"method\":\"connect\","
                    + "\"params\":{\"minProtocol\":4,\"maxProtocol\":4,\"client\":{\"id\":\"cli\","
                    + "\"version\":\"0.0.1-probe\",\"platform\":\"linux\",\"mode\":\"cli\"},\"role\":\"operator\","
                    + "\"scopes\":[\"operator.read\"],\"caps\":[],\"auth\":{\"token\":\"" + token + "\"}"
                    + (withDevice ? ",\"device\":{\"id\":\"" + "ab".repeat(32) + "\",\"publicKey\":\"" + "A".repeat(43)
                            + "\",\"signature\":\"" + "B".repeat(86) + "\",\"signedAt\":1,\"nonce\":\"n\"}" : "")
                    + "}}"));
            c.awaitReceived(b -> frames(b).stream().anyMatch(ClientFrame::isClose));
            List<ClientFrame> frames = frames(c.received());
            JsonObject response = frames.stream().map(ClientFrame::json)
                    .filter(j -> j != null && "res".equals(j.get("type").getAsString())).findFirst().orElseThrow();
            ClientFrame close = frames.stream()
                    .filter(ClientFrame::isClose).findFirst().orElseThrow();
            return new Answer(response, close.closeCode(), close.closeReason());
        }
    }

    /** The whole frames after the HTTP head in {@code bytes}. */
    static List<ClientFrame> frames(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int head = text.indexOf("\r\n\r\n");
        List<ClientFrame> out = new ArrayList<>();
        if (head < 0) {
            return out;
        }
        InputStream in = new ByteArrayInputStream(bytes, head + 4, bytes.length - head - 4);
        try {
            while (true) {
                out.add(WsWire.read(in, 1 << 20));
            }
        } catch (IOException end) {
            return out;
        }
    }

    private double mono(Journal journal, Class<? extends LinkEvent> type, int index) {
        return journal.snapshot().stream().filter(e -> type.isInstance(e.event())).skip(index).findFirst()
                .orElseThrow().monoMs();
    }

    private <T extends LinkEvent> T awaitSeen(Class<T> type, int count) {
        return Journals.awaitCount(seen, type, e -> true, count).get(count - 1);
    }

    private <T extends LinkEvent> T awaitSeenWhere(Class<T> type, Predicate<T> which) {
        return Journals.await(seen, type, which);
    }

    private <T extends LinkEvent> List<T> seen(Class<T> type) {
        return Journals.events(seen, type);
    }

    private <T extends LinkEvent> List<T> seen(Class<T> type, Predicate<T> which) {
        return Journals.events(seen, type, which);
    }

    private <T extends LinkEvent> List<T> linked(Class<T> type) {
        return linkJournal.snapshot().stream().map(JournalEntry::event).filter(type::isInstance).map(type::cast)
                .toList();
    }
}
