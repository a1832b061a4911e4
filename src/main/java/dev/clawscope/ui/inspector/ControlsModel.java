package dev.clawscope.ui.inspector;

import dev.clawscope.chaos.Fault;
import dev.clawscope.journal.RedactionRules;
import dev.clawscope.link.LinkState;
import dev.clawscope.proof.ProofBundle;
import dev.clawscope.render.AwtPngRenderer;
import dev.clawscope.session.GatewaySession;
import dev.clawscope.ui.FxThread;
import dev.clawscope.ui.RootCause;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The inspector's commands: connect, disconnect, reconnect, recreate the link, inject a fault,
 * export the proof. Each runs on one background thread ({@code inspector-commands}), so the FX
 * thread never waits on the link, the fault proxy or the disk; a failure is said on the status
 * line. What may be pressed follows the link's state. Properties on the FX thread.
 */
public final class ControlsModel {

    private final GatewaySession session;
    private final StatusLineModel statusLine;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "inspector-commands");
        t.setDaemon(true);
        return t;
    });
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyObjectWrapper<Path> lastExport = new ReadOnlyObjectWrapper<>(this, "lastExport");
    private final BooleanBinding canConnect;
    private final BooleanBinding canDisconnect;
    private volatile RedactionRules redaction = RedactionRules.defaults();

    /**
     * @param state the link's current state, which decides what may be pressed
     * @param statusLine where the outcome of a command is said
     */
    ControlsModel(GatewaySession session, ReadOnlyObjectProperty<LinkState> state, StatusLineModel statusLine) {
        this.session = session;
        this.statusLine = statusLine;
        canConnect = Bindings.createBooleanBinding(() -> {
            LinkState s = state.get();
            return s != LinkState.CONNECTED && s != LinkState.CONNECTING && s != LinkState.HANDSHAKING;
        }, state);
        canDisconnect = Bindings.createBooleanBinding(() -> {
            LinkState s = state.get();
            return s != LinkState.IDLE && s != LinkState.DISCONNECTED;
        }, state);
    }

    /** Whether Connect makes sense: not while connected or on the way there. */
    public BooleanExpression canConnect() {
        return canConnect;
    }

    /** Whether Disconnect makes sense: not while idle or disconnected. */
    public BooleanExpression canDisconnect() {
        return canDisconnect;
    }

    /** Whether faults can be injected (the link runs through the proxy). */
    public boolean faultInjection() {
        return session.faultInjection();
    }

    /** Whether an export is being written. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The folder of the last bundle written, null before one was. */
    public ReadOnlyObjectProperty<Path> lastExportProperty() {
        return lastExport.getReadOnlyProperty();
    }

    /** The redaction options exports use (from the settings). */
    public void setRedactionRules(RedactionRules rules) {
        redaction = Objects.requireNonNull(rules, "rules");
    }

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
        statusLine.show("Writing the proof bundle to " + dir + " …");
        CompletableFuture<ProofBundle> result = CompletableFuture.supplyAsync(() -> {
            try {
                return session.exportProof(dir, new AwtPngRenderer(), redaction);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, worker);
        result.whenComplete((bundle, error) -> FxThread.run(() -> {
            busy.set(false);
            if (error != null) {
                statusLine.show("Export failed: " + RootCause.message(error));
            } else {
                lastExport.set(bundle.dir());
                statusLine.show("Proof bundle written to " + bundle.dir()
                        + bundle.pngSkipped().map(why -> " (no PNG: " + why + ")").orElse(""));
            }
        }));
        return result;
    }

    private CompletableFuture<Void> command(String what, Runnable action) {
        CompletableFuture<Void> result = CompletableFuture.runAsync(action, worker);
        result.whenComplete((ok, error) -> {
            if (error != null) {
                FxThread.run(() -> statusLine.show("Could not " + what + ": " + RootCause.message(error)));
            }
        });
        return result;
    }

    /** Stops the command thread after what it was given (the window is closing). */
    void shutdown() {
        worker.shutdown();
    }
}
