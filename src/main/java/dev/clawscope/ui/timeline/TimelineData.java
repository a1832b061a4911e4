package dev.clawscope.ui.timeline;

import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.link.LinkState;
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
 * What the timeline draws, kept in journal order: a mark per drawn event on its swimlane (lane and
 * kind from the shared {@link EventKinds} table), the link-state spans and the outages. Confined to the thread that feeds it (the FX thread); bounded to {@code
 * capacity} marks, dropping the oldest tenth when full. Lookups by time are binary searches, so a
 * repaint touches only what is in view.
 */
public final class TimelineData {

    /**
     * One event on a lane at {@code t} (journal {@code mono_ms}); a backoff lasts {@code durationMs}.
     * {@code label} is what the mark says beside it (faults lane, reconnect delays and pauses),
     * made once here so a repaint builds no strings; {@code null} for the rest.
     */
    public record Mark(double t, double durationMs, Lane lane, Kind kind, JournalEntry entry, String label) {
        public Mark {
            Objects.requireNonNull(lane, "lane");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(entry, "entry");
        }
    }

    /** The link was in {@code state} ({@code null}: a name this version does not know) from {@code start} until the next span starts. */
    public record StateSpan(double start, LinkState state) {
    }

    public static final int DEFAULT_CAPACITY = 100_000;

    private final int capacity;
    private final ArrayList<Mark> marks = new ArrayList<>();
    private final ArrayList<StateSpan> spans = new ArrayList<>();
    private final OutageTracker outages = new OutageTracker();
    private double longestMs;
    private double origin = Double.NaN;
    private double last = Double.NaN;
    private Runnable onChange = () -> { };

    public TimelineData() {
        this(DEFAULT_CAPACITY);
    }

    public TimelineData(int capacity) {
        if (capacity < 10) {
            throw new IllegalArgumentException("capacity must be at least 10");
        }
        this.capacity = capacity;
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
        longestMs = Math.max(longestMs, mark.durationMs());
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
        double durationMs = event instanceof LinkEvent.ReconnectScheduled scheduled ? scheduled.delayMs() : 0;
        boolean labelled = kind.lane() == Lane.FAULT || kind == Kind.BACKOFF || kind == Kind.PAUSED;
        return new Mark(t, durationMs, kind.lane(), kind, entry, labelled ? EventKinds.label(event) : null);
    }

    /** Marks that overlap {@code [from, to]}, in time order; a backoff bar that began earlier counts. */
    public List<Mark> visible(double from, double to) {
        List<Mark> out = new ArrayList<>();
        forEachVisible(from, to, out::add);
        return out;
    }

    /** Calls {@code action} for each mark overlapping {@code [from, to]} without building a list. */
    public void forEachVisible(double from, double to, Consumer<Mark> action) {
        int i = firstAtOrAfter(marks, from - longestMs);
        for (; i < marks.size(); i++) {
            Mark m = marks.get(i);
            if (m.t() > to) {
                break;
            }
            if (m.t() + m.durationMs() >= from) {
                action.accept(m);
            }
        }
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
        int i = firstAtOrAfter(marks, t - toleranceMs - longestMs);
        for (; i < marks.size(); i++) {
            Mark m = marks.get(i);
            if (m.t() > t + toleranceMs) {
                break;
            }
            if (m.lane() != lane) {
                continue;
            }
            double distance = m.durationMs() > 0 && t >= m.t() && t <= m.t() + m.durationMs() ? 0 : Math.abs(m.t() - t);
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
