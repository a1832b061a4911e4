package dev.clawscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawscope.grade.CheckId;
import dev.clawscope.grade.GradedClients;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clawscope grade} as scripts call it, with real client processes: the contract of the
 * command (list, usage errors, exit codes, the report's shape, redacted client logs) and the exact
 * verdicts of the quick checks for a deliberately broken client and for Clawscope's own probe. The
 * whole suite of twelve checks runs in {@code GradeSuiteTest} ({@code -Pgrade}).
 */
class GradeCommandTest {

    /** The checks that take seconds, not minutes, for these clients. */
    private static final List<String> QUICK = List.of("handshake", "no_invented_methods", "honors_restart_expected",
            "honors_retry_after", "closes_cleanly");

    @TempDir
    Path dir;

    @Test
    void listsEveryCheckWithWhatItDoesAndItsDefaultThreshold() {
        GradeRun run = GradeRun.of(dir.resolve("out"), "--list");

        assertThat(run.exit()).isZero();
        for (CheckId id : CheckId.values()) {
            assertThat(run.out()).contains(id.id() + " ").contains("pass when: " + id.passWhen(id.defaultThreshold()));
        }
        assertThat(run.out()).contains("handshake                    default threshold 15 s")
                .contains("honors_restart_expected      default threshold 4.75 s")
                .contains("pauses_on_auth_error         default threshold 3")
                .contains("jittered_reconnects          default threshold 100 ms")
                .contains("closes_cleanly               default threshold 5 s (informational)");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void usageErrorsExitTwoAndSaySo() {
        assertThat(GradeRun.of(dir, "--checks", "handshake").err()).contains("--client COMMAND is required");
        GradeRun unknown = GradeRun.of(dir, "--client", "true", "--checks", "handshake,detects_ghosts");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown check 'detects_ghosts'").contains("jittered_reconnects");
        GradeRun threshold = GradeRun.of(dir, "--client", "true", "--threshold", "backs_off=lots");
        assertThat(threshold.exit()).isEqualTo(2);
        assertThat(threshold.err()).contains("--threshold backs_off: 'lots' is not a count");
        GradeRun time = GradeRun.of(dir, "--client", "true", "--threshold", "handshake=fast");
        assertThat(time.err()).contains("'fast' is not a time");
        assertThat(GradeRun.of(dir, "--client", "true", "--instances", "1").err())
                .contains("--instances must be 2 to 64");
        assertThat(dir.resolve("report.json")).doesNotExist();
    }

    @Test
    void aClientThatNeverConnectsExitsTwoWithOnePlainLine() throws IOException {
        GradeRun run = GradeRun.of(dir, "--client", "echo started for {url}; exit 3", "--checks",
                "handshake,closes_cleanly");

        assertThat(run.exit()).isEqualTo(GradeCommand.EXIT_NEVER_CONNECTED);
        assertThat(run.err().lines().toList()).containsExactly("the client never connected in any check: make COMMAND"
                + " connect to {url} (or $CLAWSCOPE_URL) with {token} (or $CLAWSCOPE_TOKEN)");
        run.assertComplete(List.of("handshake", "closes_cleanly"));
        assertThat(run.checks().get("handshake").get("detail").getAsString())
                .isEqualTo("the client never connected; the client exited with code 3");
        assertThat(Files.readString(dir.resolve("handshake").resolve("client.log"), StandardCharsets.UTF_8))
                .matches("started for ws://127\\.0\\.0\\.1:\\d+\\n");
    }

    @Test
    void gradesAClientThatPingsAndReconnectsInLockstep() throws IOException {
        Path leaks = dir.resolve("tokens-the-client-saw.txt");
        String client = "echo \"token is $CLAWSCOPE_TOKEN, also {token}\"; echo \"$CLAWSCOPE_TOKEN\" >> "
                + GradedClients.quote(leaks.toString()) + "; exec " + GradedClients.broken("lockstep-ping");
        Path out = dir.resolve("lockstep");

        GradeRun run = GradeRun.of(out, "--client", client, "--checks", String.join(",", QUICK),
                "--threshold", "handshake=20s", "--parallel", "3");

        assertThat(run.verdicts()).isEqualTo(expected("handshake=pass", "no_invented_methods=fail",
                "honors_restart_expected=fail", "honors_retry_after=fail", "closes_cleanly=fail"));
        assertThat(run.exit()).as(run.out()).isEqualTo(GradeCommand.EXIT_FAILED);
        run.assertComplete(QUICK);
        Map<String, com.google.gson.JsonObject> checks = run.checks();
        assertThat(checks.get("no_invented_methods").get("detail").getAsString())
                .startsWith("called methods not in features.methods: ping, which the gateway does not have (");
        assertThat(checks.get("honors_retry_after").get("measured").getAsString())
                .matches("next attempt after (9\\d\\d ms|1(\\.\\d+)? s); hello-ok after .*");
        assertThat(checks.get("closes_cleanly").get("detail").getAsString())
                .isEqualTo("no close frame before the connection ended");
        assertThat(checks.get("handshake").get("threshold").getAsString())
                .isEqualTo("hello-ok within 20 s of the process start");
        for (String id : QUICK) {
            assertThat(run.out()).contains("  run   " + id + "\n").containsPattern("  (pass|fail) +" + id + " ");
        }
        String log = Files.readString(out.resolve("handshake").resolve("client.log"), StandardCharsets.UTF_8);
        assertThat(log).contains("token is <redacted>, also <redacted>").contains("hello-ok");
        List<String> tokens = Files.readAllLines(leaks).stream().filter(t -> !t.isBlank()).toList();
        assertThat(tokens).hasSizeGreaterThanOrEqualTo(QUICK.size() - 1);
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                tokens.forEach(t -> assertThat(text).as(file.toString()).doesNotContain(t));
            }
        }
        assertThat(run.out()).doesNotContain(tokens.get(0));
    }

    @Test
    void gradesClawscopesOwnProbeAsPassingEveryQuickCheck() throws IOException {
        GradeRun run = GradeRun.of(dir.resolve("probe"), "--client", GradedClients.probe(dir.resolve("home")),
                "--checks", String.join(",", QUICK), "--parallel", "3");

        assertThat(run.verdicts()).as(run.out()).isEqualTo(expected(QUICK.stream().map(id -> id + "=pass")
                .toArray(String[]::new)));
        assertThat(run.exit()).isZero();
        run.assertComplete(QUICK);
        assertThat(run.checks().get("closes_cleanly").get("measured").getAsString())
                .startsWith("close frame 1000 \"disposed\" after ");
    }

    private static Map<String, String> expected(String... pairs) {
        return Arrays.stream(pairs).map(p -> p.split("=")).collect(Collectors.toMap(p -> p[0], p -> p[1],
                (a, b) -> a, LinkedHashMap::new));
    }
}
