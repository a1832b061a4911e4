package dev.clawscope.ui.inspector;

import dev.clawscope.journal.Subscription;
import dev.clawscope.link.LinkState;
import dev.clawscope.link.LinkStatus;
import dev.clawscope.operator.GatewayGlance;
import dev.clawscope.operator.Operator;
import dev.clawscope.session.GatewaySession;
import dev.clawscope.ui.FxThread;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What the header shows, on the FX thread: the link's current status (a current value, never
 * replayed from the journal), the gateway, and the clock the clock-driven facts are measured
 * against: connected-for, the retry countdown and the operator's one-line glance. The clock ticks
 * once a second while {@link #start() started}, four times a second while a retry counts down.
 */
public final class HeaderModel implements SessionHeader {

    private final GatewaySession session;
    private final DoubleSupplier clock;
    private final FxThread.Ticker seconds;
    private final FxThread.Ticker countdown;
    /** Between {@link #start()} and {@link #stop()}; FX thread. */
    private boolean started;

    private final ReadOnlyObjectWrapper<LinkState> state = new ReadOnlyObjectWrapper<>(this, "state", LinkState.IDLE);
    private final ReadOnlyStringWrapper serverVersion = new ReadOnlyStringWrapper(this, "serverVersion", "");
    private final ReadOnlyDoubleWrapper connectedSince = new ReadOnlyDoubleWrapper(this, "connectedSince", Double.NaN);
    private final ReadOnlyDoubleWrapper lastRttMs = new ReadOnlyDoubleWrapper(this, "lastRttMs", Double.NaN);
    private final ReadOnlyIntegerWrapper reconnects = new ReadOnlyIntegerWrapper(this, "reconnects", 0);
    private final ReadOnlyDoubleWrapper nextRetryAt = new ReadOnlyDoubleWrapper(this, "nextRetryAt", Double.NaN);
    private final ReadOnlyStringWrapper pauseHint = new ReadOnlyStringWrapper(this, "pauseHint", "");
    private final ReadOnlyDoubleWrapper now = new ReadOnlyDoubleWrapper(this, "now", Double.NaN);
    /** Always one line, present or not, so the header never changes height under the pointer. */
    private final ReadOnlyStringWrapper glance = new ReadOnlyStringWrapper(this, "glance", " ");
    private final BooleanBinding countingDown = Bindings.createBooleanBinding(
            () -> !Double.isNaN(nextRetryAt.get()), nextRetryAt);

    /** @param clock the journal's clock ({@code mono_ms} now) */
    HeaderModel(GatewaySession session, DoubleSupplier clock) {
        this.session = session;
        this.clock = clock;
        // Once a second, on the same wall-clock second as the timeline's follow step, so one pulse
        // repaints both; four times a second only while the retry countdown (tenths) shows.
        seconds = new FxThread.Ticker(Duration.ofSeconds(1), this::tick);
        countdown = new FxThread.Ticker(Duration.ofMillis(250), this::tick);
        nextRetryAt.addListener((obs, was, is) -> tick());
        // The quick clock runs only while a countdown shows: an idle window wakes once a second.
        countingDown.addListener((obs, was, is) -> {
            if (is && started) {
                countdown.start();
            } else {
                countdown.stop();
            }
        });
    }

    @Override
    public Subscription follow() {
        return session.onStatus("inspector", FxThread::run, this::show);
    }

    @Override
    public void start() {
        started = true;
        seconds.start();
        if (countingDown.get()) {
            countdown.start();
        }
        tick();
    }

    @Override
    public void stop() {
        started = false;
        seconds.stop();
        countdown.stop();
    }

    /** Whether the clock runs (the window shows); FX thread. */
    public boolean ticking() {
        return started;
    }

    /** Shows the link's current status. */
    void show(LinkStatus status) {
        state.set(status.state());
        serverVersion.set(status.serverVersion() == null ? "" : status.serverVersion());
        if (Double.compare(connectedSince.get(), status.connectedSinceMonoMs()) != 0) {
            connectedSince.set(status.connectedSinceMonoMs());
            now.set(clock.getAsDouble());
        }
        lastRttMs.set(status.lastRttMs());
        reconnects.set((int) Math.min(Integer.MAX_VALUE, status.reconnects()));
        nextRetryAt.set(status.nextRetryMonoMs());
        pauseHint.set(status.state() != LinkState.PAUSED ? "" : status.pauseHint() != null ? status.pauseHint()
                : status.pauseReason() + (status.pauseDetail() == null ? "" : " (" + status.pauseDetail() + ")"));
    }

    /**
     * Reads the operator's glance again and moves the clock on when a text it drives would change:
     * the countdown while it shows, connected-for when its words change (each second in the first
     * minute, then each minute). A clock that moved without changing a word would still cost the
     * window a layout pass and a repaint.
     */
    private void tick() {
        double next = clock.getAsDouble();
        if (countingDown.get() || HeaderView.clockChangesWords(connectedSince.get(), now.get(), next)) {
            now.set(next);
        }
        glance.set(glanceLine(System.currentTimeMillis()));
    }

    /** One line on the gateway as the operator sees it (blank before it said anything), at wall time {@code nowMs}. */
    private String glanceLine(long nowMs) {
        Operator operator = session.operator();
        GatewayGlance seen = operator.glance();
        return seen.serverVersion() == null ? " " : "Gateway " + seen.summary(nowMs)
                + pending(operator.pairings().size() + operator.execApprovals().size());
    }

    private static String pending(int n) {
        return n == 0 ? "" : " · " + n + (n == 1 ? " pending approval" : " pending approvals") + " (tray menu)";
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

    /** Whether a retry is due (the countdown, in tenths of a second, shows). */
    public BooleanExpression countingDown() {
        return countingDown;
    }

    public ReadOnlyStringProperty pauseHintProperty() {
        return pauseHint.getReadOnlyProperty();
    }

    /** The journal clock ({@code mono_ms}) at the last tick: what connected-for and the countdown are measured to. */
    public ReadOnlyDoubleProperty nowProperty() {
        return now.getReadOnlyProperty();
    }

    /** The operator's line on the gateway (version, uptime, health, pending approvals), read at each tick. */
    public ReadOnlyStringProperty glanceProperty() {
        return glance.getReadOnlyProperty();
    }

    /** The gateway as shown to people. */
    public String gatewayLabel() {
        return session.gatewayLabel();
    }

    public boolean isDemo() {
        return session.isDemo();
    }
}
