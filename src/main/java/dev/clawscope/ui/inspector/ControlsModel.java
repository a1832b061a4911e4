package dev.clawscope.ui.inspector;

import dev.clawscope.journal.RedactionRules;
import dev.clawscope.link.LinkState;
import dev.clawscope.proof.ProofBundle;
import dev.clawscope.render.AwtPngRenderer;
import dev.clawscope.session.FaultOption;
import dev.clawscope.session.GatewaySession;
import dev.clawscope.session.SourceSession;
import dev.clawscope.ui.FxThread;
import dev.clawscope.ui.RootCause;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.ArrayList;
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
 * The inspector's commands: connect, disconnect, reconnect, recreate the link (a link's session
 * only), inject one of the faults the session offers, export the proof. Each runs on one background
 * thread ({@code inspector-commands}), so the FX thread never waits on the link, the observer, the
 * fault proxy or the disk; a failure is said on the status line. What may be pressed follows the
 * link's state. Properties on the FX thread.
 */
public final class ControlsModel {

    private final SourceSession session;
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
     * @param state the link's current state, which decides what may be pressed; for an observed
     *              client's session, which has no link of its own, a state that never changes
     * @param statusLine where the outcome of a command is said
     */
    ControlsModel(SourceSession session, ReadOnlyObjectProperty<LinkState> state, StatusLineModel statusLine) {
        this.session = session;
        this.statusLine = statusLine;
        boolean link = session instanceof GatewaySession;
        canConnect = Bindings.createBooleanBinding(() -> {
            LinkState s = state.get();
            return link && s != LinkState.CONNECTED && s != LinkState.CONNECTING && s != LinkState.HANDSHAKING;
        }, state);
        canDisconnect = Bindings.createBooleanBinding(() -> {
            LinkState s = state.get();
            return link && s != LinkState.IDLE && s != LinkState.DISCONNECTED;
        }, state);
    }

    /** Whether the session has a link of its own to connect, disconnect and recreate; an observed client has not. */
    public boolean linkCommands() {
        return session instanceof GatewaySession;
    }

    /** Whether Connect makes sense: not while connected or on the way there. */
    public BooleanExpression canConnect() {
        return canConnect;
    }

    /** Whether Disconnect makes sense: not while idle or disconnected. */
    public BooleanExpression canDisconnect() {
        return canDisconnect;
    }

    /** Whether faults can be injected (the link runs through the proxy, or the client through the observer). */
    public boolean faultInjection() {
        return !session.faults().isEmpty();
    }

    /**
     * A fault as the menu offers it.
     *
     * @param id              stable, e.g. {@code fault-freeze}
     * @param label           what the menu says
     * @param startsGroup     whether a separator goes before it (the protocol's, the bytes', heal)
     */
    public record FaultItem(String id, String label, boolean startsGroup) {
    }

    /** The faults the session offers, in menu order. */
    public List<FaultItem> faults() {
        List<FaultItem> items = new ArrayList<>();
        FaultOption.Section section = null;
        for (FaultOption option : session.faults()) {
            items.add(new FaultItem(option.id(), option.label(), section != null && option.section() != section));
            section = option.section();
        }
        return items;
    }

    /** Puts the fault offered as {@code id} in force; see {@link #inject(FaultOption)}. */
    public CompletableFuture<Void> inject(String id) {
        return inject(session.faults().stream().filter(f -> f.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no fault " + id + " on offer")));
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
        return command("connect", () -> link().connect());
    }

    public CompletableFuture<Void> disconnect() {
        return command("disconnect", () -> link().disconnect());
    }

    public CompletableFuture<Void> reconnectNow() {
        return command("reconnect", () -> link().reconnectNow());
    }

    public CompletableFuture<Void> recreateLink() {
        return command("recreate the link", () -> link().recreateLink());
    }

    /** Puts {@code fault} in force off the FX thread; the status line says so, or why not. */
    public CompletableFuture<Void> inject(FaultOption fault) {
        CompletableFuture<Void> done = command("inject " + fault.fault().describe(), () -> session.inject(fault));
        done.thenRun(() -> FxThread.run(() -> statusLine.show("Fault injected: " + fault.fault().describe())));
        return done;
    }

    private GatewaySession link() {
        if (session instanceof GatewaySession gateway) {
            return gateway;
        }
        throw new IllegalStateException("an observed client connects by itself; the window only relays it");
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
