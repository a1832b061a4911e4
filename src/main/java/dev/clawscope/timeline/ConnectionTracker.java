package dev.clawscope.timeline;

import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * An observed client's connections from its {@code peer_*} lines, fed one entry at a time in
 * journal order, like {@link OutageTracker}. Each connection gets the lowest row no other open
 * connection holds. Not thread-safe; confined to its feeder.
 */
public final class ConnectionTracker {

    private final List<ConnectionSpan> spans = new ArrayList<>();
    /** Open connections: conn to its span's position counting the dropped ones (only ended ones are dropped). */
    private final Map<Integer, Integer> open = new HashMap<>();
    private final BitSet rowsInUse = new BitSet();
    private int dropped;
    private int rows;

    /** Takes the next entry: its {@code mono_ms} and event; lines of this app's own link are ignored. */
    public void accept(double at, LinkEvent event) {
        if (event instanceof LinkEvent.PeerConnect connect) {
            if (open.containsKey(connect.conn())) {
                return;
            }
            int row = rowsInUse.nextClearBit(0);
            rowsInUse.set(row);
            rows = Math.max(rows, row + 1);
            open.put(connect.conn(), dropped + spans.size());
            spans.add(new ConnectionSpan(connect.conn(), row, at, Double.NaN, Double.NaN, Double.NaN));
        } else if (event instanceof LinkEvent.PeerHelloOk hello) {
            update(hello.conn(), s -> s.hello(at));
        } else if (event instanceof LinkEvent.PeerClose close) {
            update(close.conn(), s -> s.closingAt(at));
        } else if (event instanceof LinkEvent.PeerDisconnect gone) {
            ConnectionSpan s = update(gone.conn(), g -> g.end(at));
            if (s != null) {
                open.remove(gone.conn());
                rowsInUse.clear(s.row());
            }
        }
    }

    /** Changes the span of open connection {@code conn}; returns the new span, or null for a connection not open. */
    private ConnectionSpan update(int conn, UnaryOperator<ConnectionSpan> change) {
        Integer position = open.get(conn);
        if (position == null) {
            return null;
        }
        ConnectionSpan changed = change.apply(spans.get(position - dropped));
        spans.set(position - dropped, changed);
        return changed;
    }

    /** The connections so far in the order they opened, some possibly still open; a live view of the list. */
    public List<ConnectionSpan> spans() {
        return Collections.unmodifiableList(spans);
    }

    /** The most connections that were open at once: the rows the lane needs. */
    public int rows() {
        return rows;
    }

    /** Forgets the oldest {@code count} connections that have ended (a bounded timeline drops its oldest entries). */
    public void dropOldest(int count) {
        int n = 0;
        while (n < Math.min(count, spans.size()) && spans.get(n).ended()) {
            n++;
        }
        if (n > 0) {
            spans.subList(0, n).clear();
            dropped += n;
        }
    }

    /** All connections of {@code entries}, in the order they opened. */
    public static List<ConnectionSpan> of(Iterable<JournalEntry> entries) {
        ConnectionTracker tracker = new ConnectionTracker();
        for (JournalEntry entry : entries) {
            tracker.accept(entry.monoMs(), entry.event());
        }
        return List.copyOf(tracker.spans);
    }
}
