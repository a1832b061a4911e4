package dev.clawscope;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives memory back while idle when the JVM runs with its default heap settings, as {@code java
 * -jar clawscope.jar} does: the packaged launcher chooses a small collector and heap itself, a
 * plain {@code java} does not, and by default the G1 collector keeps what it once grew to (a
 * quarter of the machine's memory at most) and gives nothing back while no collection runs. Sets
 * three of the JVM's manageable options, each only when nobody set it: a periodic collection after
 * two minutes without one (every 30 s cost the idle probe as much CPU again as its link), and
 * free-heap ratios of 10–30 % (defaults 40–70 %), so the heap shrinks to what the link and the
 * window hold. G1 applies the ratios only at its next collection and grows the heap to 1/64 of the
 * machine's memory at start (380 MB on 24 GiB) whether the app needs it or not, so when the heap
 * still holds far more than it uses, one collection follows at once: on the CLI probe it took the
 * heap from 388 MB to 24 MB and the process from 89 to 74 MB, for one pause of about 10 ms,
 * once, ten seconds in; on the window, from 120 to 64 MB. Off the caller's thread; a JVM
 * without the management module is left as it is.
 *
 * <p>The window and the tray, which run all day, check again every {@link #CHECK_EVERY_MS}: the
 * heap as above, and on Linux, under any launcher, they ask the JVM to give the C library's free
 * memory back ({@code System.trim_native_heap}): glibc keeps what the compiler, the toolkit and
 * the link freed in its arenas (20–35 MB in the window after a burst of compilations) until asked.
 * A trim takes a few milliseconds. Not when the JVM trims by itself ({@code
 * -XX:TrimNativeHeapInterval}) or has no such command (before 17.0.9).
 */
final class HeapTuning {

    private static final Logger LOG = LoggerFactory.getLogger(HeapTuning.class);

    /** Option, value: set in this order (the minimum ratio first, so the pair stays valid). */
    static final List<Map.Entry<String, String>> OPTIONS = List.of(
            Map.entry("MinHeapFreeRatio", "10"),
            Map.entry("MaxHeapFreeRatio", "30"),
            Map.entry("G1PeriodicGCInterval", "120000"));

    private HeapTuning() {
    }

    /** How long after start the options are set: past start-up, and never for a command that is done by then. */
    private static final long DELAY_MS = 10_000;

    /** How often the window and the tray check the heap and trim the native heap. */
    static final long CHECK_EVERY_MS = 60_000;

    /** The tuning's one daemon thread, made on first use. */
    private static ScheduledExecutorService timer;

    /** Whether a trim may help: on Linux, until one said it cannot. Read and written on the timer's thread. */
    private static boolean trimmable = System.getProperty("os.name", "").startsWith("Linux");

    private static synchronized ScheduledExecutorService timer() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "heap-tuning");
                t.setDaemon(true);
                t.setPriority(Thread.MIN_PRIORITY);
                return t;
            });
        }
        return timer;
    }

    /** Tunes the heap {@link #DELAY_MS} from now on a daemon thread of its own; returns at once. */
    static void startInBackground() {
        timer().schedule(HeapTuning::tune, DELAY_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * From {@link #DELAY_MS} on (after the heap's tuning), every {@link #CHECK_EVERY_MS}: compacts
     * the heap when worth it ({@link #compactIfWorthIt()}) and trims the native heap while that can
     * help; returns at once. For the window and the tray: a command is done or small enough without.
     */
    static void checkEveryMinute() {
        timer().scheduleWithFixedDelay(() -> {
            compactIfWorthIt();
            if (trimmable) {
                trimmable = trimNativeHeap();
            }
        }, DELAY_MS, CHECK_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Asks the JVM to give the C library's free memory back to the system, unless it does so by
     * itself; false when it cannot (no such command in this JVM, no management module, or it trims
     * on its own), so that nobody asks again.
     */
    static boolean trimNativeHeap() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (!"0".equals(vm.getVMOption("TrimNativeHeapInterval").getValue())) {
                LOG.debug("native heap: the JVM trims it itself");
                return false;
            }
            LOG.debug("native heap: {}", CompilerTuning.dcmd("systemTrimNativeHeap").strip());
            return true;
        } catch (RuntimeException | LinkageError | javax.management.JMException e) {
            LOG.debug("native heap not trimmed: {}", e.toString());
            return false;
        }
    }

    /** Committed heap worth one collection: over 64 MB and more than twice what is in use. */
    static final long COMPACT_ABOVE_BYTES = 64L << 20;

    /**
     * Whether one collection now is worth it: only under G1, only when nobody chose the heap's size
     * (an {@code -Xms} is the user's word), and only when the heap holds over {@link
     * #COMPACT_ABOVE_BYTES} and more than twice what it uses (the window: 120 MB for 42 in use).
     */
    static boolean worthCompacting(boolean g1, boolean heapSizeChosen, long committed, long used) {
        return g1 && !heapSizeChosen && committed > COMPACT_ABOVE_BYTES && committed > 2 * used;
    }

    /** Whether {@link #tune()} set the free-heap ratios, that is, nobody else chose them. */
    private static volatile boolean ratiosSetHere;

    static void tune() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            boolean ratiosSet = false;
            for (Map.Entry<String, String> option : OPTIONS) {
                VMOption current = vm.getVMOption(option.getKey());
                if (current.getOrigin() == VMOption.Origin.DEFAULT && current.isWriteable()) {
                    vm.setVMOption(option.getKey(), option.getValue());
                    ratiosSet |= option.getKey().endsWith("HeapFreeRatio");
                }
            }
            ratiosSetHere = ratiosSet;
            compactIfWorthIt();
        } catch (RuntimeException | LinkageError e) {
            // No management module (a trimmed runtime) or an option this JVM lacks: the defaults stay.
            LOG.debug("heap left at the JVM's defaults: {}", e.toString());
        }
    }

    /**
     * One collection when {@link #worthCompacting} says so and {@link #tune()} set the ratios. Run
     * once at {@link #tune()}, and for the window and tray again each minute: a window still busy
     * ten seconds in has G1 grow its heap again afterwards (to 223 MB of RSS in the footprint run,
     * until G1's own periodic cycle two minutes later).
     */
    static void compactIfWorthIt() {
        if (!ratiosSetHere) {
            return;
        }
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            boolean g1 = "true".equals(vm.getVMOption("UseG1GC").getValue());
            boolean heapSizeChosen = vm.getVMOption("InitialHeapSize").getOrigin() != VMOption.Origin.ERGONOMIC;
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            if (worthCompacting(g1, heapSizeChosen, heap.getCommitted(), heap.getUsed())) {
                long before = heap.getCommitted();
                System.gc(); // NOPMD: the collection that lets G1 apply the ratios now, not at its next one
                LOG.debug("heap compacted: {} MB committed before, {} MB after", before >> 20,
                        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() >> 20);
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("heap not compacted: {}", e.toString());
        }
    }
}
