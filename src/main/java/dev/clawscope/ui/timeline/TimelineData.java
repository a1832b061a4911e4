package dev.clawscope.ui.timeline;

import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.Source;
import dev.clawscope.link.LinkState;
import dev.clawscope.timeline.ConnectionSpan;
import dev.clawscope.timeline.ConnectionTracker;
import dev.clawscope.timeline.EventKinds;
import dev.clawscope.timeline.Kind;
import dev.clawscope.timeline.Lane;
import dev.clawscope.timeline.OutageSpan;
import dev.clawscope.timeline.OutageTracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What the timeline of one source draws, kept in journal order: a mark per drawn event on its
 * swimlane (lane and kind from the shared {@link EventKinds} table), the link-state spans or, for an
 * observed client, its connections ({@link ConnectionTracker}), and the outages. The lanes are
 * {@link Lane#of} the source, as in the proof. Confined to the thread that feeds it (the FX thread);
 * bounded to {@code capacity} marks, spans and connections, dropping the oldest tenth when full.
 * Lookups by time are binary searches, so a repaint touches only what is in view.
 */
public final class TimelineData {

    /**
     * One event on a lane at {@code t} (journal {@code mono_ms}). A bar ({@link EventKinds#bar}) runs
     * from {@code t + offsetMs} for {@code durationMs}: a reconnect delay ahead of its line, an
     * observed client's reconnect gap behind its connect. {@code label} is what the mark says beside
     * it ({@link Kind#labelled()}), made once here so a repaint builds no strings; {@code null} for the rest.
     */
    public record Mark(double t, double offsetMs, double durationMs, boolean bar, Lane lane, Kind kind,
            JournalEntry entry, String label) {
        public Mark {
            Objects.requireNonNull(lane, "lane");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(entry, "entry");
        }

        /** Where it starts on the journal clock: {@code t}, or a bar's start. */
        public double start() {
            return t + offsetMs;
        }

        /** Where it ends: {@code t}, or a bar's end. */
        public double end() {
            return t + offsetMs + durationMs;
        }
    }

    /** The link was in {@code state} ({@code null}: a name this version does not know) from {@code start} until the next span starts. */
    public record StateSpan(double start, LinkState state) {
    }

    public static final int DEFAULT_CAPACITY = 100_000;

    private final Source.Kind source;
    private final List<Lane> lanes;
    private final int capacity;
    private final ArrayList<Mark> marks = new ArrayList<>();
    private final ArrayList<StateSpan> spans = new ArrayList<>();
    private final OutageTracker outages = new OutageTracker();
    private final ConnectionTracker connections = new ConnectionTracker();
    /** How far a bar reaches past its mark's {@code t}, and how far before it: the slack of a search by time. */
    private double longestAheadMs;
    private double longestBehindMs;
    private double origin = Double.NaN;
    private double last = Double.NaN;
    private Runnable onChange = () -> { };

    /** The timeline of this app's own link. */
    public TimelineData() {
        this(Source.Kind.GATEWAY_LINK);
    }

    /** The timeline of this app's own link, bounded to {@code capacity}. */
    public TimelineData(int capacity) {
        this(Source.Kind.GATEWAY_LINK, capacity);
    }

    /** The timeline of a journal of {@code source}. */
    public TimelineData(Source.Kind source) {
        this(source, DEFAULT_CAPACITY);
    }

    public TimelineData(Source.Kind source, int capacity) {
        if (capacity < 10) {
            throw new IllegalArgumentException("capacity must be at least 10");
        }
        this.source = Objects.requireNonNull(source, "source");
        this.lanes = Lane.of(source);
        this.capacity = capacity;
    }

    /** Whose journal this is: it decides the lanes, their titles and the legend. */
    public Source.Kind source() {
        return source;
    }

    /** The lanes drawn, top to bottom ({@link Lane#of}). */
    public List<Lane> lanes() {
        return lanes;
    }

    public void addAll(List<JournalEntry> entries) {
        for (JournalEntry entry : entries) {
            add(entry);
        }
    }

    public void add(JournalEntry entry) {
        double t = entry.monoMs();
        if (Double.isNaN(origin)) {
            origin = t;
        }
        last = Double.isNaN(last) ? t : Math.max(last, t);
        onChange.run();
        LinkEvent event = entry.event();
        outages.accept(t, event);
        if (outages.outages().size() > capacity) {
            outages.dropOldest(capacity / 10);
        }
        connections.accept(t, event);
        if (connections.spans().size() > capacity) {
            connections.dropOldest(capacity / 10);
        }
        if (event instanceof LinkEvent.StateChanged changed) {
            spans.add(new StateSpan(t, EventKinds.to(changed)));
            if (spans.size() > capacity) {
                spans.subList(0, capacity / 10).clear();
            }
            return;
        }
        Mark mark = markOf(entry, t);
        if (mark == null) {
            return;
        }
        marks.add(mark);
        longestAheadMs = Math.max(longestAheadMs, mark.end() - t);
        longestBehindMs = Math.max(longestBehindMs, t - mark.start());
        if (marks.size() > capacity) {
            marks.subList(0, capacity / 10).clear();
        }
    }

    /** The entry's mark by the shared classification; none for a state change (a span) or a kind not drawn. */
    private static Mark markOf(JournalEntry entry, double t) {
        LinkEvent event = entry.event();
        Kind kind = EventKinds.of(event);
        if (kind == Kind.STATE || !kind.drawn()) {
            return null;
        }
        EventKinds.Bar bar = EventKinds.bar(event);
        return new Mark(t, bar == null ? 0 : bar.offsetMs(), bar == null ? 0 : Math.max(0, bar.lengthMs()),
                bar != null, kind.lane(), kind, entry, kind.labelled() ? EventKinds.label(event) : null);
    }

    /** Marks that overlap {@code [from, to]}, in the order of their lines; a bar that began earlier counts. */
    public List<Mark> visible(double from, double to) {
        List<Mark> out = new ArrayList<>();
        forEachVisible(from, to, out::add);
        return out;
    }

    /** Calls {@code action} for each mark overlapping {@code [from, to]} without building a list. */
    public void forEachVisible(double from, double to, Consumer<Mark> action) {
        int i = firstAtOrAfter(marks, from - longestAheadMs);
        for (; i < marks.size(); i++) {
            Mark m = marks.get(i);
            if (m.t() > to + longestBehindMs) {
                break;
            }
            if (m.end() >= from && m.start() <= to) {
                action.accept(m);
            }
        }
    }

    /**
     * An observed client's connections overlapping {@code [from, to]}, in the order they opened; one
     * still open runs until {@code now}. Visits those that opened before {@code to}: a connection
     * may last the whole session.
     */
    public void forEachConnection(double from, double to, double now, Consumer<ConnectionSpan> action) {
        List<ConnectionSpan> all = connections.spans();
        for (int i = 0; i < all.size(); i++) {
            ConnectionSpan span = all.get(i);
            if (span.openMs() > to) {
                break;
            }
            if (span.endOr(now) >= from) {
                action.accept(span);
            }
        }
    }

    /** The most connections the client had open at once: the rows its connections lane needs. */
    public int connectionRows() {
        return connections.rows();
    }

    /** The client's connections so far, oldest first; the last ones may still be open. */
    public List<ConnectionSpan> connections() {
        return List.copyOf(connections.spans());
    }

    /** State spans overlapping {@code [from, to]}, each with its end (the next span's start, or {@code now}). */
    public void forEachSpan(double from, double to, double now, SpanAction action) {
        int lo = 0;
        int hi = spans.size() - 1;
        int first = spans.size();
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (spans.get(mid).start() >= from) {
                first = mid;
                hi = mid - 1;
            } else {
                lo = mid + 1;
            }
        }
        for (int i = Math.max(0, first - 1); i < spans.size(); i++) {
            StateSpan span = spans.get(i);
            if (span.start() > to) {
                break;
            }
            double end = i + 1 < spans.size() ? spans.get(i + 1).start() : now;
            if (end >= from) {
                action.span(span.start(), end, span.state());
            }
        }
    }

    /** Outages overlapping {@code [from, to]}, their undetected part included; an open one ends at {@code now}. */
    public void forEachOutage(double from, double to, double now, Consumer<OutageSpan> action) {
        List<OutageSpan> all = outages.outages();
        for (int i = 0; i < all.size(); i++) {
            OutageSpan outage = all.get(i);
            if (outage.faultMs() <= to && outage.endOr(now) >= from) {
                action.accept(outage);
            }
        }
    }

    /** The outages so far, oldest first; the last may still be open. */
    public List<OutageSpan> outages() {
        return List.copyOf(outages.outages());
    }

    /** Receives one state span. */
    @FunctionalInterface
    public interface SpanAction {
        void span(double start, double end, LinkState state);
    }

    private static int firstAtOrAfter(List<Mark> list, double t) {
        int lo = 0;
        int hi = list.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (list.get(mid).t() < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The mark nearest to {@code t} on {@code lane} within {@code toleranceMs}, if any. */
    public Mark nearest(Lane lane, double t, double toleranceMs) {
        Mark best = null;
        double bestDistance = toleranceMs;
        int i = firstAtOrAfter(marks, t - toleranceMs - longestAheadMs);
        for (; i < marks.size(); i++) {
            Mark m = marks.get(i);
            if (m.t() > t + toleranceMs + longestBehindMs) {
                break;
            }
            if (m.lane() != lane) {
                continue;
            }
            double distance = m.bar() && t >= m.start() && t <= m.end() ? 0 : Math.abs(m.t() - t);
            if (distance <= bestDistance) {
                best = m;
                bestDistance = distance;
            }
        }
        return best;
    }

    public int size() {
        return marks.size();
    }

    public List<Mark> marks() {
        return List.copyOf(marks);
    }

    /** The first entry's time, NaN while empty. */
    public double origin() {
        return origin;
    }

    /** The latest entry's time, NaN while empty. */
    public double last() {
        return last;
    }

    /** Called on every {@link #add}, on the thread that adds (the FX thread); one listener, the view, which repaints. */
    public void setOnChange(Runnable listener) {
        onChange = listener == null ? () -> { } : listener;
    }
}
