package dev.clawscope.timeline;

import dev.clawscope.journal.Source;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the colours mean, drawn under the proof and beside the live timeline alike. */
public final class Legend {

    /** Translucency of the outage shading over the lanes. */
    public static final double OUTAGE_ALPHA = 0.12;
    /** Translucency of the undetected part's shading. */
    public static final double UNDETECTED_ALPHA = 0.18;

    /** One swatch: a tone, how opaque it is drawn, and what it means. */
    public record Entry(Tone tone, double alpha, String label) {
    }

    /** This app's link: the link states, the outage shading, then every drawn mark grouped by its tone. */
    public static final List<Entry> ENTRIES = entries(EventKinds.STATE_LEGEND, Source.Kind.GATEWAY_LINK);

    /** An observed client: its connections, the outage shading, then every drawn mark grouped by its tone. */
    public static final List<Entry> OBSERVED = entries(EventKinds.CONNECTION_LEGEND, Source.Kind.OBSERVED_CLIENT);

    private Legend() {
    }

    /** The legend of a timeline of {@code source}. */
    public static List<Entry> of(Source.Kind source) {
        return source == Source.Kind.OBSERVED_CLIENT ? OBSERVED : ENTRIES;
    }

    private static List<Entry> entries(Map<Tone, String> states, Source.Kind source) {
        List<Entry> out = new ArrayList<>();
        states.forEach((tone, label) -> out.add(new Entry(tone, 1, label)));
        boolean observed = source == Source.Kind.OBSERVED_CLIENT;
        out.add(new Entry(Tone.OUTAGE, 0.25,
                observed ? "outage (noticed \u2192 hello ok)" : "outage (down \u2192 connected)"));
        out.add(new Entry(Tone.UNDETECTED, 0.35,
                observed ? "undetected (fault \u2192 client noticed)" : "undetected (fault \u2192 detection)"));
        Map<Tone, String> marks = new LinkedHashMap<>();
        for (Kind kind : Kind.values()) {
            if (kind.drawn() && kind != Kind.STATE && kind.family().of(source) && !states.containsKey(kind.tone())) {
                marks.merge(kind.tone(), kind.label(), (a, b) -> a + " / " + b);
            }
        }
        marks.forEach((tone, label) -> out.add(new Entry(tone, 1, label)));
        return List.copyOf(out);
    }
}
