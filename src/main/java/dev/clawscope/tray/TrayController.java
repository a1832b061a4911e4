package dev.clawscope.tray;

import dev.clawscope.journal.Subscription;
import dev.clawscope.link.LinkState;
import dev.clawscope.link.LinkStatus;
import dev.clawscope.operator.GatewayGlance;
import dev.clawscope.operator.Operator;
import dev.clawscope.operator.PendingExecApproval;
import dev.clawscope.operator.PendingPairing;
import dev.clawscope.session.GatewaySession;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the tray icon, tooltip, menu and notifications in step with a session: its link status
 * (the current value, never a replayed journal), its operator for approvals and the gateway glance. Everything runs on one
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
    private LinkStatus status;
    private volatile boolean exportBusy;
    private volatile Subscription statusChanges = Subscription.NONE;
    private volatile Subscription operatorChanges = Subscription.NONE;
    /** Heartbeats younger than this are "recent" in the tooltip. */
    static final long HEARTBEAT_RECENT_S = 10;
    /** What the tray was last given; tray thread only. */
    private TrayStatus shownStatus;
    private String shownTooltip = "";
    private List<TrayMenu.Item> shownMenu = List.of();
    /** The operator whose changes the tray follows; tray thread only. A recreated link brings a new one. */
    private Operator followed;

    public TrayController(DesktopTray tray, GatewaySession session, Actions actions) {
        this.tray = Objects.requireNonNull(tray, "tray");
        this.session = Objects.requireNonNull(session, "session");
        this.actions = Objects.requireNonNull(actions, "actions");
        this.status = session.status();
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
            statusChanges = session.onStatus("tray", thread, this::onStatus);
            followOperator();
            thread.scheduleAtFixedRate(this::onTick, 1, 1, TimeUnit.SECONDS);
            refresh();
            return true;
        }, thread);
    }

    /** Subscribes to the session's current operator when it is not the one followed (tray thread). */
    private void followOperator() {
        Operator current = session.operator();
        if (current != followed) {
            operatorChanges.close();
            followed = current;
            operatorChanges = current.onChange(() -> thread.execute(this::onOperatorChange));
        }
    }

    /** The operator the tray follows now; for tests. */
    Operator followedOperator() {
        return CompletableFuture.supplyAsync(() -> followed, thread).join();
    }

    private void onStatus(LinkStatus next) {
        followOperator();
        LinkStatus previous = status;
        status = next;
        if (next.state() != previous.state() || next.gen() != previous.gen()
                || !Objects.equals(next.pauseHint(), previous.pauseHint())) {
            notifications.onState(next.state(), pauseHint(next), (long) next.sinceMonoMs()).ifPresent(tray::notify);
        }
        refresh();
    }

    private static String pauseHint(LinkStatus status) {
        if (status.state() != LinkState.PAUSED) {
            return "";
        }
        return status.pauseHint() == null ? status.pauseReason() : status.pauseHint();
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
        followOperator();
        notifications.onTick((long) nowMono()).ifPresent(tray::notify);
        refresh();
    }

    private static double nowMono() {
        return CLOCK.monoMs();
    }

    /** The status the icon shows now. */
    TrayStatus status() {
        return TrayStatus.of(status.state(), status.awaitingPairing(),
                status.failedAttempts() >= FAILING_AFTER_ATTEMPTS);
    }

    private void refresh() {
        Operator operator = session.operator();
        TrayStatus status = status();
        List<TrayMenu.Item> menu = TrayMenu.build(new TrayMenu.Input(this.status.state(), status, session.gatewayLabel(),
                operator.pairings(), operator.canPair(), operator.execApprovals(), operator.canApprove(),
                dashboardUrl().orElse(null), exportBusy));
        String tooltip = tooltip(status, operator.glance());
        if (status == shownStatus && tooltip.equals(shownTooltip) && menu.equals(shownMenu)) {
            return; // nothing to hand to the desktop's thread this second
        }
        shownStatus = status;
        shownTooltip = tooltip;
        shownMenu = menu;
        tray.update(status, tooltip, menu);
    }

    private String tooltip(TrayStatus status, GatewayGlance glance) {
        double lastHeartbeat = this.status.lastHeartbeatMonoMs();
        // In words that stay the same while heartbeats keep coming (every few seconds), so a steady
        // link leaves the tooltip alone; the seconds count once they say something is late.
        long ago = Double.isNaN(lastHeartbeat) ? -1 : Math.round((nowMono() - lastHeartbeat) / 1000);
        String heartbeat = ago < 0 ? "no heartbeat yet"
                : ago < HEARTBEAT_RECENT_S ? "last heartbeat under " + HEARTBEAT_RECENT_S + " s ago"
                : "last heartbeat " + ago + " s ago";
        int pending = session.operator().pairings().size() + session.operator().execApprovals().size();
        // One line: X11 tray hosts show tooltips without line breaks.
        return "Clawscope " + status.words() + " · " + session.gatewayLabel() + " · " + heartbeat + " · "
                + this.status.reconnects() + " reconnects" + (pending > 0 ? " · " + pending + " pending approvals" : "") + " · "
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
        statusChanges.close();
        operatorChanges.close();
        thread.shutdownNow();
        tray.remove();
    }
}
