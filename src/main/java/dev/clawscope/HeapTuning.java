package dev.clawscope;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
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
 * once, ten seconds in. Off the caller's thread, once; a JVM without the management module is left
 * as it is.
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

    /** Tunes the heap {@link #DELAY_MS} from now on a daemon thread of its own; returns at once. */
    static void startInBackground() {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(DELAY_MS);
            } catch (InterruptedException e) {
                return;
            }
            tune();
        }, "heap-tuning");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** Committed heap worth one collection: over 64 MB and more than four times what is in use. */
    static final long COMPACT_ABOVE_BYTES = 64L << 20;

    /**
     * Whether one collection now is worth it: only under G1, only when nobody chose the heap's size
     * (an {@code -Xms} is the user's word), and only when the heap holds over {@link
     * #COMPACT_ABOVE_BYTES} and more than four times what it uses.
     */
    static boolean worthCompacting(boolean g1, boolean heapSizeChosen, long committed, long used) {
        return g1 && !heapSizeChosen && committed > COMPACT_ABOVE_BYTES && committed > 4 * used;
    }

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
            boolean g1 = "true".equals(vm.getVMOption("UseG1GC").getValue());
            boolean heapSizeChosen = vm.getVMOption("InitialHeapSize").getOrigin() != VMOption.Origin.ERGONOMIC;
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            if (ratiosSet && worthCompacting(g1, heapSizeChosen, heap.getCommitted(), heap.getUsed())) {
                long before = heap.getCommitted();
                System.gc(); // NOPMD: the one collection that lets G1 apply the ratios now, not at its next one
                LOG.debug("heap compacted once: {} MB committed before, {} MB after", before >> 20,
                        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() >> 20);
            }
        } catch (RuntimeException | LinkageError e) {
            // No management module (a trimmed runtime) or an option this JVM lacks: the defaults stay.
            LOG.debug("heap left at the JVM's defaults: {}", e.toString());
        }
    }
}
