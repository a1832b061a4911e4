package dev.clawscope.ui.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.LivenessKind;
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
