package dev.clawscope.observe;

import com.google.gson.JsonObject;
import dev.clawscope.chaos.ConnectionTap;
import dev.clawscope.chaos.TapFactory;
import dev.clawscope.chaos.TappedConnection;
import dev.clawscope.protocol.GatewayRejection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The relay's side of the observer: attaches an {@link ObservedConnection} to every connection the
 * proxy accepts, keeps the live ones (I/O thread only) and the protocol faults in force (any thread).
 */
final class ObserverCore implements TapFactory {

    /** How long the client has to end a connection the observer closed before it is reset. */
    static final long CLOSE_GRACE_MS = 5_000;

    private final Analyzer analyzer;
    private final ScheduledExecutorService timers;
    private Consumer<Runnable> onLoop = Runnable::run;
    private final List<ObservedConnection> live = new ArrayList<>();
    private final AtomicInteger stallNext = new AtomicInteger();
    private final AtomicReference<Function<JsonObject, GatewayRejection>> rejection = new AtomicReference<>();
    private volatile boolean dropPongs;

    ObserverCore(Analyzer analyzer, ScheduledExecutorService timers) {
        this.analyzer = analyzer;
        this.timers = timers;
    }

    /** How to run a task on the relay's I/O thread, set once the relay runs. */
    void runOnLoopWith(Consumer<Runnable> onLoop) {
        this.onLoop = onLoop;
    }

    @Override
    public ConnectionTap open(TappedConnection connection) {
        boolean stalled = stallNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        ObservedConnection observed = new ObservedConnection(this, connection, stalled);
        live.add(observed);
        post(new Seen.Connected(connection.number(), System.nanoTime(), observed, stalled));
        return observed;
    }

    @Override
    public void refused(int number, boolean byFault) {
        post(new Seen.Refused(number, System.nanoTime()));
    }

    void closed(ObservedConnection connection, boolean reset, boolean byObserver) {
        live.remove(connection);
        post(new Seen.Closed(connection.number(), System.nanoTime(), reset, byObserver));
    }

    /** The live connections; I/O thread only. */
    List<ObservedConnection> live() {
        return live;
    }

    void post(Seen seen) {
        analyzer.post(seen);
    }

    /** A frame's observation: dropped and counted when decoding fell too far behind. */
    void postFrame(Seen frame) {
        analyzer.postFrame(frame);
    }

    // ---- protocol faults ----------------------------------------------------------------------

    void stallUpgrades(int count) {
        stallNext.set(count);
    }

    void dropPongs(boolean on) {
        dropPongs = on;
    }

    boolean droppingPongs() {
        return dropPongs;
    }

    /** The next connect gets the rejection {@code next} makes of its params (null when it has none). */
    void armRejection(Function<JsonObject, GatewayRejection> next) {
        rejection.set(next);
    }

    boolean rejectionArmed() {
        return rejection.get() != null;
    }

    /** The armed rejection for a connect with {@code params}, disarmed: exactly one connect gets it. */
    GatewayRejection takeRejection(JsonObject params) {
        Function<JsonObject, GatewayRejection> armed = rejection.getAndSet(null);
        return armed == null ? null : armed.apply(params);
    }

    /** Disarms every protocol fault (heal). */
    void healProtocolFaults() {
        stallNext.set(0);
        dropPongs = false;
        rejection.set(null);
    }

    /** Resets {@code connection} after {@link #CLOSE_GRACE_MS} if the client has not ended it by then. */
    void resetLater(ObservedConnection connection) {
        timers.schedule(() -> onLoop.accept(connection::resetIfOpen), CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
    }
}
