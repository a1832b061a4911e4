package dev.clawscope.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.proof.PeerJournalBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An observed client's outages and connections as the live timeline and the proof both find them. */
class PeerOutagesTest {

    @Test
    void fromTheFaultToTheClientsOwnCloseToItsNextHelloOk() {
        List<JournalEntry> journal = new PeerJournalBuilder()
                .connect(0, 1)
                .fault(5_000, "freeze")
                .at(17_300, new LinkEvent.PeerClose(1, "client", 4000, "tick timeout"))
                .at(18_300, new LinkEvent.PeerDisconnect(1, "close_frame", "client", 18_300))
                .at(18_300, new LinkEvent.PeerNoticed(1, "freeze", 13_300, "close_frame"))
                .reconnect(18_780, 2, 480, 1)
                .build();
        OutageSpan outage = OutageTracker.of(journal).get(0);
        assertThat(outage.faultMs()).isEqualTo(5_000);
        assertThat(outage.downMs()).as("its close frame, before the connection is gone").isEqualTo(17_300);
        assertThat(outage.undetectedLabel()).isEqualTo("undetected 12.3 s");
        assertThat(outage.upMs()).isEqualTo(18_800);
        assertThat(outage.helloMs()).isEqualTo(18_800);
        assertThat(outage.downLabel()).isEqualTo("down 1.5 s");
    }

    @Test
    void aServerCloseIsAnOutageDetectedAtOnce() {
        List<JournalEntry> journal = new PeerJournalBuilder().connect(0, 1)
                .fault(5_000, "restart")
                .closed(5_003, 1, "observer", 1012)
                .build();
        OutageSpan outage = OutageTracker.of(journal).get(0);
        assertThat(outage.faultMs()).isEqualTo(5_000);
        assertThat(outage.downMs()).isEqualTo(5_003);
        assertThat(outage.recovered()).isFalse();
        List<JournalEntry> noFault = new PeerJournalBuilder().connect(0, 1)
                .at(9_000, new LinkEvent.PeerDisconnect(1, "rst", "server", 9_000)).build();
        assertThat(OutageTracker.of(noFault)).hasSize(1).first()
                .satisfies(o -> assertThat(o.undetectedMs()).isZero());
    }

    @Test
    void aClientLeavingWithANormalCloseAndNoFaultIsNoOutage() {
        assertThat(OutageTracker.of(new PeerJournalBuilder().connect(0, 1).closed(9_000, 1, "client", 1000).build()))
                .isEmpty();
        assertThat(OutageTracker.of(new PeerJournalBuilder().connect(0, 1).closed(9_000, 1, "client", 1001).build()))
                .isEmpty();
        assertThat(OutageTracker.of(new PeerJournalBuilder().connect(0, 1).closed(9_000, 1, "client", 4000).build()))
                .as("a close of its own for a reason").hasSize(1);
        assertThat(OutageTracker.of(new PeerJournalBuilder().connect(0, 1).fault(5_000, "freeze")
                .closed(9_000, 1, "client", 1000).build()))
                .as("a normal close while a freeze is in force is noticing it").hasSize(1).first()
                .satisfies(o -> assertThat(o.faultMs()).isEqualTo(5_000));
    }

    @Test
    void onlyTheLastOpenConnectionEndingIsDown() {
        List<JournalEntry> journal = new PeerJournalBuilder()
                .connect(0, 1)
                .connect(100, 2)
                .closed(5_000, 1, "server", 1012)
                .closed(6_000, 2, "server", 1012)
                .connect(7_000, 3)
                .build();
        OutageSpan outage = OutageTracker.of(journal).get(0);
        assertThat(outage.downMs()).isEqualTo(6_000);
        assertThat(outage.upMs()).isEqualTo(7_020);
    }

