package dev.clawscope.ui.inspector;

import dev.clawscope.chaos.Fault;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.RedactionRules;
import dev.clawscope.journal.Subscription;
import dev.clawscope.link.LinkState;
import dev.clawscope.link.LinkStatus;
import dev.clawscope.operator.GatewayGlance;
import dev.clawscope.operator.Operator;
import dev.clawscope.proof.ProofBundle;
import dev.clawscope.render.AwtPngRenderer;
import dev.clawscope.session.GatewaySession;
import dev.clawscope.ui.FxThread;
import dev.clawscope.ui.timeline.TimelineData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The inspector's presentation state on the FX thread: what is true now from the link's status (a
 * current value, never stale), what happened from the session's journal; and
 * its commands, which run on one background thread so the FX thread never waits on the link, the
 * fault proxy or the disk. Subscribes on {@link #activate()} (seeding from the journal's backlog)
 * and lets go on {@link #deactivate()}.
 */
public final class InspectorViewModel {

    /** Rows kept for the table; the journal ring holds as many. */
    public static final int MAX_ROWS = 100_000;
    private static final int BRIDGE_CAPACITY = 200_000;
    private static final String UNREACHABLE = "Cannot reach ";
    private static final dev.clawscope.journal.JournalClock CLOCK = dev.clawscope.journal.JournalClock.system();

    private final GatewaySession session;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "inspector-commands");
        t.setDaemon(true);
        return t;
    });
    private final TimelineData timeline = new TimelineData();
    private final ObservableList<JournalEntry> entries = FXCollections.observableArrayList();
    private FxThread.Batcher<JournalEntry> bridge;
    private static final long ROW_FLUSH_NS = 100_000_000L;
    /** FX thread only: rows waiting for the next table update, and when the last one was. */
    private final List<JournalEntry> pendingRows = new ArrayList<>();
    private long lastFlushNs;
    private long lastSeqSeen;
    private final javafx.animation.PauseTransition rowFlush = new javafx.animation.PauseTransition();
    private volatile RedactionRules redaction = RedactionRules.defaults();
    private Subscription subscription;
    private Subscription statusSubscription;
    /** FX thread only: the link's state and connection as the journal told them, for messages about events. */
    private LinkState journalState = LinkState.IDLE;
    private boolean journalConnected;

    // Properties
    private final ReadOnlyObjectWrapper<LinkState> state = new ReadOnlyObjectWrapper<>(this, "state", LinkState.IDLE);
    private final ReadOnlyStringWrapper serverVersion = new ReadOnlyStringWrapper(this, "serverVersion", "");
    private final ReadOnlyDoubleWrapper connectedSince = new ReadOnlyDoubleWrapper(this, "connectedSince", Double.NaN);
    private final ReadOnlyDoubleWrapper lastRttMs = new ReadOnlyDoubleWrapper(this, "lastRttMs", Double.NaN);
    private final ReadOnlyIntegerWrapper reconnects = new ReadOnlyIntegerWrapper(this, "reconnects", 0);
    private final ReadOnlyDoubleWrapper nextRetryAt = new ReadOnlyDoubleWrapper(this, "nextRetryAt", Double.NaN);
    private final ReadOnlyStringWrapper pauseHint = new ReadOnlyStringWrapper(this, "pauseHint", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyObjectWrapper<Path> lastExport = new ReadOnlyObjectWrapper<>(this, "lastExport");

    public InspectorViewModel(GatewaySession session) {
        this.session = session;
        rowFlush.setOnFinished(e -> flushRows());
    }

    // ---- lifecycle ---------------------------------------------------------------------------------

    /**
     * Follows the link's status and seeds from what the journal holds and follows it; call on the
     * FX thread when the view shows.
     */
    public void activate() {
        if (subscription != null) {
            return;
        }
        statusSubscription = session.onStatus("inspector", FxThread::run, this::show);
        bridge = new FxThread.Batcher<>(BRIDGE_CAPACITY, this::apply);
        FxThread.Batcher<JournalEntry> feed = bridge;
        subscription = session.journal().subscribeWithBacklog("inspector", feed::offer);
    }

    /** Lets go of the status and the journal; call when the view hides. */
    public void deactivate() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
            statusSubscription.close();
            statusSubscription = null;
        }
        if (bridge != null) {
            bridge.close();
            bridge = null;
        }
    }

    /** Stops the command thread and closes the session (the window is closing). */
    public void shutdown() {
        deactivate();
        worker.shutdown();
        CompletableFuture.runAsync(session::close);
    }

    /** Applies a batch of journal entries; FX thread. */
    void apply(List<JournalEntry> batch) {
        long lastSeq = lastSeqSeen;
        List<JournalEntry> fresh = batch.stream().filter(e -> e.seq() > lastSeq).toList();
        if (fresh.isEmpty()) {
            return;
        }
        lastSeqSeen = fresh.get(fresh.size() - 1).seq();
        timeline.addAll(fresh);
        for (JournalEntry entry : fresh) {
            derive(entry);
        }
        pendingRows.addAll(fresh);
        if (pendingRows.size() > MAX_ROWS) {
            pendingRows.subList(0, pendingRows.size() - MAX_ROWS).clear();
        }
        long now = System.nanoTime();
        if (now - lastFlushNs >= ROW_FLUSH_NS) {
            flushRows();
        } else if (!rowFlush.getStatus().equals(javafx.animation.Animation.Status.RUNNING)) {
            rowFlush.setDuration(javafx.util.Duration.millis((ROW_FLUSH_NS - (now - lastFlushNs)) / 1e6));
            rowFlush.playFromStart();
        }
    }

    /**
     * Hands pending rows to the table in one change. Under a flood of events the table takes them
     * ten times a second at most: each change costs it a pass over its rows, and smaller, more
     * frequent changes keep every pulse short (InspectorBenchmark measured 4 and 2 per second as worse).
     */
    private void flushRows() {
        lastFlushNs = System.nanoTime();
        if (pendingRows.isEmpty()) {
            return;
        }
        List<JournalEntry> rows = new ArrayList<>(pendingRows);
        pendingRows.clear();
        int overflow = entries.size() + rows.size() - MAX_ROWS;
        if (overflow > 0) {
            // Trim a tenth at a time: each removal at the front costs the table a pass over every row.
            entries.remove(0, Math.min(Math.max(overflow, MAX_ROWS / 10), entries.size()));
        }
        entries.addAll(rows);
    }

    /** Shows the link's current status; FX thread. */
    private void show(LinkStatus status) {
        state.set(status.state());
        serverVersion.set(status.serverVersion() == null ? "" : status.serverVersion());
        connectedSince.set(status.connectedSinceMonoMs());
        lastRttMs.set(status.lastRttMs());
        reconnects.set((int) Math.min(Integer.MAX_VALUE, status.reconnects()));
        nextRetryAt.set(status.nextRetryMonoMs());
        pauseHint.set(status.state() != LinkState.PAUSED ? "" : status.pauseHint() != null ? status.pauseHint()
                : status.pauseReason() + (status.pauseDetail() == null ? "" : " (" + status.pauseDetail() + ")"));
    }

    /** Turns what happened into a message for the user; FX thread. */
    private void derive(JournalEntry entry) {
        LinkEvent event = entry.event();
        if (event instanceof LinkEvent.StateChanged changed) {
            journalState = LinkState.fromWire(changed.to());
            journalConnected &= journalState == LinkState.CONNECTED;
        } else if (event instanceof LinkEvent.HelloOk) {
            journalConnected = true;
            if (message.get().startsWith(UNREACHABLE)) {
                message.set("");
            }
        } else if (event instanceof LinkEvent.Closed closed && closed.by() != dev.clawscope.journal.ClosedBy.CLIENT
                && !journalConnected && journalState != LinkState.HANDSHAKING) {
            // A socket that never got through: say so in words, the journal has the details.
            message.set(UNREACHABLE + session.gatewayLabel() + ": "
                    + (closed.reason().isEmpty() ? "closed " + closed.code() : closed.reason().replaceAll("\\.+$", ""))
                    + ". Retrying with backoff; check the address and that the gateway runs.");
        }
    }

    // ---- properties -------------------------------------------------------------------------------

    public ReadOnlyObjectProperty<LinkState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty serverVersionProperty() {
        return serverVersion.getReadOnlyProperty();
    }

    /** {@code mono_ms} of the current connection's hello-ok, NaN when not connected. */
    public ReadOnlyDoubleProperty connectedSinceProperty() {
        return connectedSince.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty lastRttMsProperty() {
        return lastRttMs.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty reconnectsProperty() {
        return reconnects.getReadOnlyProperty();
    }

    /** {@code mono_ms} the next attempt is due, NaN outside backoff. */
    public ReadOnlyDoubleProperty nextRetryAtProperty() {
        return nextRetryAt.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty pauseHintProperty() {
        return pauseHint.getReadOnlyProperty();
    }

    /** The latest problem or result to show the user, one line. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> lastExportProperty() {
        return lastExport.getReadOnlyProperty();
    }

    public ObservableList<JournalEntry> entries() {
        return entries;
    }

    public TimelineData timeline() {
        return timeline;
    }

    /** The gateway as shown to people. */
    public String gatewayLabel() {
        return session.gatewayLabel();
    }

    public boolean isDemo() {
        return session.isDemo();
    }

    /** Whether faults can be injected (the link runs through the proxy). */
    public boolean faultInjection() {
        return session.faultInjection();
    }

    /** Where the gateway's address came from (settings, a local OpenClaw config, …). */
    public String origin() {
        return session.choice().origin();
    }

    /** One line on the gateway as the operator sees it (blank before it said anything), at wall time {@code nowMs}. */
    public String glanceLine(long nowMs) {
        Operator operator = session.operator();
        GatewayGlance seen = operator.glance();
        return seen.serverVersion() == null ? " " : "Gateway " + seen.summary(nowMs)
                + pending(operator.pairings().size() + operator.execApprovals().size());
    }

    private static String pending(int n) {
        return n == 0 ? "" : " · " + n + (n == 1 ? " pending approval" : " pending approvals") + " (tray menu)";
    }

    /** Entries the bridge dropped because the FX thread fell behind (the journal still has them). */
    public long droppedOnTheWay() {
        FxThread.Batcher<JournalEntry> b = bridge;
        return b == null ? 0 : b.dropped();
    }

    /** The session's clock: {@code mono_ms} now. */
    public static double nowMs() {
        return CLOCK.monoMs();
    }

    /** The redaction options exports use (from the settings). */
    public void setRedactionRules(RedactionRules rules) {
        redaction = java.util.Objects.requireNonNull(rules, "rules");
    }

    // ---- commands ----------------------------------------------------------------------------------

    public CompletableFuture<Void> connect() {
        return command("connect", session::connect);
    }

    public CompletableFuture<Void> disconnect() {
        return command("disconnect", session::disconnect);
    }

    public CompletableFuture<Void> reconnectNow() {
        return command("reconnect", session::reconnectNow);
    }

    public CompletableFuture<Void> recreateLink() {
        return command("recreate the link", session::recreateLink);
    }

    public CompletableFuture<Void> inject(Fault fault) {
        return command("inject " + fault.describe(), () -> session.inject(fault));
    }

    /** Writes the redacted proof bundle into {@code dir} off the FX thread; {@link #busyProperty()} meanwhile. */
    public CompletableFuture<ProofBundle> exportProof(Path dir) {
        busy.set(true);
        message.set("Writing the proof bundle to " + dir + " …");
        CompletableFuture<ProofBundle> result = CompletableFuture.supplyAsync(() -> {
            try {
                return session.exportProof(dir, new AwtPngRenderer(), redaction);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, worker);
        result.whenComplete((bundle, error) -> FxThread.run(() -> {
            busy.set(false);
            if (error != null) {
                message.set("Export failed: " + rootMessage(error));
            } else {
                lastExport.set(bundle.dir());
                message.set("Proof bundle written to " + bundle.dir()
                        + bundle.pngSkipped().map(why -> " (no PNG: " + why + ")").orElse(""));
            }
        }));
        return result;
    }

    private CompletableFuture<Void> command(String what, Runnable action) {
        CompletableFuture<Void> result = CompletableFuture.runAsync(action, worker);
        result.whenComplete((ok, error) -> {
            if (error != null) {
                FxThread.run(() -> message.set("Could not " + what + ": " + rootMessage(error)));
            }
        });
        return result;
    }

    /** Shows {@code text} on the status line until something newer replaces it (a notice from startup, say). */
    public void showMessage(String text) {
        message.set(text);
    }

    /** The innermost cause's message, for one line in the window. */
    public static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage();
        return text == null || text.isBlank() ? root.getClass().getSimpleName() : text;
    }

    /** {@code 1m 05s}, {@code 42s}, {@code 1h 02m}. */
    static String formatDuration(double ms) {
        long s = Math.max(0, Math.round(ms / 1000));
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
    }
}
