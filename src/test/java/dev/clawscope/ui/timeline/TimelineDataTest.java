package dev.clawscope.ui.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.LivenessKind;
import dev.clawscope.journal.Source;
import dev.clawscope.proof.PeerJournalBuilder;
import dev.clawscope.timeline.ConnectionSpan;
import dev.clawscope.timeline.Kind;
import dev.clawscope.timeline.Lane;
import dev.clawscope.ui.timeline.TimelineData.Mark;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineDataTest {

    private long seq;

    private JournalEntry at(double t, LinkEvent event) {
        return new JournalEntry(++seq, Instant.EPOCH, t, 1, event);
    }

    @Test
    void eventsLandOnTheirLanesAndBackoffIsABar() {
        TimelineData data = new TimelineData();
        data.add(at(0, new LinkEvent.StateChanged("idle", "connecting")));
        data.add(at(10, new LinkEvent.ConnectAttempt(1, "ws://x")));
        data.add(at(20, new LinkEvent.HelloOk("1", 4, 30_000, List.of(), List.of())));
        data.add(at(30, new LinkEvent.Tick(1)));
        data.add(at(40, new LinkEvent.FaultInjected("blackhole")));
        data.add(at(50, new LinkEvent.LivenessTimeout(LivenessKind.WS_PONG, 900, 500)));
        data.add(at(60, new LinkEvent.ReconnectScheduled(1, 1_000, "full-jitter", "transient:ws_pong_timeout")));
        data.add(at(70, new LinkEvent.DisposeBegin()));
        data.add(at(71, new LinkEvent.SocketOpen()));
        assertEquals(7, data.size(), "state changes are spans and socket_open is table-only");
        Mark backoff = data.marks().stream().filter(m -> m.kind() == Kind.BACKOFF).findFirst().orElseThrow();
        assertEquals(Lane.RECONNECT, backoff.lane());
        assertEquals(1_000, backoff.durationMs());
        assertEquals(Lane.FAULT, data.marks().stream().filter(m -> m.kind() == Kind.TIMEOUT).findFirst()
                .orElseThrow().lane());
        assertEquals(Lane.DISPOSAL, data.marks().get(data.size() - 1).lane());
        assertEquals(0, data.origin());
        assertEquals(71, data.last());
    }

    @Test
    void eachSourceHasTheProofsLanesAndAnObservedClientItsConnectionsAndGapsBehindItsConnects() {
        assertEquals(Lane.of(Source.Kind.GATEWAY_LINK), new TimelineData().lanes(), "a link has no RPC lane");
        TimelineData data = new TimelineData(Source.Kind.OBSERVED_CLIENT);
        assertEquals(Lane.of(Source.Kind.OBSERVED_CLIENT), data.lanes());
        data.addAll(new PeerJournalBuilder()
                .connect(0, 1)
                .at(500, new LinkEvent.PeerConnect(2))
                .closed(1_000, 1, "server", 1012)
                .reconnect(4_000, 3, 1_500, 2)
                .call(4_100, 3, "health", true, 3)
                .build());
        List<ConnectionSpan> connections = data.connections();
        assertEquals(List.of("#1", "#2", "#3"), connections.stream().map(ConnectionSpan::label).toList());
        assertEquals(2, data.connectionRows(), "#1 and #2 were open at once");
        assertTrue(connections.get(0).ended() && !connections.get(1).ended() && connections.get(2).accepted());

        Mark gap = data.marks().stream().filter(m -> m.kind() == Kind.PEER_RECONNECT).findFirst().orElseThrow();
        assertTrue(gap.bar() && gap.start() == 2_500 && gap.end() == 4_000, "the gap lies behind its connect: " + gap);
        assertEquals("#3 after 1.5 s", gap.label());
        assertTrue(data.visible(3_000, 3_100).contains(gap), "a view inside the gap shows it");
        assertEquals(gap, data.nearest(Lane.RECONNECT, 3_000, 10), "and a pointer over it finds it");
        assertEquals(List.of("#1", "#2", "#3"), data.marks().stream().filter(m -> m.kind() == Kind.PEER_CONNECT)
                .map(Mark::label).toList(), "each connect says which");
        assertTrue(data.marks().stream().anyMatch(m -> m.lane() == Lane.RPC && m.kind() == Kind.PEER_REQUEST));
    }

    @Test
    void onlyWhatOverlapsTheViewIsVisitedIncludingABarThatBeganBefore() {
        TimelineData data = new TimelineData();
        data.add(at(0, new LinkEvent.ReconnectScheduled(1, 5_000, "full-jitter", "transient:x")));
        for (int i = 1; i <= 10_000; i++) {
            data.add(at(i, new LinkEvent.Tick(i)));
        }
        List<Mark> view = data.visible(4_000, 4_009);
        assertEquals(11, view.size(), "the 10 ticks in range and the backoff bar still running");
        assertEquals(Kind.BACKOFF, view.get(0).kind());
        assertTrue(data.visible(6_000, 6_001).stream().noneMatch(m -> m.kind() == Kind.BACKOFF));
    }

    @Test
    void spansEndWhereTheNextBeginsAndTheLastRunsUntilNow() {
        TimelineData data = new TimelineData();
        data.add(at(0, new LinkEvent.StateChanged("idle", "connecting")));
        data.add(at(100, new LinkEvent.StateChanged("connecting", "connected")));
        data.add(at(500, new LinkEvent.StateChanged("connected", "backoff")));
        List<String> seen = new ArrayList<>();
        data.forEachSpan(150, 600, 800, (s, e, state) -> seen.add(state.wire() + " " + (long) s + "-" + (long) e));
        assertEquals(List.of("connected 100-500", "backoff 500-800"), seen);
    }

    @Test
    void theNearestMarkOnALaneWithinTolerance() {
        TimelineData data = new TimelineData();
        data.add(at(100, new LinkEvent.Tick(1)));
        data.add(at(200, new LinkEvent.ConnectAttempt(1, "ws://x")));
        assertEquals(Kind.TICK, data.nearest(Lane.HEARTBEAT, 104, 5).kind());
        assertNull(data.nearest(Lane.HEARTBEAT, 110, 5));
        assertNull(data.nearest(Lane.FAULT, 100, 50), "another lane does not count");
    }

    @Test
    void memoryIsBoundedByDroppingTheOldestTenth() {
        TimelineData data = new TimelineData(1_000);
        for (int i = 0; i < 5_000; i++) {
            data.add(at(i, new LinkEvent.Tick(i)));
        }
        assertTrue(data.size() <= 1_000, "size " + data.size());
        assertEquals(4_999, data.marks().get(data.size() - 1).t());
    }
}
