package dev.clawscope.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.journal.LinkEvent;
import dev.clawscope.link.LinkState;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The one classification: every journal event type is on a lane, has a kind, a colour token and a label. */
class EventKindsTest {

    @Test
    @SuppressWarnings("unchecked")
    void everyEventTypeHasALaneKindToneAndLabel() {
        Class<?>[] types = LinkEvent.class.getPermittedSubclasses();
        assertEquals(LinkEvent.typeNames().size(), types.length);
        for (Class<?> type : types) {
            Kind kind = EventKinds.of((Class<? extends LinkEvent>) type);
            assertNotNull(kind.lane(), type.getSimpleName());
            assertNotNull(kind.tone(), type.getSimpleName());
            assertFalse(kind.label().isBlank(), type.getSimpleName());
            assertNotNull(MarkShape.of(kind), type.getSimpleName());
        }
    }

    @Test
    void theTableAsTheProofDrawsIt() {
        Map<Kind, String> expected = Map.ofEntries(
                Map.entry(EventKinds.of(new LinkEvent.Closed(1000, "", dev.clawscope.journal.ClosedBy.SERVER)), "FAULT CLOSE"),
                Map.entry(EventKinds.of(new LinkEvent.ShutdownNotice("restart", 5_000L)), "FAULT TIMEOUT"),
                Map.entry(EventKinds.of(new LinkEvent.FaultInjected("blackhole")), "FAULT FAULT"),
                Map.entry(EventKinds.of(new LinkEvent.LivenessTimeout(dev.clawscope.journal.LivenessKind.WS_PONG, 1, 1)), "FAULT TIMEOUT"),
                Map.entry(EventKinds.of(new LinkEvent.ConnectAttempt(1, "ws://x")), "RECONNECT CLOSE"),
                Map.entry(EventKinds.of(new LinkEvent.ReconnectScheduled(1, 10, "p", "c")), "RECONNECT BACKOFF"),
                Map.entry(EventKinds.of(new LinkEvent.WsPong(1)), "HEARTBEAT PONG"),
                Map.entry(EventKinds.of(new LinkEvent.DisposeEnd(1)), "DISPOSAL ENDED"));
        expected.forEach((kind, laneAndTone) -> assertEquals(laneAndTone, kind.lane() + " " + kind.tone(), kind.name()));
    }

    @Test
    void statesAreMatchedAsTypesAndColouredAsTheProofDoes() {
        assertEquals(Tone.STOPPED, EventKinds.tone(LinkState.DISCONNECTED), "disconnected is stopped (red), not grey");
        assertEquals(Tone.TRANSIENT, EventKinds.tone(LinkState.CONNECTING), "connecting is transient (orange), not blue");
        assertEquals(Tone.CONNECTED, EventKinds.tone(EventKinds.to(new LinkEvent.StateChanged("idle", "connected"))));
        assertNull(EventKinds.state("warp"), "a state this version does not know");
        assertEquals(Tone.IDLE, EventKinds.tone(null));
        for (LinkState state : LinkState.values()) {
            assertEquals(state, EventKinds.state(state.wire()));
        }
    }

    @Test
    void theLegendNamesEveryStateAndEveryDrawnTone() {
        String legend = Legend.ENTRIES.stream().map(Legend.Entry::label).collect(Collectors.joining(" / "));
        for (LinkState state : LinkState.values()) {
            assertTrue(legend.contains(state.wire()), state + " in " + legend);
        }
        List<Tone> tones = Legend.ENTRIES.stream().map(Legend.Entry::tone).toList();
        for (Kind kind : Kind.values()) {
            if (kind.drawn()) {
                assertTrue(tones.contains(kind.tone()), kind + " has a swatch");
            }
        }
        assertTrue(tones.contains(Tone.OUTAGE) && tones.contains(Tone.UNDETECTED));
    }

    @Test
    void darkTokensDifferFromLight() {
        for (Tone tone : List.of(Tone.GROUND, Tone.LANE, Tone.GRID, Tone.TEXT, Tone.CONNECTED, Tone.STOPPED, Tone.TICK)) {
            assertNotEquals(Palette.LIGHT.rgb(tone), Palette.DARK.rgb(tone), tone.name());
        }
        assertEquals(Palette.DARK, Palette.forGround(Palette.DARK.rgb(Tone.GROUND)));
        assertEquals(Palette.LIGHT, Palette.forGround(Palette.LIGHT.rgb(Tone.GROUND)));
        assertEquals(Palette.DARK, Palette.forGround(0x0d1117), "AtlantaFX Primer Dark's -color-bg-default");
        assertEquals(Palette.LIGHT, Palette.forGround(0xffffff), "Primer Light's");
    }
}
