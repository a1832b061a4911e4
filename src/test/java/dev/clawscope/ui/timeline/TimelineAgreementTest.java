package dev.clawscope.ui.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.Source;
import dev.clawscope.proof.PeerJournalBuilder;
import dev.clawscope.proof.SyntheticJournals;
import dev.clawscope.proof.Timeline;
import dev.clawscope.proof.TimelineSvg;
import dev.clawscope.timeline.ConnectionSpan;
import dev.clawscope.timeline.ConnectionTracker;
import dev.clawscope.timeline.EventKinds;
import dev.clawscope.timeline.Kind;
import dev.clawscope.timeline.Lane;
import dev.clawscope.timeline.OutageTracker;
import dev.clawscope.timeline.Palette;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The live timeline and the proof draw the same journal the same way: lanes, colours, outages. */
class TimelineAgreementTest {

    private final List<JournalEntry> journal = SyntheticJournals.twoOutages();

    @Test
    void liveMarksSitOnTheSharedLanesInTheSharedKinds() {
        TimelineData data = new TimelineData();
        data.addAll(journal);
        long drawn = journal.stream().map(e -> EventKinds.of(e.event()))
                .filter(k -> k.drawn() && k != Kind.STATE).count();
        assertEquals(drawn, data.size());
        for (TimelineData.Mark mark : data.marks()) {
            Kind kind = EventKinds.of(mark.entry().event());
            assertEquals(kind, mark.kind());
            assertEquals(kind.lane(), mark.lane());
        }
    }

    @Test
    void anObservedClientsMarksConnectionsAndOutagesAreTheProofs() {
        List<JournalEntry> observed = new PeerJournalBuilder()
                .connect(0, 1)
                .ping(1_000, 1, 2.5)
                .call(1_500, 1, "health", true, 4)
                .fault(2_000, "freeze")
                .closed(14_000, 1, "client", 4000)
                .reconnect(15_000, 2, 1_000, 1)
                .build();
        TimelineData data = new TimelineData(Source.Kind.OBSERVED_CLIENT);
        data.addAll(observed);
        for (TimelineData.Mark mark : data.marks()) {
            Kind kind = EventKinds.of(mark.entry().event());
            assertEquals(kind, mark.kind());
            assertTrue(Lane.of(Source.Kind.OBSERVED_CLIENT).contains(mark.lane()), mark::toString);
            assertEquals(kind.labelled() ? EventKinds.label(mark.entry().event()) : null, mark.label());
        }
        assertEquals(ConnectionTracker.of(observed), data.connections());
        assertEquals(OutageTracker.of(observed), data.outages());
        String svg = TimelineSvg.render(Timeline.of(observed, "agreement"));
        for (ConnectionSpan span : data.connections()) {
            assertTrue(svg.contains(">" + span.label() + "<"), span.label() + " labelled in the proof too");
        }
    }

    @Test
    void theProofUsesTheSameColourTokens() {
        String svg = TimelineSvg.render(Timeline.of(journal, "agreement"));
        for (JournalEntry entry : journal) {
            Kind kind = EventKinds.of(entry.event());
            if (kind.drawn() && kind != Kind.STATE) {
                String hex = String.format(Locale.ROOT, "#%06x", Palette.LIGHT.rgb(kind.tone()));
                assertTrue(svg.contains("\"" + hex + "\""), kind + " drawn in " + hex);
            }
        }
    }

    @Test
    void faultLabelsAreTheProofsAndMadeOnceAtIngestion() {
        TimelineData data = new TimelineData();
        data.addAll(journal);
        String svg = TimelineSvg.render(Timeline.of(journal, "agreement"));
        List<String> faultLabels = data.marks().stream().filter(m -> m.lane() == Lane.FAULT)
                .map(TimelineData.Mark::label).toList();
        assertTrue(faultLabels.contains("fault: blackhole") && faultLabels.contains("ws_pong timeout after 10.0 s")
                && faultLabels.contains("shutdown: restart"), faultLabels::toString);
        for (String label : List.of("fault: blackhole", "ws_pong timeout after 10.0 s", "shutdown: restart")) {
            assertTrue(svg.contains(">" + label + "<"), label + " in the proof too");
        }
        assertTrue(data.marks().stream().filter(m -> m.kind() == Kind.PONG).allMatch(m -> m.label() == null),
                "heartbeats carry no label");
    }

    @Test
    void outagesAndTheirUndetectedPartAreComputedOnceForBoth() {
        TimelineData data = new TimelineData();
        data.addAll(journal);
        assertEquals(OutageTracker.of(journal), data.outages());
        String svg = TimelineSvg.render(Timeline.of(journal, "agreement"));
        assertTrue(svg.contains("<title>fault at 44.0 s, detected after 11.0 s</title>"), "the undetected part");
        assertTrue(svg.contains(">" + data.outages().get(0).undetectedLabel() + "<"));
        assertTrue(svg.contains(">" + data.outages().get(0).downLabel() + "<"));
    }
}
