package dev.clawscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.VMOption;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompilerTuningTest {

    @Test
    void onlyWhenNobodyChoseTheCompiler() {
        assertTrue(CompilerTuning.applies(true, VMOption.Origin.DEFAULT, List.of()));
        assertTrue(CompilerTuning.applies(true, VMOption.Origin.DEFAULT, List.of("-Xmx1g", "-Dprism.order=sw")));
        assertFalse(CompilerTuning.applies(true, VMOption.Origin.VM_CREATION, List.of()), "-XX:TieredStopAtLevel given");
        assertFalse(CompilerTuning.applies(false, VMOption.Origin.DEFAULT, List.of()), "-XX:-TieredCompilation: C2 alone");
        assertFalse(CompilerTuning.applies(true, VMOption.Origin.DEFAULT,
                List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:CompilerDirectivesFile=/etc/directives.json")),
                "the user's directives");
    }

    /**
     * A JVM with the defaults a plain {@code java -jar} has: after the tuning a hot method ends at
     * the first tier and never in C2 ({@code -Xbatch} compiles while the caller waits,
     * so the code list is complete when the loop ends).
     */
    @Test
    void aDefaultJvmCompilesHotMethodsAtTheFirstTierOnly() throws Exception {
        List<String> lines = child("-Xbatch");
        assertTrue(lines.get(0).contains("1 compiler directives added"), String.join("\n", lines));
        List<String> levels = lines.subList(1, lines.size());
        assertFalse(levels.isEmpty(), "the hot method was compiled: " + lines);
        // The profiled copy (tier 3) comes first, as always; where C2 would take over, tier 1 does.
        assertFalse(levels.contains("4"), "compiled at tiers " + levels + ": C2 took it");
        assertTrue(levels.contains("1"), "compiled at tiers " + levels + ": no first-tier copy");
    }

    /** Without the tuning the same loop ends in C2 (tier 4): the test above would see it. */
    @Test
    void withoutTheDirectiveTheSameLoopReachesC2() throws Exception {
        List<String> lines = child("-Xbatch", "-XX:TieredStopAtLevel=4");
        assertEquals("left as chosen", lines.get(0), "a TieredStopAtLevel on the command line is the user's word");
        assertTrue(lines.subList(1, lines.size()).contains("4"), "C2 compiled the hot method: " + lines);
    }

    private static List<String> child(String... options) throws IOException, InterruptedException {
        return ChildJvm.run(Child.class, options);
    }

    /** Tunes, runs a hot loop, prints what the tuning said, then the tier of each compiled copy of the hot method. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            System.out.println(CompilerTuning.tune().strip());
            long sum = 0;
            for (int i = 0; i < 300_000; i++) {
                sum += spin(i);
            }
            String codes = CompilerTuning.dcmd("compilerCodelist");
            for (String line : codes.split("\n")) {
                if (line.contains("CompilerTuningTest$Child.spin")) {
                    System.out.println(line.trim().split("\\s+")[1]);
                }
            }
            System.err.println(sum == 42 ? "" : " ");
        }

        static long spin(long i) {
            return (i * 31 + 7) % 1_000_003;
        }
    }
}
