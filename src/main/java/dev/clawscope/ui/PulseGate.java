package dev.clawscope.ui;

import java.lang.reflect.Field;
import javafx.collections.ListChangeListener;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops JavaFX's pulse timer while no window shows, and starts it again as one shows. JavaFX asks
 * its timer to pause when nothing needs a pulse, but on Linux (GTK) pausing does nothing: the timer
 * wakes the FX thread 60 times a second for as long as the app runs, which is most of what a tray
 * app with its window hidden costs. Stopping it reaches into the toolkit (its {@code pulseTimer}
 * and {@code PULSE_INTERVAL}); where that is not possible (another toolkit version, JavaFX on the
 * module path without the package opened) nothing changes and one line says so in the log. FX
 * thread.
 */
final class PulseGate {

    private static final Logger LOG = LoggerFactory.getLogger(PulseGate.class);
    /** How long no window must show before the timer stops: the last pulses of a hide run first. */
    private static final long STOP_AFTER_MS = 1_000;

    private final Object timer;
    private final int intervalMs;
    private final java.lang.reflect.Method start;
    private final java.lang.reflect.Method stop;
    private final FxThread.Later stopLater = new FxThread.Later(this::stopIfNoWindow);
    private final ListChangeListener<Window> listener = change -> windowsChanged();
    private boolean stopped;
    private long stops;

    private PulseGate(Object timer, int intervalMs) throws ReflectiveOperationException {
        this.timer = timer;
        this.intervalMs = intervalMs;
        this.start = timer.getClass().getMethod("start", int.class);
        this.stop = timer.getClass().getMethod("stop");
    }

    /** Installs the gate on the running toolkit; empty when the toolkit cannot be reached. FX thread. */
    static java.util.Optional<PulseGate> install() {
        PulseGate gate;
        try {
            Object toolkit = Class.forName("com.sun.javafx.tk.Toolkit").getMethod("getToolkit").invoke(null);
            Field timerField = toolkit.getClass().getDeclaredField("pulseTimer");
            Field intervalField = toolkit.getClass().getDeclaredField("PULSE_INTERVAL");
            timerField.setAccessible(true);
            intervalField.setAccessible(true);
            Object timer = timerField.get(toolkit);
            int interval = intervalField.getInt(toolkit);
            if (timer == null || interval < 1) {
                LOG.info("the pulse timer keeps running while the window is hidden (no timer to stop)");
                return java.util.Optional.empty();
            }
            gate = new PulseGate(timer, interval);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.info("the pulse timer keeps running while the window is hidden ({})", e.toString());
            return java.util.Optional.empty();
        }
        Window.getWindows().addListener(gate.listener);
        gate.windowsChanged();
        return java.util.Optional.of(gate);
    }

    /** Lets go of the toolkit: the timer runs again and stays running. FX thread. */
    void uninstall() {
        Window.getWindows().removeListener(listener);
        stopLater.cancel();
        if (stopped) {
            invoke(start, intervalMs);
            stopped = false;
        }
    }

    private void windowsChanged() {
        if (Window.getWindows().isEmpty()) {
            stopLater.schedule(STOP_AFTER_MS);
        } else {
            stopLater.cancel();
            if (stopped) {
                invoke(start, intervalMs);
                stopped = false;
            }
        }
    }

    private void stopIfNoWindow() {
        if (Window.getWindows().isEmpty() && !stopped) {
            stopped = invoke(stop);
            stops += stopped ? 1 : 0;
        }
    }

    private boolean invoke(java.lang.reflect.Method method, Object... args) {
        try {
            method.invoke(timer, args);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("cannot {} the pulse timer: {}", method.getName(), e.toString());
            return false;
        }
    }

    /** Whether the timer is stopped now (no window shows); FX thread. */
    boolean stopped() {
        return stopped;
    }

    /** How often the timer was stopped; FX thread. */
    long stops() {
        return stops;
    }
}
