package dev.clawscope.tray;

import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.Subscription;
import dev.clawscope.link.LinkState;
import dev.clawscope.operator.GatewayGlance;
import dev.clawscope.operator.Operator;
import dev.clawscope.operator.PendingExecApproval;
import dev.clawscope.operator.PendingPairing;
import dev.clawscope.session.GatewaySession;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the tray icon, tooltip, menu and notifications in step with a session: its journal for
 * the link state, its operator for approvals and the gateway glance. Everything runs on one
 * thread of its own; menu clicks come back as commands handled there or by the application.
 */
public final class TrayController implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrayController.class);
    /** A link that has failed this many attempts in a row since its last hello-ok counts as failing. */
    static final int FAILING_AFTER_ATTEMPTS = 5;
    /** The journal's clock, so "last heartbeat" compares like with like. */
    private static final dev.clawscope.journal.JournalClock CLOCK = dev.clawscope.journal.JournalClock.system();

    /** What only the application can do. */
    public interface Actions {
        void openInspector();

        void exportProof();

        void openUrl(String url);

        void quit();
    }

    private final DesktopTray tray;
    private final GatewaySession session;
    private final Actions actions;
    private final Notifications notifications = new Notifications(Notifications.DEFAULT_DOWN_AFTER_MS);
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tray");
        t.setDaemon(true);
        return t;
    });
    // Tray thread only.
    private LinkState state = LinkState.IDLE;
    private String pauseHint = "";
    private boolean ownPairingPending;
    private int failedAttempts;
    private double lastHeartbeatMono = Double.NaN;
    private int reconnects;
    private volatile boolean exportBusy;
    private Subscription journal;
    private AutoCloseable operatorChanges;

    public TrayController(DesktopTray tray, GatewaySession session, Actions actions) {
        this.tray = Objects.requireNonNull(tray, "tray");
        this.session = Objects.requireNonNull(session, "session");
        this.actions = Objects.requireNonNull(actions, "actions");
    }

    /**
     * Installs the icon (on the tray thread, never a UI thread) and starts following the session.
     * Completes with false, after logging one line, when this desktop has no tray.
     */
    public java.util.concurrent.CompletableFuture<Boolean> start() {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            boolean installed;
            try {
                installed = tray.install(this::command, actions::openInspector);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("no system tray ({}); Clawscope works as a window", e.toString());
                return false;
            }
            if (!installed) {
                LOG.warn("no system tray: {}; Clawscope works as a window", tray.unavailableReason());
                return false;
            }
            journal = session.journal().subscribeWithBacklog("tray", e -> thread.execute(() -> onEntry(e)));
            operatorChanges = session.operator().onChange(() -> thread.execute(this::onOperatorChange));
            thread.scheduleAtFixedRate(this::onTick, 1, 1, TimeUnit.SECONDS);
            refresh();
            return true;
        }, thread);
    }

    private void onEntry(JournalEntry entry) {
        LinkEvent event = entry.event();
        if (event instanceof LinkEvent.StateChanged changed) {
            state = LinkState.fromWire(changed.to());
            if (state != LinkState.PAUSED) {
                pauseHint = "";
            }
            if (state == LinkState.CONNECTED) {
                failedAttempts = 0;
                ownPairingPending = false;
            }
            notifications.onState(state, pauseHint, (long) entry.monoMs()).ifPresent(tray::notify);
        } else if (event instanceof LinkEvent.ReconnectPaused paused) {
            pauseHint = paused.hint() == null ? paused.reason() : paused.hint();
            notifications.onState(LinkState.PAUSED, pauseHint, (long) entry.monoMs()).ifPresent(tray::notify);
        } else if (event instanceof LinkEvent.ReconnectScheduled scheduled) {
            reconnects++;
            failedAttempts++;
            ownPairingPending = scheduled.cause().equals("pairing_pending");
        } else if (event instanceof LinkEvent.WsPong || event instanceof LinkEvent.Tick
                || event instanceof LinkEvent.ProbeOk) {
            lastHeartbeatMono = entry.monoMs();
        }
        refresh();
    }

    private void onOperatorChange() {
        Operator operator = session.operator();
        for (PendingPairing p : operator.pairings()) {
            notifications.onPairingRequested(p).ifPresent(tray::notify);
        }
        for (PendingExecApproval a : operator.execApprovals()) {
            notifications.onExecApprovalRequested(a).ifPresent(tray::notify);
        }
        refresh();
    }

    private void onTick() {
        notifications.onTick((long) nowMono()).ifPresent(tray::notify);
        refresh();
    }

    private static double nowMono() {
        return CLOCK.monoMs();
    }

    /** The status the icon shows now. */
    TrayStatus status() {
        return TrayStatus.of(state, ownPairingPending, failedAttempts >= FAILING_AFTER_ATTEMPTS);
    }

    private void refresh() {
        Operator operator = session.operator();
        TrayStatus status = status();
        List<TrayMenu.Item> menu = TrayMenu.build(new TrayMenu.Input(state, status, session.gatewayLabel(),
                operator.pairings(), operator.canPair(), operator.execApprovals(), operator.canApprove(),
                dashboardUrl().orElse(null), exportBusy));
        tray.update(status, tooltip(status, operator.glance()), menu);
    }

    private String tooltip(TrayStatus status, GatewayGlance glance) {
        String heartbeat = Double.isNaN(lastHeartbeatMono) ? "no heartbeat yet"
                : String.format(Locale.ROOT, "last heartbeat %.0f s ago", (nowMono() - lastHeartbeatMono) / 1000);
        int pending = session.operator().pairings().size() + session.operator().execApprovals().size();
        // One line: X11 tray hosts show tooltips without line breaks.
        return "Clawscope " + status.words() + " · " + session.gatewayLabel() + " · " + heartbeat + " · "
                + reconnects + " reconnects" + (pending > 0 ? " · " + pending + " pending approvals" : "") + " · "
                + glance.summary(System.currentTimeMillis());
    }

    /** The gateway's Control UI from hello-ok, else http on the gateway's host and port. */
    Optional<String> dashboardUrl() {
        return session.dashboardUrl();
    }

    private void command(TrayMenu.Command command) {
        thread.execute(() -> handle(command));
    }

    private void handle(TrayMenu.Command command) {
        Operator operator = session.operator();
        Consumer<Throwable> failed = error -> tray.notify(new Notifications.Note("Could not " + describe(command),
                error.getCause() != null ? error.getCause().getMessage() : error.getMessage(),
                Notifications.Note.Kind.ERROR));
        try {
            switch (command.kind()) {
                case CONNECT -> session.connect();
                case DISCONNECT -> session.disconnect();
                case OPEN_INSPECTOR -> actions.openInspector();
                case OPEN_DASHBOARD -> dashboardUrl().ifPresent(actions::openUrl);
                case APPROVE_PAIRING -> operator.approvePairing(command.target()).whenComplete((ok, e) -> {
                    if (e != null) {
                        failed.accept(e);
                    }
                });
                case REJECT_PAIRING -> operator.rejectPairing(command.target()).whenComplete((ok, e) -> {
                    if (e != null) {
                        failed.accept(e);
                    }
                });
                case ALLOW_ONCE, ALLOW_ALWAYS, DENY -> operator.resolveExec(command.target(),
                        TrayMenu.decision(command.kind())).whenComplete((ok, e) -> {
                            if (e != null) {
                                failed.accept(e);
                            }
                        });
                case EXPORT_PROOF -> actions.exportProof();
                case QUIT -> actions.quit();
            }
        } catch (RuntimeException e) {
            failed.accept(e);
        }
        refresh();
    }

    private static String describe(TrayMenu.Command command) {
        return command.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** Shows {@code text} as a tray message. */
    public void hint(String text) {
        tray.notify(new Notifications.Note("Clawscope", text, Notifications.Note.Kind.INFO));
    }

    /** Tells the menu that an export is running (or done). */
    public void exportBusy(boolean busy) {
        exportBusy = busy;
        thread.execute(this::refresh);
    }

    @Override
    public void close() {
        if (journal != null) {
            journal.close();
        }
        if (operatorChanges != null) {
            try {
                operatorChanges.close();
            } catch (Exception e) {
                // the session closes its operator anyway
            }
        }
        thread.shutdownNow();
        tray.remove();
    }
}
