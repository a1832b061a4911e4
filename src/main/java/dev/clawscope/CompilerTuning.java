package dev.clawscope;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.JMException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the window and the tray under a plain {@code java -jar} the compiler the launchers ask for
 * with {@code -XX:TieredStopAtLevel=1}: the JIT's first tier only. The second (C2) makes a desktop
 * app that mostly waits no faster, but each of its compilations takes arena memory the C library
 * keeps afterwards (20–35 MB in the window) and its code takes space in the code cache. A plain
 * {@code java} cannot be told that after it started, but it takes compiler directives: one that
 * excludes every method from C2 leaves each at the first tier (HotSpot compiles a method C2 may not
 * take at tier 1). Only when nobody chose the compiler (no {@code TieredStopAtLevel}, no directives
 * file, tiered compilation on); a JVM without the management module is left as it is. Off the
 * caller's thread: the diagnostic-command bean needs the platform MBean server, which takes a
 * moment to build.
 */
final class CompilerTuning {

    private static final Logger LOG = LoggerFactory.getLogger(CompilerTuning.class);

    /** The directive: every method, C2 excluded. */
    static final String FIRST_TIER_ONLY = "[{ match: \"*.*\", c2: { Exclude: true } }]";

    private CompilerTuning() {
    }

    /** Applies {@link #FIRST_TIER_ONLY} on a daemon thread of its own when {@link #applies} says so; returns at once. */
    static void startInBackground() {
        Thread t = new Thread(CompilerTuning::tune, "compiler-tuning");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Whether to exclude C2: tiered compilation on, its last tier not chosen on the command line, and
     * no directives file among the JVM's arguments (the user's directives stay the only ones; the
     * option is a diagnostic one, which the management bean does not show).
     */
    static boolean applies(boolean tiered, VMOption.Origin stopAtLevel, java.util.List<String> jvmArguments) {
        return tiered && stopAtLevel == VMOption.Origin.DEFAULT
                && jvmArguments.stream().noneMatch(a -> a.startsWith("-XX:CompilerDirectivesFile"));
    }

    /** Adds the directive now when {@link #applies}; says what it did. */
    static String tune() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (!applies("true".equals(vm.getVMOption("TieredCompilation").getValue()),
                    vm.getVMOption("TieredStopAtLevel").getOrigin(),
                    ManagementFactory.getRuntimeMXBean().getInputArguments())) {
                LOG.debug("compiler left as the command line chose it");
                return "left as chosen";
            }
            String result = addDirective(FIRST_TIER_ONLY);
            LOG.debug("compiler: first tier only ({})", result.strip());
            return result;
        } catch (RuntimeException | LinkageError | IOException | JMException e) {
            // A trimmed runtime without java.management, or a JVM without these options: both tiers stay.
            LOG.debug("compiler left at the JVM's defaults: {}", e.toString());
            return "left at the defaults: " + e;
        }
    }

    /** Adds {@code json} to the JVM's compiler directives, as {@code jcmd PID Compiler.directives_add} does. */
    static String addDirective(String json) throws IOException, JMException {
        Path file = Files.createTempFile("clawscope-compiler-", ".json");
        try {
            Files.writeString(file, json, StandardCharsets.UTF_8);
            return dcmd("compilerDirectivesAdd", file.toString());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Runs a diagnostic command (its bean's operation name, e.g. {@code compilerDirectivesPrint}) and returns its output. */
    static String dcmd(String operation, String... arguments) throws JMException {
        Object out = ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), operation,
                new Object[] {arguments}, new String[] {String[].class.getName()});
        return String.valueOf(out);
    }
}
