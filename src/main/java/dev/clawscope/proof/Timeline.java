package dev.clawscope.proof;

import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.Source;
import dev.clawscope.link.LinkState;
import dev.clawscope.timeline.EventKinds;
import dev.clawscope.timeline.Kind;
import dev.clawscope.timeline.Lane;
import dev.clawscope.timeline.Legend;
import dev.clawscope.timeline.MarkShape;
import dev.clawscope.timeline.OutageSpan;
import dev.clawscope.timeline.OutageTracker;
import dev.clawscope.timeline.Palette;
import dev.clawscope.timeline.Tone;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The journal drawn as swimlanes over time (link state, heartbeats, reconnects, faults, disposal)
 * with outages shaded across all lanes, a time axis in seconds from the first entry and a legend.
 * An observed client's journal is drawn on its own lanes ({@link Lane#of}): its connections, each
 * labelled with its {@code #conn}, in place of the link state, and its RPC calls in place of disposal
 * ({@link ClientLanes}).
 * A drawing model: {@link #paint} draws it on any {@link Canvas}, so SVG and PNG show the same thing.
 * Lanes, kinds and colours come from {@link EventKinds}, outages from {@link OutageTracker}: the
 * live timeline draws from the same.
 */
public final class Timeline {

    public static final int WIDTH = 1200;

    /** The proof is a document: always drawn in the light palette. */
    private static final Map<Tone, Rgb> COLOURS = colours(Palette.LIGHT);
    private static final Rgb TEXT = colour(Tone.TEXT);
    private static final Rgb MUTED = colour(Tone.MUTED);
    private static final Rgb GRID = colour(Tone.GRID);
    private static final Rgb LANE = colour(Tone.LANE);
    private static final Rgb GROUND = colour(Tone.GROUND);

    private static final double LEFT = 120;
    private static final double RIGHT = WIDTH - 20;
    private static final double TOP = 84;
    private static final double GAP = 6;
    private static final double OUTAGE_LABEL_ROW = 18;
    private static final double STATE_H = 40;
    private static final double BEAT_H = 30;
    private static final double RECONNECT_H = 30;
    private static final double FAULT_H = 52;
    private static final double DISPOSAL_H = 30;
    private static final double LABEL_SIZE = 10;

    private final List<JournalEntry> entries;
    private final JournalStats stats;
    private final List<OutageSpan> outages;
    private final String title;
    private final String subtitle;
    private final Source.Kind source;
    private final List<Legend.Entry> legend;

    private Timeline(List<JournalEntry> entries, JournalStats stats, String title, String subtitle) {
        this.entries = entries;
        this.stats = stats;
        this.outages = OutageTracker.of(entries);
        this.title = title;
        this.subtitle = subtitle;
        this.source = stats.observed() ? Source.Kind.OBSERVED_CLIENT : Source.Kind.GATEWAY_LINK;
        this.legend = Legend.of(source);
    }

    /**
     * The timeline of {@code entries}; {@code heading} (e.g. scenario and gateway) goes after the title.
     * A journal holding {@code peer_*} lines is drawn as an observed client's.
     */
    public static Timeline of(List<JournalEntry> entries, String heading) {
        return of(entries, heading, entries.stream().anyMatch(ClientStats::isPeerLine));
    }

    /** As {@link #of(List, String)}, with {@code observed} saying whether the journal is an observed client's. */
    public static Timeline of(List<JournalEntry> entries, String heading, boolean observed) {
        Objects.requireNonNull(heading, "heading");
        List<JournalEntry> ordered = entries.stream().sorted(Comparator.comparingLong(JournalEntry::seq)).toList();
        JournalStats stats = JournalStats.of(ordered, observed);
        String name = observed ? "Observed client timeline" : "Clawscope link timeline";
        String title = heading.isBlank() ? name : name + " \u2014 " + heading;
        String start = stats.startTs().map(ts -> ts.toString() + " \u00b7 ").orElse("");
        int outages = observed ? OutageTracker.of(ordered).size() : stats.outages().size();
        int reconnects = stats.client().map(c -> c.reconnectGapsMs().size()).orElse(stats.reconnectCount());
        String subtitle = String.format(Locale.ROOT, "%s%s \u00b7 connected %.1f %% \u00b7 %d %s \u00b7 %d %s",
                start, Durations.seconds(stats.spanMs()),
                observed ? stats.clientConnectedPercent() : stats.connectedPercent(), outages,
                outages == 1 ? "outage" : "outages", reconnects, reconnects == 1 ? "reconnect" : "reconnects");
        return new Timeline(ordered, stats, title, subtitle);
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return (int) Math.ceil(disposalTop() + DISPOSAL_H + 34 + legend(null, 0, legend) * 20 + 10);
    }

    public String title() {
        return title;
    }

    public JournalStats stats() {
        return stats;
    }

    public void paint(Canvas c) {
        c.rect(0, 0, WIDTH, height(), GROUND, null);
        c.text(16, 26, title, 16, TEXT, Canvas.Anchor.START, true);
        c.text(16, 46, subtitle, 12, MUTED, Canvas.Anchor.START, false);
        lanes(c);
        axis(c);
        outages(c);
        if (stats.observed()) {
            ClientLanes lanes = new ClientLanes(this, entries);
            lanes.connections(c, stateTop(), STATE_H);
            lanes.marks(c, Lane.HEARTBEAT, beatTop(), BEAT_H);
            lanes.reconnects(c, reconnectTop(), RECONNECT_H);
            faults(c);
            lanes.marks(c, Lane.RPC, disposalTop(), DISPOSAL_H);
        } else {
            states(c);
            heartbeats(c);
            reconnects(c);
            faults(c);
            disposal(c);
        }
        legend(c, lanesBottom() + 48, legend);
    }

    // ---- layout ------------------------------------------------------------------------------

    private static double stateTop() {
        return TOP + OUTAGE_LABEL_ROW;
    }

    private static double beatTop() {
        return stateTop() + STATE_H + GAP;
    }

    private static double reconnectTop() {
        return beatTop() + BEAT_H + GAP;
    }

    private static double faultTop() {
        return reconnectTop() + RECONNECT_H + GAP;
    }

    private static double disposalTop() {
        return faultTop() + FAULT_H + GAP;
    }

    private static double lanesBottom() {
        return disposalTop() + DISPOSAL_H;
    }

    double x(double monoMs) {
        double span = Math.max(stats.spanMs(), 1);
        double x = LEFT + (monoMs - stats.startMs()) / span * (RIGHT - LEFT);
        return Math.max(LEFT, Math.min(RIGHT, x));
    }

    double seconds(double monoMs) {
        return (monoMs - stats.startMs()) / 1000.0;
    }

    // ---- lanes -------------------------------------------------------------------------------

    private void lanes(Canvas c) {
        List<Lane> lanes = Lane.of(source);
        double[] tops = {stateTop(), beatTop(), reconnectTop(), faultTop(), disposalTop()};
        double[] heights = {STATE_H, BEAT_H, RECONNECT_H, FAULT_H, DISPOSAL_H};
        for (int i = 0; i < lanes.size(); i++) {
            lane(c, lanes.get(i).title(source), tops[i], heights[i]);
        }
    }

    private static void lane(Canvas c, String name, double top, double height) {
        c.rect(LEFT, top, RIGHT - LEFT, height, LANE, null);
        c.text(LEFT - 10, top + height / 2 + 4, name, 12, TEXT, Canvas.Anchor.END, true);
    }

    private void axis(Canvas c) {
        double span = stats.spanMs() / 1000.0;
        double step = tickStep(span);
        double axisY = lanesBottom() + 4;
        c.line(LEFT, axisY, RIGHT, axisY, MUTED, 1);
        for (double s = 0; s <= span + 1e-9; s += step) {
            double x = x(stats.startMs() + s * 1000);
            c.line(x, TOP + OUTAGE_LABEL_ROW, x, lanesBottom(), GRID.withAlpha(0.9), 0.6);
            c.line(x, axisY, x, axisY + 5, MUTED, 1);
            c.text(x, axisY + 17, Durations.axisLabel(s), 10, MUTED, Canvas.Anchor.MIDDLE, false);
        }
        c.text(RIGHT, axisY + 30, "seconds from the first journal entry", 10, MUTED, Canvas.Anchor.END, false);
    }

    /** A round step giving at most about a dozen labels. */
    static double tickStep(double spanSeconds) {
        double[] steps = {0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600};
        for (double step : steps) {
            if (spanSeconds / step <= 12) {
                return step;
            }
        }
        return Math.ceil(spanSeconds / 12 / 3600) * 3600;
    }

    /**
     * Each outage shaded across all lanes, and before it the undetected part (from the fault to
     * its detection) in its own shade; labels say how long each lasted.
     */
    private void outages(Canvas c) {
        Rgb outage = colour(Tone.OUTAGE);
        Rgb undetected = colour(Tone.UNDETECTED);
        double lastLabelEnd = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < outages.size(); i++) {
            OutageSpan span = outages.get(i);
            double x1 = x(span.downMs());
            double x2 = x(span.endOr(stats.endMs()));
            if (span.undetectedMs() > 0) {
                double x0 = x(span.faultMs());
                String tip = String.format(Locale.ROOT, "fault at %.1f s, detected after %s", seconds(span.faultMs()),
                        Durations.seconds(span.undetectedMs()));
                c.rect(x0, TOP, Math.max(x1 - x0, 1), lanesBottom() - TOP, undetected.withAlpha(Legend.UNDETECTED_ALPHA),
                        tip);
                c.line(x0, TOP, x0, lanesBottom(), undetected.withAlpha(0.7), 1.2);
                String label = span.undetectedLabel();
                double labelX = outageLabelX(x0, lastLabelEnd, label);
                c.text(labelX, TOP + 13, label, 11, undetected, Canvas.Anchor.START, true);
                lastLabelEnd = labelX + boldTextWidth(label, 11);
            }
            String tip = String.format(Locale.ROOT, "down at %.1f s: %s", seconds(span.downMs()),
                    cause(span))
                    + (span.recovered() ? "; recovered after " + Durations.seconds(span.recoveredAfterMs())
                            : "; not recovered");
            c.rect(x1, TOP, Math.max(x2 - x1, 2), lanesBottom() - TOP, outage.withAlpha(Legend.OUTAGE_ALPHA), tip);
            c.line(x1, TOP, x1, lanesBottom(), outage.withAlpha(0.7), 1.2);
            if (span.recovered()) {
                c.line(x2, TOP, x2, lanesBottom(), colour(Tone.CONNECTED).withAlpha(0.8), 1.2);
            }
            String label = span.downLabel();
            double labelX = outageLabelX(x1, lastLabelEnd, label);
            c.text(labelX, TOP + 13, label, 11, outage, Canvas.Anchor.START, true);
            lastLabelEnd = labelX + boldTextWidth(label, 11);
        }
    }

    /** Right of {@code x} and of the label before it; pulled left to stay within the drawing where that overlaps nothing. */
    private static double outageLabelX(double x, double lastLabelEnd, String label) {
        return Math.max(lastLabelEnd + 4, Math.min(x + 3, WIDTH - 6 - boldTextWidth(label, 11)));
    }

    /** Why the link went down, as the statistics say; they find the same outages. */
    private String cause(OutageSpan span) {
        if (stats.client().isPresent()) {
            return stats.client().get().outages().stream().filter(o -> o.faultMs() == span.faultMs())
                    .map(o -> o.fault().map(f -> "fault " + f + ", ").orElse("") + "first sign: " + o.how())
                    .findFirst().orElse("unknown");
        }
        return stats.outages().stream().filter(o -> o.startMs() == span.downMs()).map(Outage::cause).findFirst()
                .orElse("unknown");
    }

    private void states(Canvas c) {
        double top = stateTop();
        for (StateSegment segment : stats.segments()) {
            double x1 = x(segment.startMs());
            double x2 = x(segment.endMs());
            double w = x2 - x1;
            String tip = String.format(Locale.ROOT, "%s from %.1f s to %.1f s (%s)", segment.state(),
                    seconds(segment.startMs()), seconds(segment.endMs()), Durations.seconds(segment.durationMs()));
            c.rect(x1, top + 4, Math.max(w, 0.5), STATE_H - 8, stateColour(EventKinds.state(segment.state())), tip);
            if (w > textWidth(segment.state(), 11) + 8) {
                c.text(x1 + w / 2, top + STATE_H / 2 + 4, segment.state(), 11, colour(Tone.ON_FILL),
                        Canvas.Anchor.MIDDLE, true);
            }
        }
    }

    /** The colour of a state span; {@code null}, a state this version does not know, is drawn as idle. */
    static Rgb stateColour(LinkState state) {
        return colour(EventKinds.tone(state));
    }

    static Rgb colour(Tone tone) {
        return COLOURS.get(tone);
    }

    static Rgb kindColour(Kind kind) {
        return COLOURS.get(kind.tone());
    }

    private static Map<Tone, Rgb> colours(Palette palette) {
        Map<Tone, Rgb> out = new EnumMap<>(Tone.class);
        for (Tone tone : Tone.values()) {
            out.put(tone, Rgb.of(palette.rgb(tone)));
        }
        return out;
    }

    private void heartbeats(Canvas c) {
        double top = beatTop();
        for (JournalEntry entry : entries) {
            double x = x(entry.monoMs());
            LinkEvent event = entry.event();
            if (event instanceof LinkEvent.WsPingSent) {
                stroke(c, x, top, BEAT_H, Kind.PING);
            } else if (event instanceof LinkEvent.WsPong) {
                stroke(c, x, top, BEAT_H, Kind.PONG);
            } else if (event instanceof LinkEvent.Tick) {
                stroke(c, x, top, BEAT_H, Kind.TICK);
            } else if (event instanceof LinkEvent.ProbeOk) {
                stroke(c, x, top, BEAT_H, Kind.PROBE);
            } else if (event instanceof LinkEvent.ProbeFailed failed) {
                c.rect(x - 2, top + 4, 4, BEAT_H - 8, kindColour(Kind.PROBE_FAILED), "probe failed: " + failed.reason());
            }
        }
    }

    private void reconnects(Canvas c) {
        double top = reconnectTop();
        for (JournalEntry entry : entries) {
            double x = x(entry.monoMs());
            LinkEvent event = entry.event();
            if (event instanceof LinkEvent.ReconnectScheduled scheduled) {
                double x2 = x(entry.monoMs() + scheduled.delayMs());
                double w = Math.max(x2 - x, 1.5);
                String tip = String.format(Locale.ROOT, "reconnect #%d in %s (%s, cause %s)", scheduled.attempt(),
                        Durations.seconds(scheduled.delayMs()), scheduled.policy(), scheduled.cause());
                c.rect(x, top + 8, w, RECONNECT_H - 16, kindColour(Kind.BACKOFF).withAlpha(0.85), tip);
                String label = EventKinds.label(scheduled);
                if (w > textWidth(label, 9) + 4) {
                    c.text(x + w / 2, top + RECONNECT_H / 2 + 3, label, 9, TEXT, Canvas.Anchor.MIDDLE, false);
                }
            } else if (event instanceof LinkEvent.ConnectAttempt) {
                stroke(c, x, top, RECONNECT_H, Kind.ATTEMPT);
            } else if (event instanceof LinkEvent.HelloOk) {
                stroke(c, x, top, RECONNECT_H, Kind.HELLO);
            } else if (event instanceof LinkEvent.ReconnectPaused paused) {
                stroke(c, x, top, RECONNECT_H, Kind.PAUSED);
                label(c, x, top + RECONNECT_H / 2 + 4, EventKinds.label(paused), kindColour(Kind.PAUSED));
            }
        }
    }

    /**
     * Every marker is drawn; labels go into the first of three rows with room, important markers
     * (faults, liveness timeouts) first, and a label with no room is left to the tooltip.
     */
    private void faults(Canvas c) {
        double top = faultTop();
        List<Placed> placed = new ArrayList<>();
        for (JournalEntry entry : entries) {
            Marker marker = Marker.of(entry.event());
            if (marker != null) {
                placed.add(new Placed(marker, x(entry.monoMs()), seconds(entry.monoMs())));
            }
        }
        for (Placed p : placed) {
            c.line(p.x(), top + 2, p.x(), top + FAULT_H - 2, p.marker().colour(), p.marker().strong() ? 2.5 : 1.2);
            c.rect(p.x() - 3, top + 2, 6, 6, p.marker().colour(),
                    p.marker().text() + String.format(Locale.ROOT, " at %.1f s", p.seconds()));
        }
        List<List<double[]>> rows = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        placed.stream().sorted(Comparator.comparing((Placed p) -> !p.marker().strong())).forEach(p -> {
            double w = textWidth(p.marker().text(), LABEL_SIZE);
            boolean left = p.x() + 4 + w > RIGHT;
            double from = left ? p.x() - 4 - w : p.x() + 4;
            for (int row = 0; row < rows.size(); row++) {
                if (rows.get(row).stream().noneMatch(span -> from < span[1] + 6 && span[0] < from + w + 6)) {
                    rows.get(row).add(new double[] {from, from + w});
                    label(c, p.x(), top + 15 + row * 14, p.marker().text(), p.marker().colour());
                    return;
                }
            }
        });
    }

    private record Placed(Marker marker, double x, double seconds) {
    }

    private void disposal(Canvas c) {
        double top = disposalTop();
        Double begin = null;
        for (JournalEntry entry : entries) {
            double x = x(entry.monoMs());
            LinkEvent event = entry.event();
            if (event instanceof LinkEvent.DisconnectRequested) {
                stroke(c, x, top, DISPOSAL_H, Kind.DISCONNECT);
                label(c, x, top + 12, "disconnect requested", kindColour(Kind.DISCONNECT));
            } else if (event instanceof LinkEvent.DisposeBegin) {
                begin = entry.monoMs();
                stroke(c, x, top, DISPOSAL_H, Kind.DISPOSE_BEGIN);
            } else if (event instanceof LinkEvent.DisposeEnd end) {
                double x1 = begin == null ? x : x(begin);
                c.rect(x1, top + 8, Math.max(x - x1, 3), DISPOSAL_H - 16, kindColour(Kind.DISPOSE_END),
                        String.format(Locale.ROOT, "dispose_end at %.1f s after %.1f ms", seconds(entry.monoMs()),
                                end.durationMs()));
                c.line(x, top + 3, x, top + DISPOSAL_H - 3, kindColour(Kind.DISPOSE_BEGIN), 2);
                label(c, x1, top + DISPOSAL_H / 2 + 4,
                        String.format(Locale.ROOT, "dispose %.1f ms", end.durationMs()), kindColour(Kind.DISPOSE_BEGIN));
            }
        }
    }

    /** The mark of {@code kind} at {@code x} on a lane from {@code top}, {@code height} high, in its shared shape. */
    static void stroke(Canvas c, double x, double top, double height, Kind kind) {
        MarkShape shape = MarkShape.of(kind);
        c.line(x, top + shape.top() * height, x, top + shape.bottom() * height, kindColour(kind), shape.width());
    }

    /** A small label right of {@code x}, or left of it near the right edge; returns its right end. */
    static double label(Canvas c, double x, double y, String text, Rgb colour) {
        double w = textWidth(text, LABEL_SIZE);
        if (x + 4 + w > RIGHT) {
            c.text(x - 4, y, text, LABEL_SIZE, colour, Canvas.Anchor.END, false);
            return x;
        }
        c.text(x + 4, y, text, LABEL_SIZE, colour, Canvas.Anchor.START, false);
        return x + 4 + w;
    }

    /** Bold glyphs are wider, about 0.7 em. */
    private static double boldTextWidth(String text, double size) {
        return text.length() * size * 0.7;
    }

    /** An estimate good enough for layout: a sans-serif glyph is about 0.6 em wide on average. */
    static double textWidth(String text, double size) {
        return text.length() * size * 0.6;
    }

    /**
     * The shared legend, wrapped into rows that fit between the lane titles and the right edge;
     * with no canvas it is only laid out. Returns the rows it takes.
     */
    private static int legend(Canvas c, double top, List<Legend.Entry> entries) {
        int rows = 1;
        double x = LEFT;
        for (Legend.Entry entry : entries) {
            double w = 17 + textWidth(entry.label(), 11) + 18;
            if (x > LEFT && x + w - 18 > RIGHT) {
                x = LEFT;
                rows++;
            }
            if (c != null) {
                double y = top + (rows - 1) * 20;
                c.rect(x, y - 10, 12, 12, colour(entry.tone()).withAlpha(entry.alpha()), null);
                c.text(x + 17, y, entry.label(), 11, TEXT, Canvas.Anchor.START, false);
            }
            x += w;
        }
        return rows;
    }

    /** What the faults lane marks, and how: the shared label and colour token of its kind. */
    private record Marker(String text, Rgb colour, boolean strong) {

        static Marker of(LinkEvent event) {
            Kind kind = EventKinds.of(event);
            if (kind.lane() != Lane.FAULT || !kind.drawn()) {
                return null;
            }
            return new Marker(EventKinds.label(event), kindColour(kind), kind.strong());
        }
    }
}
