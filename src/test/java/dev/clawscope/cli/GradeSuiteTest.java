package dev.clawscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawscope.grade.CheckId;
import dev.clawscope.grade.GradedClients;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * All twelve checks of {@code clawscope grade}, in real time, against the broken test clients and
 * Clawscope's own probe: the exact verdict of every check. Minutes per client, so it runs with
 * {@code ./mvnw -B -Pgrade test} and not in the unit run. Each run prints its wall time.
 *
 * <p>The broken clients' behaviour makes every verdict certain. Probe reconnects with full jitter, a
 * uniform draw under a doubling bound, and three checks judge a single draw of it: backs_off (gaps
 * grow; fails by chance in about 0.4 % of runs), jittered_reconnects (8 copies spread by at least
 * 100 ms; about 0.5 %) and recovers_after_crash (back within 10 s of a 5 s outage: its fifth attempt
 * may wait up to 16 s; about 7 %). Those three, when they fail, are graded once more and must pass
 * then; the first report stays in its folder. Reports are kept in {@code target/grade-suite/}.
 */
@Tag("grade-suite")
class GradeSuiteTest {

    private static final List<String> ALL = Arrays.stream(CheckId.values()).map(CheckId::id).toList();
    private static final List<String> CHANCE = List.of("backs_off", "jittered_reconnects", "recovers_after_crash");

    /** Kept after the run, for people to read: target/grade-suite/CLIENT/report.md and a folder per check. */
    private final Path dir = Path.of("target", "grade-suite");

    @Test
    void lockstepPingClient() throws IOException {
        GradeRun run = grade("lockstep-ping", GradedClients.broken("lockstep-ping"));
        assertThat(run.verdicts()).as(run.out()).isEqualTo(verdicts("fail", "handshake", "recovers_from_upgrade_stall",
                "recovers_after_crash"));
        assertThat(run.exit()).isEqualTo(GradeCommand.EXIT_FAILED);
        assertThat(run.checks().get("no_invented_methods").get("detail").getAsString()).contains("ping, which the gateway");
    }

    @Test
    void clientWithoutLiveness() throws IOException {
        GradeRun run = grade("no-liveness", GradedClients.broken("no-liveness"));
        assertThat(run.verdicts()).as(run.out()).isEqualTo(verdicts("pass", "detects_half_open", "detects_blackhole"));
        assertThat(run.exit()).isEqualTo(GradeCommand.EXIT_FAILED);
    }

    @Test
    void clientThatIgnoresHints() throws IOException {
        GradeRun run = grade("ignores-hints", GradedClients.broken("ignores-hints"));
        assertThat(run.verdicts()).as(run.out()).isEqualTo(verdicts("pass", "honors_restart_expected",
                "honors_retry_after"));
        assertThat(run.exit()).isEqualTo(GradeCommand.EXIT_FAILED);
    }

    @Test
    void clawscopesOwnProbePassesEveryCheck() throws IOException {
        String probe = GradedClients.probe(dir.resolve("home"));
        GradeRun run = grade("probe", probe);
        Map<String, String> verdicts = run.verdicts();
        List<String> again = CHANCE.stream().filter(id -> !"pass".equals(verdicts.get(id))).toList();
        if (!again.isEmpty()) {
            System.out.println("probe: grading " + again + " once more (a single draw of full jitter failed them)");
            GradeRun second = GradeRun.of(dir.resolve("probe-again"), "--client", probe, "--checks",
                    String.join(",", again));
            second.assertComplete(again);
            second.verdicts().forEach(verdicts::put);
        }
        assertThat(verdicts).as(run.out()).isEqualTo(verdicts("pass"));
    }

    private GradeRun grade(String name, String client) throws IOException {
        GradeRun run = GradeRun.of(dir.resolve(name), "--client", client);
        System.out.println("grade " + name + ":\n" + run.out());
        run.assertComplete(ALL);
        return run;
    }

    /** Every check {@code usual}, the ones named the other way. */
    private static Map<String, String> verdicts(String usual, String... otherwise) {
        String other = usual.equals("pass") ? "fail" : "pass";
        Map<String, String> verdicts = new LinkedHashMap<>();
        ALL.forEach(id -> verdicts.put(id, Arrays.asList(otherwise).contains(id) ? other : usual));
        return verdicts;
    }
}
