package dev.clawscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeapTuningTest {

    private static final long MB = 1L << 20;

    @Test
    void compactsOnlyAnErgonomicG1HeapThatHoldsFarMoreThanItUses() {
        assertTrue(HeapTuning.worthCompacting(true, false, 388 * MB, 18 * MB));
        assertFalse(HeapTuning.worthCompacting(false, false, 388 * MB, 18 * MB), "Serial or Parallel: the ratios work at the next collection");
        assertFalse(HeapTuning.worthCompacting(true, true, 388 * MB, 18 * MB), "an -Xms is the user's word");
        assertFalse(HeapTuning.worthCompacting(true, false, 60 * MB, 5 * MB), "a small heap is left alone");
        assertTrue(HeapTuning.worthCompacting(true, false, 120 * MB, 42 * MB), "the window: 120 MB held for 42 in use");
        assertFalse(HeapTuning.worthCompacting(true, false, 388 * MB, 200 * MB), "a heap half in use is left alone");
    }

    /** A JVM with G1 and the heap size its ergonomics chose (MaxRAM fixes what they see), tuned once. */
    @Test
    void aDefaultG1HeapShrinksToWhatItUses() throws Exception {
        List<String> lines = child("-XX:+UseG1GC", "-XX:MaxRAM=16g");
        long before = Long.parseLong(lines.get(0));
        long after = Long.parseLong(lines.get(1));
        assertTrue(before >= 200 * MB, "G1's initial heap on 16 GB is 1/64 of it: " + (before / MB) + " MB");
        assertTrue(after <= HeapTuning.COMPACT_ABOVE_BYTES, "after one tuning the heap holds " + (after / MB) + " MB");
        assertEquals("10 30", lines.get(2));
    }

    /** The JVM's own command on this JVM: it says what it gave back (Linux, 17.0.9 and later). */
    @Test
    void theNativeHeapIsTrimmedWhereTheJvmCan() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux"));
        var vm = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
        org.junit.jupiter.api.Assumptions.assumeTrue(safeOption(vm, "TrimNativeHeapInterval") != null,
                "a JVM with System.trim_native_heap");
        assertTrue(HeapTuning.trimNativeHeap(), "trimmed");
    }

    private static com.sun.management.VMOption safeOption(com.sun.management.HotSpotDiagnosticMXBean vm, String name) {
        try {
            return vm.getVMOption(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Test
    void aHeapSizeGivenOnTheCommandLineIsKept() throws Exception {
        List<String> lines = child("-XX:+UseG1GC", "-Xms256m");
        long before = Long.parseLong(lines.get(0));
        long after = Long.parseLong(lines.get(1));
        assertTrue(after >= before, "no collection gave back the heap -Xms asked for: " + (before / MB) + " MB before, "
                + (after / MB) + " MB after");
    }

    private static List<String> child(String... options) throws IOException, InterruptedException {
        return ChildJvm.run(Child.class, options);
    }

    /** Prints the committed heap before and after {@link HeapTuning#tune()}, then the free ratios. */
    public static final class Child {
        public static void main(String[] args) {
            System.out.println(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted());
            HeapTuning.tune();
            System.out.println(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted());
            var vm = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            System.out.println(vm.getVMOption("MinHeapFreeRatio").getValue() + " " + vm.getVMOption("MaxHeapFreeRatio").getValue());
        }
    }
}
