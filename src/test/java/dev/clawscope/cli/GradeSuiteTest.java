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
 * <p>The broken clients' behaviour makes every verdict certain, and so does the probe's paced
 * jitter: its gaps grow within backs_off's 90 s (every one of 20 000 simulated windows), 8 copies'
 * first retries, uniform over 2.8 s, are spread far beyond 100 ms, and after a 5 s outage it is back
 * within 3.2 s. Reports are kept in {@code target/grade-suite/}.
 */
@Tag("grade-suite")
class GradeSuiteTest {

    private static final List<String> ALL = Arrays.stream(CheckId.values()).map(CheckId::id).toList();

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
        GradeRun run = grade("probe", GradedClients.probe(dir.resolve("home")));
        assertThat(run.verdicts()).as(run.out()).isEqualTo(verdicts("pass"));
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
