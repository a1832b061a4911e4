package dev.clawscope.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.journal.ClosedBy;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.LivenessKind;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class JournalStatsTest {

    private final JournalStats stats = JournalStats.of(SyntheticJournals.twoOutages());

    @Test
    void outagesRunFromLeavingConnectedToHelloOk() {
        assertEquals(List.of(
                new Outage(55_040, OptionalDouble.of(62_100), "liveness timeout (ws_pong)", OptionalLong.of(10_000),
                        OptionalDouble.of(7_060), 3),
                new Outage(100_010, OptionalDouble.of(105_050), "gateway shutdown \"restart\"", OptionalLong.empty(),
                        OptionalDouble.of(5_040), 1)),
                stats.outages());
    }

    @Test
    void connectedShareCoversTheWholeSpan() {
        assertEquals(120_004, stats.spanMs());
        // 0.06-55.04 s, 62.1-100.01 s, 105.05-120 s
        assertEquals(54_980 + 37_910 + 14_950, stats.connectedMs());
        assertEquals(100.0 * 107_840 / 120_004, stats.connectedPercent(), 1e-9);
    }

    @Test
    void reconnectsDelaysAndAttemptRate() {
        assertEquals(4, stats.reconnectCount());
        assertEquals(List.of(1_000L, 2_000L, 4_000L, 5_000L), stats.backoffDelaysMs());
        assertEquals(5, stats.connectAttempts());
        // 56.04, 58.05, 62.04 and 104.99 s fall within one minute
        assertEquals(4, stats.maxAttemptsPerMinute());
    }

    @Test
    void heartbeatPercentilesByNearestRank() {
        assertEquals(new RttStats(5, 5, 20, 20), stats.pongRtt());
        assertEquals(new RttStats(1, 12, 12, 12), stats.probeRtt());
        // 3, 4, 5, 6, 12, 20
        assertEquals(new RttStats(6, 5, 20, 20), stats.heartbeatRtt());
    }

    @Test
    void gatewayVersionLivenessAndDisposal() {
        assertEquals("2026.9.6", stats.serverVersion().orElseThrow());
        assertEquals(List.of(new LinkEvent.LivenessTimeout(LivenessKind.WS_PONG, 10_000, 10_000)), stats.livenessTimeouts());
        assertEquals(OptionalDouble.of(4), stats.disposeDurationMs());
        assertTrue(stats.eventsAfterDisposeEnd().isEmpty());
    }

    @Test
    void segmentsAreBackToBackFromStartToEnd() {
        List<StateSegment> segments = stats.segments();
        assertEquals("idle", segments.get(0).state());
        assertEquals(0, segments.get(0).startMs());
        for (int i = 1; i < segments.size(); i++) {
            assertEquals(segments.get(i - 1).endMs(), segments.get(i).startMs());
        }
        StateSegment last = segments.get(segments.size() - 1);
        assertEquals("disposed", last.state());
        assertEquals(120_004, last.endMs());
        assertEquals(3, segments.stream().filter(s -> s.state().equals("connected")).count());
    }

    @Test
    void disposingWhileConnectedIsNoOutage() {
        JournalStats s = JournalStats.of(new JournalBuilder().connect(0, 1).dispose(10_000, 2).build());
        assertTrue(s.outages().isEmpty());
        assertEquals(0, s.reconnectCount());
    }

    @Test
    void anOutageThatNeverEndsIsOpenAndCountsItsAttempts() {
        JournalStats s = JournalStats.of(new JournalBuilder().connect(0, 1)
                .at(5_000, new LinkEvent.Closed(1006, "", ClosedBy.TRANSPORT)).state(5_000, "backoff")
                .scheduled(5_000, 1, 1_000, "closed").refused(6_000, 1)
                .scheduled(6_010, 2, 2_000, "connect_failed").refused(8_010, 2)
                .at(8_020, new LinkEvent.ReconnectPaused("auth", "AUTH_TOKEN_MISMATCH")).state(8_020, "paused")
                .build());
        Outage outage = s.outages().get(0);
        assertFalse(outage.recovered());
        assertEquals("closed 1006 by transport", outage.cause());
        assertEquals(2, outage.attempts());
        assertEquals(OptionalDouble.empty(), outage.endMs());
        assertEquals(List.of("auth"), s.pauses());
    }

    @Test
    void eventsAfterDisposeEndAreCounted() {
        JournalStats s = JournalStats.of(new JournalBuilder().connect(0, 1).dispose(1_000, 2)
                .at(1_500, new LinkEvent.Tick(9)).build());
        assertEquals(List.of("tick"), s.eventsAfterDisposeEnd());
    }

    @Test
    void emptyJournal() {
        JournalStats s = JournalStats.of(List.of());
        assertEquals(0, s.spanMs());
        assertEquals(0, s.connectedPercent());
        assertTrue(s.segments().isEmpty());
        assertTrue(s.startTs().isEmpty());
    }

    @Test
    void entriesOutOfOrderAreReadInSeqOrder() {
        List<dev.clawscope.journal.JournalEntry> reversed = new java.util.ArrayList<>(SyntheticJournals.twoOutages());
        java.util.Collections.reverse(reversed);
        assertEquals(stats, JournalStats.of(reversed));
    }
}
