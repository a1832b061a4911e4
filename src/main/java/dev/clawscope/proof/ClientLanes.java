package dev.clawscope.proof;

import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.timeline.ConnectionSpan;
import dev.clawscope.timeline.ConnectionTracker;
import dev.clawscope.timeline.EventKinds;
import dev.clawscope.timeline.Kind;
import dev.clawscope.timeline.Lane;
import dev.clawscope.timeline.MarkShape;
import dev.clawscope.timeline.Tone;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The lanes of an observed client's {@link Timeline}: its connections (one bar each, labelled with
 * its {@code #conn}), its heartbeats and RPC calls as marks of the shared classification, its
 * connects and the reconnect gaps it chose. The faults lane is the link's.
 */
final class ClientLanes {

    /** Rows for connections open at once; more share them. */
    static final int MAX_ROWS = 3;
    /** Marks of one kind closer than this many pixels are drawn once: the drawing follows pixels, not events. */
    private static final double MIN_SPACING_PX = 0.75;

    private final Timeline timeline;
    private final List<JournalEntry> entries;

    ClientLanes(Timeline timeline, List<JournalEntry> entries) {
        this.timeline = timeline;
        this.entries = entries;
    }

    /**
     * A bar per connection: opening until its hello ok, up until its first close frame, closing
     * until it is gone; labelled {@code #3} where it has room.
     */
    void connections(Canvas c, double top, double height) {
        ConnectionTracker tracker = new ConnectionTracker();
        entries.forEach(e -> tracker.accept(e.monoMs(), e.event()));
        int rows = Math.max(1, Math.min(MAX_ROWS, tracker.rows()));
        double rowH = (height - 8) / rows;
        double end = timeline.stats().endMs();
        for (ConnectionSpan span : tracker.spans()) {
            double y = top + 4 + (span.row() % rows) * rowH;
            double h = rows > 1 ? rowH - 1 : rowH;
            double usable = span.usableUntil(end);
            double opened = span.accepted() ? span.helloMs() : usable;
            part(c, span, "opening", span.openMs(), opened, y, h, ConnectionSpan.OPENING);
            if (span.accepted()) {
                part(c, span, "up", span.helloMs(), usable, y, h, ConnectionSpan.UP);
            }
            if (span.closing()) {
                part(c, span, "closing", span.closingMs(), span.endOr(end), y, h, ConnectionSpan.CLOSING);
            }
            double x0 = timeline.x(span.openMs());
            double x1 = timeline.x(usable);
            double size = Math.min(11, h - 2);
            if (size >= 7 && x1 - x0 > Timeline.textWidth(span.label(), size) + 6) {
                c.text((x0 + x1) / 2, y + h / 2 + size * 0.36, span.label(), size, Timeline.colour(Tone.ON_FILL),
                        Canvas.Anchor.MIDDLE, true);
            }
        }
    }

    private void part(Canvas c, ConnectionSpan span, String what, double from, double to, double y, double h,
            Tone tone) {
        double x0 = timeline.x(from);
        boolean open = !span.ended() && to >= timeline.stats().endMs();
        String tip = String.format(Locale.ROOT, "%s %s from %.1f s to %.1f s (%s)%s", span.label(), what,
                timeline.seconds(from), timeline.seconds(to), Durations.seconds(to - from),
                open ? ", open at the end" : "");
        c.rect(x0, y, Math.max(timeline.x(to) - x0, 0.5), h, Timeline.colour(tone), tip);
    }

    /** Every drawn mark of {@code lane} in its shared shape; a failed call also says what failed on hover. */
    void marks(Canvas c, Lane lane, double top, double height) {
        double[] lastX = new double[Kind.values().length];
        Arrays.fill(lastX, Double.NEGATIVE_INFINITY);
        for (JournalEntry entry : entries) {
            Kind kind = EventKinds.of(entry.event());
            if (kind.lane() != lane || !kind.drawn()) {
                continue;
            }
            double x = timeline.x(entry.monoMs());
            if (x - lastX[kind.ordinal()] < MIN_SPACING_PX) {
                continue;
            }
            lastX[kind.ordinal()] = x;
            if (kind == Kind.PEER_RESPONSE_FAILED || kind == Kind.PEER_PONG_DROPPED) {
                MarkShape shape = MarkShape.of(kind);
                c.rect(x - shape.width() / 2, top + shape.top() * height, shape.width(),
                        (shape.bottom() - shape.top()) * height, Timeline.kindColour(kind),
                        EventKinds.label(entry.event()) + String.format(Locale.ROOT, " at %.1f s",
                                timeline.seconds(entry.monoMs())));
            } else {
                Timeline.stroke(c, x, top, height, kind);
            }
        }
    }

    /**
     * Each reconnect gap as a bar ending at the connect that closed it, labelled {@code #3 after 1.2 s}
     * where it has room; each connect and hello ok as a mark, a connect labelled {@code #3} where the
     * gap's label is not.
     */
    void reconnects(Canvas c, double top, double height) {
        Set<Integer> barLabelled = new HashSet<>();
        for (JournalEntry entry : entries) {
            EventKinds.Bar bar = EventKinds.bar(entry.event());
            if (entry.event() instanceof LinkEvent.PeerReconnect gap && bar != null) {
                double x0 = timeline.x(entry.monoMs() + bar.offsetMs());
                double x1 = timeline.x(entry.monoMs() + bar.offsetMs() + bar.lengthMs());
                double w = Math.max(x1 - x0, 1.5);
                String tip = String.format(Locale.ROOT, "#%d opened %s after #%d ended%s", gap.conn(),
                        Durations.seconds(gap.gapMs()), gap.after(), gap.fault() == null ? ""
                                : " (" + gap.fault() + " in force)");
                c.rect(x0, top + 8, w, height - 16, Timeline.kindColour(Kind.PEER_RECONNECT).withAlpha(0.85), tip);
                String label = EventKinds.label(gap);
                if (w > Timeline.textWidth(label, 9) + 4) {
                    c.text(x0 + w / 2, top + height / 2 + 3, label, 9, Timeline.colour(Tone.TEXT),
                            Canvas.Anchor.MIDDLE, false);
                    barLabelled.add(gap.conn());
                }
            }
        }
        double labelEnd = Double.NEGATIVE_INFINITY;
        for (JournalEntry entry : entries) {
            LinkEvent event = entry.event();
            Kind kind = EventKinds.of(event);
            if (kind.lane() != Lane.RECONNECT || !kind.drawn() || kind == Kind.PEER_RECONNECT) {
                continue;
            }
            double x = timeline.x(entry.monoMs());
            Timeline.stroke(c, x, top, height, kind);
            if (event instanceof LinkEvent.PeerConnect connect && !barLabelled.contains(connect.conn())
                    && x > labelEnd) {
                labelEnd = Timeline.label(c, x, top + 11, EventKinds.label(event), Timeline.kindColour(kind)) + 4;
            }
        }
    }
}
