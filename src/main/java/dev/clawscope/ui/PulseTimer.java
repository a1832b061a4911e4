package dev.clawscope.ui;

import com.sun.glass.ui.Timer;
import java.lang.reflect.Field;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JavaFX's pulse timer, one that pauses. JavaFX asks its timer to pause once nothing has needed a
 * pulse for 250 ms (no animation, no change to draw) and to resume as soon as something does; on
 * Linux the GTK timer ignores both and wakes the FX thread 60 times a second for as long as the app
 * runs, which was most of what the window cost while idle and all of what the tray cost with the
 * window hidden. This one runs the toolkit's own timer task on a thread of its own (as the embedded
 * platform's timer does) and stops between pulses that nobody needs.
 *
 * <p>{@link #install()} swaps it in for the toolkit's GTK timer, which it reaches by reflection (the
 * toolkit's {@code pulseTimer}, {@code timerRunnable} and {@code PULSE_INTERVAL}). Where that is not
 * possible (another platform or toolkit version, JavaFX on the module path without its packages
 * opened) nothing changes and one line in the log says so.
 */
final class PulseTimer extends Timer {

    private static final Logger LOG = LoggerFactory.getLogger(PulseTimer.class);
    private static final ScheduledExecutorService CLOCK = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "clawscope-pulse-timer");
        t.setDaemon(true);
        t.setPriority(Thread.MAX_PRIORITY);
        return t;
    });

    private final Runnable task;
    /** Guarded by this. */
    private int periodMs = 16;
    /** Guarded by this: the running schedule, null while stopped or paused. */
    private ScheduledFuture<?> schedule;
    /** Guarded by this. */
    private boolean started;
    /** Guarded by this. */
    private long pauses;

    PulseTimer(Runnable task) {
        super(task);
        this.task = task;
    }

    /**
     * Puts a pausing timer in place of the toolkit's GTK timer, with the toolkit's task and period;
     * empty (and the toolkit as it was) when that cannot be done. Call once the toolkit runs.
     */
    static Optional<PulseTimer> install() {
        try {
            Object toolkit = com.sun.javafx.tk.Toolkit.getToolkit();
            Field timerField = field(toolkit, "pulseTimer");
            Field taskField = field(toolkit, "timerRunnable");
            Field periodField = field(toolkit, "PULSE_INTERVAL");
            synchronized (toolkit) {
                Timer current = (Timer) timerField.get(toolkit);
                Runnable task = (Runnable) taskField.get(toolkit);
                int period = periodField.getInt(toolkit);
                if (current == null || task == null || !current.isRunning()
                        || !current.getClass().getName().equals("com.sun.glass.ui.gtk.GtkTimer")) {
                    LOG.info("JavaFX's pulse timer is left as it is ({})",
                            current == null ? "none" : current.getClass().getName());
                    return Optional.empty();
                }
                PulseTimer ours = new PulseTimer(task);
                ours.start(period);
                current.stop();
                timerField.set(toolkit, ours);
                return Optional.of(ours);
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.info("JavaFX's pulse timer is left as it is: {}", e.toString());
            return Optional.empty();
        }
    }

    private static Field field(Object owner, String name) throws NoSuchFieldException {
        Field field = owner.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    @Override
    protected synchronized long _start(Runnable runnable) {
        return _start(runnable, periodMs);
    }

    @Override
    protected synchronized long _start(Runnable runnable, int period) {
        periodMs = period;
        started = true;
        run();
        return 1;
    }

    @Override
    protected synchronized void _stop(long ptr) {
        started = false;
        halt();
    }

    @Override
    protected synchronized void _pause(long ptr) {
        if (schedule != null) {
            pauses++;
        }
        halt();
    }

    @Override
    protected synchronized void _resume(long ptr) {
        if (started) {
            run();
        }
    }

    private void run() {
        if (schedule == null) {
            schedule = CLOCK.scheduleAtFixedRate(task, 0, periodMs, TimeUnit.MILLISECONDS);
        }
    }

    private void halt() {
        if (schedule != null) {
            schedule.cancel(false);
            schedule = null;
        }
    }

    /** Whether pulses are being timed now (not stopped, not paused). */
    synchronized boolean ticking() {
        return schedule != null;
    }

    /** How often the timer paused. */
    synchronized long pauses() {
        return pauses;
    }
}
