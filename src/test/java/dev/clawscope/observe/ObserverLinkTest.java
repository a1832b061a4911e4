package dev.clawscope.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clawscope.journal.Journal;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.JournalJson;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.link.DeviceTokenStore;
import dev.clawscope.link.GatewayAddress;
import dev.clawscope.link.GatewayLink;
import dev.clawscope.link.LinkConfig;
import dev.clawscope.protocol.ClientId;
import dev.clawscope.protocol.ClientInfo;
import dev.clawscope.protocol.ClientMode;
import dev.clawscope.protocol.DeviceIdentity;
import dev.clawscope.protocol.Secret;
import dev.clawscope.sim.SimConfig;
import dev.clawscope.sim.SimGateway;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Clawscope's own link through the observer to the simulator: two journals of one run that must agree. */
class ObserverLinkTest {

    private static final String TOKEN = "observer-link-token-51d7";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private SimGateway sim;
    private Journal seen;
    private Observer observer;
    private Journal linkJournal;
    private GatewayLink link;

    @BeforeEach
    void start() throws Exception {
        sim = SimGateway.start(SimConfig.defaults(TOKEN));
        seen = new Journal();
        observer = Observer.start(new Observer.Settings(new InetSocketAddress("127.0.0.1", 0),
                new InetSocketAddress("127.0.0.1", sim.port()), "ws://127.0.0.1:" + sim.port()), seen);
        linkJournal = new Journal();
        LinkConfig config = LinkConfig.defaults(GatewayAddress.parse(observer.clientUrl(), false), Secret.of(TOKEN),
                ClientInfo.of(ClientId.CLI, ClientMode.CLI, "0.1.0-test", "linux"),
                List.of("operator.read", "operator.write"))
                .withWsPing(Duration.ofSeconds(1), Duration.ofSeconds(1));
        link = GatewayLink.create(config, linkJournal, DeviceIdentity.generate(), DeviceTokenStore.inMemory(),
                Optional.empty());
        link.connect();
    }

    @AfterEach
    void stop() {
        if (link != null) {
            link.dispose();
        }
        if (observer != null) {
            observer.close();
        }
        if (sim != null) {
            sim.close();
        }
        if (seen != null) {
            seen.close();
        }
        if (linkJournal != null) {
            linkJournal.close();
        }
    }

    @Test
    void decodesTheHandshakeAsMetadataOnly() {
        LinkEvent.PeerHelloOk ok = awaitEvent(LinkEvent.PeerHelloOk.class, 1);
        assertThat(ok.conn()).isEqualTo(1);
        assertThat(ok.serverVersion()).isEqualTo("2026.9.6-sim");
        assertThat(ok.tickIntervalMs()).isEqualTo(30_000);
        assertThat(ok.methods()).contains("health");
        LinkEvent.PeerHello hello = events(LinkEvent.PeerHello.class).get(0);
        assertThat(hello.clientId()).isEqualTo("cli");
        assertThat(hello.clientMode()).isEqualTo("cli");
        assertThat(hello.clientVersion()).isEqualTo("0.1.0-test");
        assertThat(hello.platform()).isEqualTo("linux");
        assertThat(hello.role()).isEqualTo("operator");
        assertThat(hello.scopes()).containsExactly("operator.read", "operator.write");
        assertThat(hello.auth()).isEqualTo("token+device");
        LinkEvent.PeerUpgrade upgrade = events(LinkEvent.PeerUpgrade.class).get(0);
        assertThat(upgrade.status()).isEqualTo(101);
        assertThat(upgrade.origin()).isFalse();
        assertThat(upgrade.userAgent()).startsWith("Clawscope");
        assertThat(events(LinkEvent.PeerEvent.class)).extracting(LinkEvent.PeerEvent::event).contains("connect.challenge");
        assertThat(seen.snapshot()).allSatisfy(e -> assertThat(JournalJson.toLine(e)).doesNotContain(TOKEN));
    }

    @Test
    void aRestartInTheGatewaysPlaceIsSeenAlikeByBothJournals() {
        awaitEvent(LinkEvent.PeerHelloOk.class, 1);
        observer.apply(new PeerFault.Restart(1_000));
        awaitEvent(LinkEvent.PeerHelloOk.class, 2);

        LinkEvent.ShutdownNotice notice = linkEvents(LinkEvent.ShutdownNotice.class).get(0);
        assertThat(notice.restartExpectedMs()).isEqualTo(1_000);
        assertThat(linkEvents(LinkEvent.Closed.class)).first()
                .satisfies(c -> assertThat(c.code()).isEqualTo(1012));
        List<LinkEvent.PeerClose> closes = events(LinkEvent.PeerClose.class);
        assertThat(closes).first().satisfies(c -> {
            assertThat(c.from()).isEqualTo("observer");
            assertThat(c.code()).isEqualTo(1012);
        });
        assertThat(closes).anySatisfy(c -> assertThat(c.from()).isEqualTo("client"));
        LinkEvent.PeerDisconnect gone = events(LinkEvent.PeerDisconnect.class).get(0);
        assertThat(gone.how()).isEqualTo("close_frame");
        assertThat(gone.by()).isEqualTo("observer");
        LinkEvent.PeerReconnect again = events(LinkEvent.PeerReconnect.class).get(0);
        assertThat(again.after()).isEqualTo(1);
        assertThat(again.gapMs()).as("the link waits out restartExpectedMs").isGreaterThanOrEqualTo(900);
        assertThat(events(LinkEvent.PeerConnect.class)).hasSize(linkEvents(LinkEvent.ConnectAttempt.class).size());
        // The same gap seen from both ends: the link's close to its next attempt.
        double linkGap = mono(linkJournal, LinkEvent.ConnectAttempt.class, 1) - mono(linkJournal, LinkEvent.Closed.class, 0);
        assertThat((double) again.gapMs()).isCloseTo(linkGap, org.assertj.core.data.Offset.offset(25.0));
    }

    @Test
    void aFrozenGatewayIsNoticedByTheLink() {
        awaitEvent(LinkEvent.PeerHelloOk.class, 1);
        observer.apply(new PeerFault.Freeze(Optional.empty()));
        // The link's liveness ends the frozen connection itself (a WS ping without a pong).
        LinkEvent.PeerNoticed noticed = awaitEvent(LinkEvent.PeerNoticed.class, 1);
        assertThat(noticed.fault()).isEqualTo("freeze");
        assertThat(noticed.conn()).isEqualTo(1);
        assertThat(linkEvents(LinkEvent.LivenessTimeout.class)).isNotEmpty();
    }

    private double mono(Journal journal, Class<? extends LinkEvent> type, int index) {
        return journal.snapshot().stream().filter(e -> type.isInstance(e.event())).skip(index).findFirst()
                .orElseThrow().monoMs();
    }

    private <T extends LinkEvent> T awaitEvent(Class<T> type, int count) {
        await().atMost(WAIT).until(() -> events(type).size() >= count);
        return events(type).get(count - 1);
    }

    private <T extends LinkEvent> List<T> events(Class<T> type) {
        return of(seen, type);
    }

    private <T extends LinkEvent> List<T> linkEvents(Class<T> type) {
        return of(linkJournal, type);
    }

    private static <T extends LinkEvent> List<T> of(Journal journal, Class<T> type) {
        return journal.snapshot().stream().map(JournalEntry::event).filter(type::isInstance).map(type::cast).toList();
    }
}
