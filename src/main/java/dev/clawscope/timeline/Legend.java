package dev.clawscope.timeline;

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

    /** The link states, the outage shading, then every drawn mark grouped by its tone. */
    public static final List<Entry> ENTRIES = entries();

    private Legend() {
    }

    private static List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        EventKinds.STATE_LEGEND.forEach((tone, label) -> out.add(new Entry(tone, 1, label)));
        out.add(new Entry(Tone.OUTAGE, 0.25, "outage (down \u2192 connected)"));
        out.add(new Entry(Tone.UNDETECTED, 0.35, "undetected (fault \u2192 detection)"));
        Map<Tone, String> marks = new LinkedHashMap<>();
        for (Kind kind : Kind.values()) {
            if (kind.drawn() && kind != Kind.STATE && !EventKinds.STATE_LEGEND.containsKey(kind.tone())) {
                marks.merge(kind.tone(), kind.label(), (a, b) -> a + " / " + b);
            }
        }
        marks.forEach((tone, label) -> out.add(new Entry(tone, 1, label)));
        return List.copyOf(out);
    }
}
