package dev.clawscope.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawscope.journal.Journal;
import dev.clawscope.journal.JournalJson;
import dev.clawscope.journal.LinkEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Clawscope's own link through the observer to the simulator: two journals of one run that must agree. */
class ObserverLinkTest {

    private static final String TOKEN = "observer-link-token-51d7";

    private LinkThroughObserver run;

    @BeforeEach
    void start() throws Exception {
        run = LinkThroughObserver.start(TOKEN, settings -> settings,
                config -> config.withWsPing(Duration.ofSeconds(1), Duration.ofSeconds(1)));
    }

    @AfterEach
    void stop() {
        if (run != null) {
            run.close();
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
        assertThat(run.seen().snapshot()).allSatisfy(e -> assertThat(JournalJson.toLine(e)).doesNotContain(TOKEN));
    }

    @Test
    void aRestartInTheGatewaysPlaceIsSeenAlikeByBothJournals() {
        awaitEvent(LinkEvent.PeerHelloOk.class, 1);
        run.observer().apply(new PeerFault.Restart(1_000));
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
        Journal link = run.linkJournal();
        double linkGap = mono(link, LinkEvent.ConnectAttempt.class, 1) - mono(link, LinkEvent.Closed.class, 0);
        assertThat((double) again.gapMs()).isCloseTo(linkGap, org.assertj.core.data.Offset.offset(25.0));
    }

    @Test
    void aFrozenGatewayIsNoticedByTheLink() {
        awaitEvent(LinkEvent.PeerHelloOk.class, 1);
        run.observer().apply(new PeerFault.Freeze(Optional.empty()));
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
        return run.awaitEvent(type, count);
    }

    private <T extends LinkEvent> List<T> events(Class<T> type) {
        return run.events(type);
    }

    private <T extends LinkEvent> List<T> linkEvents(Class<T> type) {
        return run.linkEvents(type);
    }
}
