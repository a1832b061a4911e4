package dev.clawscope.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.journal.JournalJson;
import dev.clawscope.link.GatewayAddress;
import dev.clawscope.protocol.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Custom scenarios end to end against the simulator: passing, failing with the right message, progress, output. */
@Timeout(30)
class ScenarioRunnerTest {

    @TempDir
    Path dir;

    @Test
    void customFileRunsAndReportsProgress() throws Exception {
        Path file = dir.resolve("quick.json");
        Files.writeString(file, """
                {
                  "name": "quick-reset",
                  "description": "one reset, one reconnect",
                  "sim": {"tick": "200ms"},
                  "steps": [
                    "connect",
                    "await hello_ok within 5s",
                    "await tick[frame_seq>=1] within 2s",
                    {"fault": "reset"},
                    "await closed within 3s",
                    "await hello_ok within 5s",
                    "expect fault_injected[kind=reset]",
                    "expect hello_ok count = 2",
                    "expect hello_ok after fault_injected within 3s",
                    "expect_state connected",
                    "max_rate connect_attempt 1 per 100ms"
                  ]
                }
                """);
        Scenario scenario = ScenarioParser.parse(file);
        List<String> phases = Collections.synchronizedList(new ArrayList<>());
        List<String> types = Collections.synchronizedList(new ArrayList<>());
        ScenarioResult result = new ScenarioRunner().run(scenario, GatewayTarget.simulator(), new ScenarioListener() {
            @Override
            public void onStep(int index, int count, Step step, Duration elapsed, Duration budget) {
                phases.add(index + "/" + count + " " + step.text());
            }

            @Override
            public void onEntry(dev.clawscope.journal.JournalEntry entry) {
                types.add(entry.event().type());
            }
        });
        assertTrue(result.passed(), () -> result.failure().orElse(""));
        assertEquals(11, phases.size());
        assertEquals("4/11 fault reset", phases.get(3));
        assertEquals(result.entries().stream().map(e -> e.event().type()).toList(), types,
                "the listener saw every entry, teardown included");
        Path journal = ScenarioOutput.write(dir.resolve("out"), result, "embedded simulator", null).dir()
                .resolve(dev.clawscope.proof.ProofBundle.JOURNAL);
        List<String> lines = Files.readAllLines(journal);
        assertEquals(result.entries().size(), lines.size());
        assertEquals(2, result.history().helloOks(), "the link's own count");
        String summary = Files.readString(journal.resolveSibling(dev.clawscope.proof.ProofBundle.SUMMARY));
        assertTrue(summary.contains("- hello-ok: 2, connected at least once (the link's own record)"), summary);
        lines.forEach(line -> assertTrue(JournalJson.parse(line).isPresent(), line));
        assertFalse(String.join("\n", lines).contains("scenario-"), "the simulator's token stays out of the journal");
    }

    @Test
    void aCheckThatCannotHoldFailsWithItsMessage() throws Exception {
        Scenario scenario = ScenarioParser.parse("""
                {"name": "impossible", "steps": [
                  "connect",
                  "await hello_ok within 5s",
                  "expect hello_ok count = 2",
                  "wait 1m"
                ]}
                """);
        ScenarioResult result = new ScenarioRunner().run(scenario, GatewayTarget.simulator(), ScenarioListener.NONE);
        assertFalse(result.passed());
        assertEquals("step 3 'expect hello_ok count = 2': found 1 hello_ok, expected count = 2", result.failure().get());
        assertEquals(3, result.steps().size(), "the run stops at the failed check");
        assertEquals("dispose_end", result.entries().get(result.entries().size() - 1).event().type());
    }

    @Test
    void anAwaitThatTimesOutFails() throws Exception {
        Scenario scenario = ScenarioParser.parse("""
                {"name": "never", "steps": ["connect", "await shutdown_notice within 300ms"]}
                """);
        ScenarioResult result = new ScenarioRunner().run(scenario, GatewayTarget.simulator(), ScenarioListener.NONE);
        assertTrue(result.failure().orElseThrow().startsWith(
                "step 2 'await shutdown_notice within 300ms': no shutdown_notice within 300 ms"), result.failure()::get);
    }

    @Test
    void timingBoundsAreChecked() throws Exception {
        Scenario scenario = ScenarioParser.parse("""
                {"name": "too-slow", "link": {"ping": "500ms", "pong_deadline": "500ms"}, "steps": [
                  "connect", "await hello_ok within 5s", "fault blackhole",
                  "await liveness_timeout within 3s",
                  "expect liveness_timeout after fault_injected[kind=blackhole] within 10ms"
                ]}
                """);
        ScenarioResult result = new ScenarioRunner().run(scenario, GatewayTarget.simulator(), ScenarioListener.NONE);
        String failure = result.failure().orElseThrow();
        assertTrue(failure.matches("step 5 .*: the first liveness_timeout came \\d+ ms after "
                + "fault_injected\\[kind=blackhole], expected within 10 ms"), failure);
    }

    @Test
    void simulatorScenariosRefuseARealGateway() {
        Scenario kill = BuiltInScenarios.find("gateway-kill").orElseThrow();
        GatewayTarget remote = GatewayTarget.remote(GatewayAddress.parse("ws://127.0.0.1:18789", false), Secret.of("t"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ScenarioRunner().run(kill, remote, ScenarioListener.NONE));
        assertTrue(e.getMessage().contains("sim kill"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GatewayTarget.remote(
                GatewayAddress.parse("wss://gateway.example", false), null));
    }
}
