package dev.clawscope.ui.inspector;

import dev.clawscope.journal.Subscription;
import dev.clawscope.session.ObserveSession;
import dev.clawscope.session.ObservedStatus;
import dev.clawscope.timeline.ConnectionSpan;
import dev.clawscope.timeline.Tone;
import dev.clawscope.ui.FxThread;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What the header of an observed client's window shows, on the FX thread: the client's current
 * {@link ObservedStatus} (a current value, never replayed from the journal: who it said it is, its
 * connection, how many so far), what to give the client (the observer's URL and, against the
 * embedded simulator, its token), where the observer relays to, and the clock connected-for counts
 * to (once a second while {@link #start() started}).
 */
public final class ClientHeaderModel implements SessionHeader {

    private final ObserveSession session;
    private final DoubleSupplier clock;
    private final FxThread.Ticker seconds;
    private final ReadOnlyObjectWrapper<ObservedStatus> status =
            new ReadOnlyObjectWrapper<>(this, "status", ObservedStatus.NONE);
    private final ReadOnlyDoubleWrapper now = new ReadOnlyDoubleWrapper(this, "now", Double.NaN);
    private final ReadOnlyStringWrapper badge = new ReadOnlyStringWrapper(this, "badge");
    private final ReadOnlyObjectWrapper<Tone> tone = new ReadOnlyObjectWrapper<>(this, "tone");
    private final ReadOnlyStringWrapper client = new ReadOnlyStringWrapper(this, "client");
    private final ReadOnlyStringWrapper connections = new ReadOnlyStringWrapper(this, "connections");
    private final ReadOnlyDoubleWrapper connectedSince = new ReadOnlyDoubleWrapper(this, "connectedSince");
    private final ReadOnlyIntegerWrapper reconnects = new ReadOnlyIntegerWrapper(this, "reconnects");
    private final ReadOnlyDoubleWrapper lastRttMs = new ReadOnlyDoubleWrapper(this, "lastRttMs");

    /** @param clock the journal's clock ({@code mono_ms} now) */
    ClientHeaderModel(ObserveSession session, DoubleSupplier clock) {
        this.session = session;
        this.clock = clock;
        seconds = new FxThread.Ticker(Duration.ofSeconds(1), this::tick);
        show(ObservedStatus.NONE);
    }

    @Override
    public Subscription follow() {
        return session.onStatus("inspector", FxThread::run, this::show);
    }

    /** Shows the client's current status. */
    void show(ObservedStatus next) {
        status.set(next);
        badge.set(capitalised(next.words()));
        tone.set(tone(next.state()));
        client.set(next.client().orElse("no client has said hello yet"));
        connections.set(capitalised(next.connectionsWords()));
        if (Double.compare(connectedSince.get(), next.connectedSinceMonoMs()) != 0) {
            connectedSince.set(next.connectedSinceMonoMs());
            now.set(clock.getAsDouble());
        }
        reconnects.set(next.reconnects());
        lastRttMs.set(next.lastPongRttMs());
    }

    /** The timeline's colour for the client's connection: up or opening as its bar is drawn, none as idle. */
    static Tone tone(ObservedStatus.State state) {
        return switch (state) {
            case CONNECTED -> ConnectionSpan.UP;
            case OPENING -> ConnectionSpan.OPENING;
            case NO_CONNECTION, WAITING -> Tone.IDLE;
        };
    }

    private static String capitalised(String words) {
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    @Override
    public void start() {
        seconds.start();
        tick();
    }

    @Override
    public void stop() {
        seconds.stop();
    }

    /** Moves the clock on when connected-for's words would change (as the link's header does). */
    private void tick() {
        double next = clock.getAsDouble();
        if (HeaderView.clockChangesWords(connectedSince.get(), now.get(), next)) {
            now.set(next);
        }
    }

    /** The observed client now: its name, its connection, how many so far. */
    public ReadOnlyObjectProperty<ObservedStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The badge's words: {@code Connected #3}, {@code Connecting #4}, {@code No connection}, {@code Waiting for the client}. */
    public ReadOnlyStringProperty badgeProperty() {
        return badge.getReadOnlyProperty();
    }

    /** The timeline's tone for the client's connection ({@link ConnectionSpan#UP}, {@link ConnectionSpan#OPENING}, idle). */
    public ReadOnlyObjectProperty<Tone> toneProperty() {
        return tone.getReadOnlyProperty();
    }

    /** The client as it named itself, e.g. {@code cli 0.1.0 (linux, cli)}, or that it has not yet. */
    public ReadOnlyStringProperty clientProperty() {
        return client.getReadOnlyProperty();
    }

    /** {@code 3 connections so far, 2 open}. */
    public ReadOnlyStringProperty connectionsProperty() {
        return connections.getReadOnlyProperty();
    }

    /** {@code mono_ms} of the shown connection's hello-ok, NaN when none is accepted. */
    public ReadOnlyDoubleProperty connectedSinceProperty() {
        return connectedSince.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty reconnectsProperty() {
        return reconnects.getReadOnlyProperty();
    }

    /** The latest pong round trip the observer timed, NaN before one. */
    public ReadOnlyDoubleProperty lastRttMsProperty() {
        return lastRttMs.getReadOnlyProperty();
    }

    /** The journal clock ({@code mono_ms}) at the last tick: what connected-for is measured to. */
    public ReadOnlyDoubleProperty nowProperty() {
        return now.getReadOnlyProperty();
    }

    /** The URL the user gives the client under test, e.g. {@code ws://127.0.0.1:18790}. */
    public String clientUrl() {
        return session.clientUrl();
    }

    /** The embedded simulator's token for the client, empty against a gateway (the client brings its own). */
    public String simulatorToken() {
        return session.simToken().map(t -> t.reveal()).orElse("");
    }

    /** Where the observer relays the client to, as people read it. */
    public String targetLabel() {
        return session.targetLabel();
    }
}
