package dev.clawscope.ui.inspector;

import dev.clawscope.journal.ClosedBy;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.Source;
import dev.clawscope.link.LinkState;
import dev.clawscope.ui.FxThread;
import dev.clawscope.ui.timeline.TimelineData;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What happened, on the FX thread: the session's journal entries as the event table's rows and
 * the live timeline's marks, and the one message they call for (a gateway that cannot be
 * reached). Fed in batches by {@link InspectorViewModel} while the window shows.
 */
public final class EventsModel {

    /** Rows kept for the table; the journal ring holds as many. */
    public static final int MAX_ROWS = 100_000;
    private static final String UNREACHABLE = "Cannot reach ";
    private static final long ROW_FLUSH_NS = 100_000_000L;
    /** How long the first of a few entries waits for the others: a ping's pong, the rest of a reconnect. */
    private static final long GATHER_NS = 50_000_000L;

    private final String gatewayLabel;
    private final StatusLineModel statusLine;
    private final DoubleSupplier clock;
    private final TimelineData timeline;
    private final ObservableList<JournalEntry> entries = FXCollections.observableArrayList();
    private final ObservableList<JournalEntry> readOnlyEntries = FXCollections.unmodifiableObservableList(entries);
    /** Rows waiting for the next table update, and when the last one was. */
    private final List<JournalEntry> pendingRows = new ArrayList<>();
    private final FxThread.Later rowFlush = new FxThread.Later(this::flushRows);
    private long lastFlushNs;
    private long lastSeqSeen;
    /** The link's state and connection as the journal told them, for messages about events. */
    private LinkState journalState = LinkState.IDLE;
    private boolean journalConnected;

    /**
     * @param gatewayLabel the gateway as messages name it
     * @param source whose journal it is, which decides the timeline's lanes
     * @param statusLine where a message about the events goes
     * @param clock the journal's clock ({@code mono_ms} now), which the timeline's present is
     */
    EventsModel(String gatewayLabel, Source.Kind source, StatusLineModel statusLine, DoubleSupplier clock) {
        this.gatewayLabel = gatewayLabel;
        this.timeline = new TimelineData(source);
        this.statusLine = statusLine;
        this.clock = clock;
    }

    /** The table's rows, oldest first, at most {@link #MAX_ROWS}; read-only. */
    public ObservableList<JournalEntry> entries() {
        return readOnlyEntries;
    }

    /** The live timeline's data. */
    public TimelineData timeline() {
        return timeline;
    }

    /** The journal's clock: {@code mono_ms} now. */
    public DoubleSupplier clock() {
        return clock;
    }

    /** Applies a batch of journal entries; entries seen before (a backlog overlapping the live feed) are skipped. */
    void apply(List<JournalEntry> batch) {
        long lastSeq = lastSeqSeen;
        List<JournalEntry> fresh = batch.stream().filter(e -> e.seq() > lastSeq).toList();
        if (fresh.isEmpty()) {
            return;
        }
        lastSeqSeen = fresh.get(fresh.size() - 1).seq();
        for (JournalEntry entry : fresh) {
            derive(entry);
        }
        pendingRows.addAll(fresh);
        if (pendingRows.size() > MAX_ROWS) {
            pendingRows.subList(0, pendingRows.size() - MAX_ROWS).clear();
        }
        long sinceFlushNs = System.nanoTime() - lastFlushNs;
        rowFlush.schedule(Math.max(GATHER_NS, ROW_FLUSH_NS - sinceFlushNs) / 1_000_000);
    }

    /**
     * Hands pending entries to the table and the timeline in one change, {@link #GATHER_NS} after
     * the first of them: what arrives together (a ping and its pong, a millisecond apart) costs one
     * table update and one repaint. Under a flood of events the table takes them ten times a second
     * at most: each change costs it a pass over its rows, and smaller, more frequent changes keep
     * every pulse short (InspectorBenchmark measured 4 and 2 per second as worse).
     */
    private void flushRows() {
        lastFlushNs = System.nanoTime();
        if (pendingRows.isEmpty()) {
            return;
        }
        List<JournalEntry> rows = new ArrayList<>(pendingRows);
        pendingRows.clear();
        timeline.addAll(rows);
        int overflow = entries.size() + rows.size() - MAX_ROWS;
        if (overflow > 0) {
            // Trim a tenth at a time: each removal at the front costs the table a pass over every row.
            entries.remove(0, Math.min(Math.max(overflow, MAX_ROWS / 10), entries.size()));
        }
        entries.addAll(rows);
    }

    /** Turns what happened into a message for the user. */
    private void derive(JournalEntry entry) {
        LinkEvent event = entry.event();
        if (event instanceof LinkEvent.StateChanged changed) {
            journalState = LinkState.fromWire(changed.to());
            journalConnected &= journalState == LinkState.CONNECTED;
        } else if (event instanceof LinkEvent.HelloOk) {
            journalConnected = true;
            statusLine.clearIfShowing(UNREACHABLE);
        } else if (event instanceof LinkEvent.Closed closed && closed.by() != ClosedBy.CLIENT
                && !journalConnected && journalState != LinkState.HANDSHAKING) {
            // A socket that never got through: say so in words, the journal has the details.
            statusLine.show(UNREACHABLE + gatewayLabel + ": "
                    + (closed.reason().isEmpty() ? "closed " + closed.code() : closed.reason().replaceAll("\\.+$", ""))
                    + ". Retrying with backoff; check the address and that the gateway runs.");
        }
    }
}
