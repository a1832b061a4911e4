package dev.clawscope.ui.inspector;

import dev.clawscope.chaos.Fault;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.RedactionRules;
import dev.clawscope.journal.Subscription;
import dev.clawscope.link.LinkState;
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
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The inspector's presentation state, derived from the session's journal on the FX thread, and
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

    // Properties
    private final ObjectProperty<LinkState> state = new SimpleObjectProperty<>(this, "state", LinkState.IDLE);
    private final StringProperty serverVersion = new SimpleStringProperty(this, "serverVersion", "");
    private final DoubleProperty connectedSince = new SimpleDoubleProperty(this, "connectedSince", Double.NaN);
    private final DoubleProperty lastRttMs = new SimpleDoubleProperty(this, "lastRttMs", Double.NaN);
    private final IntegerProperty reconnects = new SimpleIntegerProperty(this, "reconnects", 0);
    private final DoubleProperty nextRetryAt = new SimpleDoubleProperty(this, "nextRetryAt", Double.NaN);
    private final StringProperty pauseHint = new SimpleStringProperty(this, "pauseHint", "");
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy", false);
    private final ObjectProperty<Path> lastExport = new SimpleObjectProperty<>(this, "lastExport");

    public InspectorViewModel(GatewaySession session) {
        this.session = session;
        rowFlush.setOnFinished(e -> flushRows());
    }

    // ---- lifecycle ---------------------------------------------------------------------------------

    /** Seeds from what the journal holds and follows it; call on the FX thread when the view shows. */
    public void activate() {
        if (subscription != null) {
            return;
        }
        bridge = new FxThread.Batcher<>(BRIDGE_CAPACITY, this::apply);
        FxThread.Batcher<JournalEntry> feed = bridge;
        subscription = session.journal().subscribeWithBacklog("inspector", feed::offer);
    }

    /** Lets go of the journal; call when the view hides. */
    public void deactivate() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
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

    private void derive(JournalEntry entry) {
        LinkEvent event = entry.event();
        if (event instanceof LinkEvent.StateChanged changed) {
            LinkState to = LinkState.fromWire(changed.to());
            state.set(to);
            if (to != LinkState.PAUSED) {
                pauseHint.set("");
            }
            if (to != LinkState.CONNECTED) {
                connectedSince.set(Double.NaN);
            }
            if (to != LinkState.BACKOFF) {
                nextRetryAt.set(Double.NaN);
            }
        } else if (event instanceof LinkEvent.HelloOk hello) {
            serverVersion.set(hello.serverVersion());
            connectedSince.set(entry.monoMs());
            if (message.get().startsWith(UNREACHABLE)) {
                message.set("");
            }
        } else if (event instanceof LinkEvent.Closed closed && closed.by() != dev.clawscope.journal.ClosedBy.CLIENT
                && Double.isNaN(connectedSince.get()) && state.get() != LinkState.HANDSHAKING) {
            // A socket that never got through: say so in words, the journal has the details.
            message.set(UNREACHABLE + session.gatewayLabel() + ": "
                    + (closed.reason().isEmpty() ? "closed " + closed.code() : closed.reason().replaceAll("\\.+$", ""))
                    + ". Retrying with backoff; check the address and that the gateway runs.");
        } else if (event instanceof LinkEvent.WsPong pong) {
            lastRttMs.set(pong.rttMs());
        } else if (event instanceof LinkEvent.ProbeOk probe) {
            lastRttMs.set(probe.rttMs());
        } else if (event instanceof LinkEvent.ReconnectScheduled scheduled) {
            reconnects.set(reconnects.get() + 1);
            nextRetryAt.set(entry.monoMs() + scheduled.delayMs());
        } else if (event instanceof LinkEvent.ReconnectPaused paused) {
            pauseHint.set(paused.hint() != null ? paused.hint()
                    : paused.reason() + (paused.detailCode() == null ? "" : " (" + paused.detailCode() + ")"));
        }
    }

    // ---- properties -------------------------------------------------------------------------------

    public ReadOnlyObjectProperty<LinkState> stateProperty() {
        return state;
    }

    public ReadOnlyStringProperty serverVersionProperty() {
        return serverVersion;
    }

    /** {@code mono_ms} of the current connection's hello-ok, NaN when not connected. */
    public ReadOnlyDoubleProperty connectedSinceProperty() {
        return connectedSince;
    }

    public ReadOnlyDoubleProperty lastRttMsProperty() {
        return lastRttMs;
    }

    public ReadOnlyIntegerProperty reconnectsProperty() {
        return reconnects;
    }

    /** {@code mono_ms} the next attempt is due, NaN outside backoff. */
    public ReadOnlyDoubleProperty nextRetryAtProperty() {
        return nextRetryAt;
    }

    public ReadOnlyStringProperty pauseHintProperty() {
        return pauseHint;
    }

    /** The latest problem or result to show the user, one line. */
    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyObjectProperty<Path> lastExportProperty() {
        return lastExport;
    }

    public ObservableList<JournalEntry> entries() {
        return entries;
    }

    public TimelineData timeline() {
        return timeline;
    }

    public GatewaySession session() {
        return session;
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