    @Test
    void faultsForLaterConnectionsAndHealedFaultsBeginNoUndetectedPart() {
        List<JournalEntry> stalled = new PeerJournalBuilder().connect(0, 1)
                .fault(1_000, "stall-upgrade")
                .closed(5_000, 1, "server", 1012)
                .build();
        assertThat(OutageTracker.of(stalled).get(0).undetectedMs()).isZero();
        List<JournalEntry> healed = new PeerJournalBuilder().connect(0, 1)
                .fault(1_000, "freeze")
                .fault(3_000, "heal")
                .closed(5_000, 1, "server", 1012)
                .build();
        assertThat(OutageTracker.of(healed).get(0).undetectedMs()).isZero();
        List<JournalEntry> whileDown = new PeerJournalBuilder().connect(0, 1)
                .closed(5_000, 1, "server", 1012)
                .fault(5_500, "freeze")
                .connect(6_000, 2)
                .closed(8_000, 2, "server", 1000)
                .build();
        assertThat(OutageTracker.of(whileDown)).hasSize(2)
                .allSatisfy(o -> assertThat(o.undetectedMs()).as("a fault while down is no fault on an open connection")
                        .isZero());
    }

    @Test
    void upWhileAConnectionHasHelloOk() {
        OutageTracker tracker = new OutageTracker();
        assertThat(tracker.up()).isFalse();
        tracker.accept(0, new LinkEvent.PeerConnect(1));
        assertThat(tracker.up()).isFalse();
        tracker.accept(20, new LinkEvent.PeerHelloOk(1, "v", 4, 30_000, List.of(), null));
        assertThat(tracker.up()).isTrue();
        tracker.accept(30, new LinkEvent.PeerClose(1, "client", 1000, ""));
        assertThat(tracker.up()).isFalse();
    }

    @Test
    void connectionsTakeRowsOnlyWhileOpenAtOnce() {
        ConnectionTracker tracker = new ConnectionTracker();
        List<JournalEntry> journal = new PeerJournalBuilder()
                .connect(0, 1)
                .at(5_000, new LinkEvent.PeerClose(1, "client", 4000, "tick timeout"))
                .reconnect(5_050, 2, 0, 1)
                .at(6_000, new LinkEvent.PeerDisconnect(1, "close_frame", "client", 6_000))
                .closed(9_000, 2, "server", 1012)
                .at(10_000, new LinkEvent.PeerConnect(3))
                .at(10_010, new LinkEvent.PeerDisconnect(3, "rst", "observer", 10))
                .build();
        journal.forEach(e -> tracker.accept(e.monoMs(), e.event()));
        List<ConnectionSpan> spans = List.copyOf(tracker.spans());
        assertThat(spans).extracting(ConnectionSpan::conn).containsExactly(1, 2, 3);
        assertThat(spans).extracting(ConnectionSpan::row).containsExactly(0, 1, 0);
        assertThat(tracker.rows()).isEqualTo(2);
        ConnectionSpan first = spans.get(0);
        assertThat(first.openMs()).isZero();
        assertThat(first.helloMs()).isEqualTo(20);
        assertThat(first.closingMs()).isEqualTo(5_000);
        assertThat(first.endMs()).isEqualTo(6_000);
        assertThat(first.usableUntil(99_999)).isEqualTo(5_000);
        assertThat(first.label()).isEqualTo("#1");
        ConnectionSpan refused = spans.get(2);
        assertThat(refused.accepted()).isFalse();
        assertThat(refused.closing()).isFalse();
        assertThat(refused.usableUntil(99_999)).isEqualTo(10_010);
        tracker.dropOldest(2);
        assertThat(tracker.spans()).extracting(ConnectionSpan::conn).containsExactly(3);
        tracker.accept(11_000, new LinkEvent.PeerConnect(4));
        tracker.accept(11_020, new LinkEvent.PeerHelloOk(4, "v", 4, 30_000, List.of(), null));
        assertThat(tracker.spans().get(1).helloMs()).as("positions stay right after dropping").isEqualTo(11_020);
        assertThat(ConnectionTracker.of(journal)).isEqualTo(spans);
    }
}
