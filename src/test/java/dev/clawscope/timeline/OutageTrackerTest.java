package dev.clawscope.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.proof.JournalBuilder;
import dev.clawscope.proof.JournalStats;
import dev.clawscope.proof.Outage;
import dev.clawscope.proof.SyntheticJournals;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutageTrackerTest {

    @Test
    void theUndetectedPartRunsFromTheFaultToItsDetection() {
        List<OutageSpan> outages = OutageTracker.of(SyntheticJournals.twoOutages());
        assertEquals(2, outages.size());
        OutageSpan blackhole = outages.get(0);
        assertEquals(44_000, blackhole.faultMs(), "the blackhole");
        assertEquals(55_040, blackhole.downMs(), "the pong timeout");
        assertEquals("undetected 11.0 s", blackhole.undetectedLabel());
        assertEquals("down 7.1 s", blackhole.downLabel(), "until hello_ok, as the summary says");
        OutageSpan restart = outages.get(1);
        assertEquals(0, restart.undetectedMs(), "a shutdown the gateway announced is detected at once");
    }

    @Test
    void withoutAnInjectedFaultTheSilenceOfTheTimeoutIsTheUndetectedPart() {
        List<JournalEntry> journal = new JournalBuilder()
                .connect(0, 1)
                .at(40_000, new LinkEvent.LivenessTimeout(dev.clawscope.journal.LivenessKind.TICK, 25_000, 20_000))
                .state(40_000, "backoff")
                .build();
        OutageSpan outage = OutageTracker.of(journal).get(0);
        assertEquals(15_000, outage.faultMs());
        assertFalse(outage.recovered());
        assertEquals("down, not recovered", outage.downLabel());
    }

    @Test
    void findsTheOutagesTheStatisticsFind() {
        for (List<JournalEntry> journal : List.of(SyntheticJournals.twoOutages(), SyntheticJournals.fiveMinutes())) {
            List<Outage> stats = JournalStats.of(journal).outages();
            List<OutageSpan> spans = OutageTracker.of(journal);
            assertEquals(stats.size(), spans.size());
            for (int i = 0; i < spans.size(); i++) {
                assertEquals(stats.get(i).startMs(), spans.get(i).downMs());
                assertEquals(stats.get(i).endMs().orElse(Double.NaN), spans.get(i).upMs());
                assertEquals(stats.get(i).recoveredAfterMs().orElse(Double.NaN), spans.get(i).recoveredAfterMs());
            }
        }
    }
}
