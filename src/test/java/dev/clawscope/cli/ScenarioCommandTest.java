package dev.clawscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.clawscope.journal.JournalJson;
import dev.clawscope.scenario.BuiltInScenarios;
import dev.clawscope.sim.SimConfig;
import dev.clawscope.sim.SimGateway;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code clawscope scenario}: live lines, progress, the journal file and exit codes 0, 1 and 2. */
@Timeout(60)
class ScenarioCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    @Test
    void listShowsEveryBuiltInWithItsDescription() {
        assertEquals(0, run(Map.of(), "scenario", "--list"));
        List<String> lines = out.toString().lines().toList();
        assertEquals(BuiltInScenarios.NAMES.size(), lines.size(), out::toString);
        for (int i = 0; i < lines.size(); i++) {
            assertTrue(lines.get(i).startsWith(BuiltInScenarios.NAMES.get(i) + " "), lines.get(i));
        }
        assertTrue(out.toString().contains("tick watchdog"), out::toString);
    }

    @Test
    void passingBuiltInExitsZeroWithLiveLinesProgressAndJournal() throws Exception {
        Path proof = dir.resolve("proof");
        int code = run(Map.of(), "scenario", "silent-server", "--out", proof.toString());
        String text = out.toString();
        assertEquals(0, code, text + err);
        assertTrue(text.contains("] step 4/11: sim freeze"), text);
        assertTrue(text.contains("liveness_timeout"), text);
        assertTrue(text.contains("fault_injected       freeze"), text);
        assertTrue(text.contains("PASSED silent-server"), text);
        List<String> lines = Files.readAllLines(proof.resolve("journal.jsonl"));
        assertTrue(lines.size() > 10);
        lines.forEach(line -> assertTrue(JournalJson.parse(line).isPresent(), line));

        JsonObject source = source(proof);
        assertEquals("gateway_link", source.get("kind").getAsString(), source::toString);
        assertEquals("link:sim", source.get("id").getAsString(), "one id whatever port the simulator had");
        assertTrue(source.get("name").getAsString().matches(
                "Clawscope scenario silent-server \u2192 embedded simulator on ws://127\\.0\\.0\\.1:\\d+"),
                source::toString);
    }

    @Test
    void failedCheckExitsOneAndPrintsIt() throws Exception {
        Path file = dir.resolve("strict.json");
        Files.writeString(file, """
                {"name": "strict", "description": "expects a restart that never comes",
                 "steps": ["connect", "await hello_ok within 5s", "expect shutdown_notice"]}
                """);
        assertEquals(1, run(Map.of(), "scenario", file.toString()));
        assertTrue(out.toString().contains(
                "FAILED strict after"), out::toString);
        assertTrue(out.toString().contains("step 3 'expect shutdown_notice': no shutdown_notice in the journal"),
                out::toString);
    }

    @Test
    void proxyScenarioRunsAgainstAGatewayUrl() throws Exception {
        try (SimGateway gateway = SimGateway.start(SimConfig.defaults("url-test-token-31"))) {
            Path proof = dir.resolve("proof");
            int code = run(Map.of("GW_TOKEN", "url-test-token-31"), "scenario", "blackhole",
                    "--gateway", gateway.url().toString(), "--token-env", "GW_TOKEN", "--out", proof.toString());
            assertEquals(0, code, out + "\n" + err);
            assertTrue(out.toString().contains("-> 127.0.0.1:" + gateway.port()), out::toString);
            assertTrue(!out.toString().contains("url-test-token-31"), "the token never reaches the output");

            String url = "ws://127.0.0.1:" + gateway.port() + "/";
            JsonObject source = source(proof);
            assertEquals("gateway_link", source.get("kind").getAsString(), source::toString);
            assertEquals("link:" + url, source.get("id").getAsString(), "the gateway it ran against, not the proxy");
            assertEquals("Clawscope scenario blackhole \u2192 " + url, source.get("name").getAsString());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "scenario                                              | name a scenario (NAME or FILE), or use --list",
        "scenario nosuch                                       | no built-in scenario or file named 'nosuch'",
        "scenario gateway-kill --gateway ws://127.0.0.1:1      | scenario gateway-kill drives the simulator",
        "scenario blackhole --gateway http://127.0.0.1:1       | --gateway: the gateway URL must start with ws://",
        "scenario blackhole --gateway wss://example.org        | need a ws:// URL",
        "scenario blackhole --gateway ws://127.0.0.1:          | --gateway: the gateway URL has an empty port after ':'",
        "scenario blackhole --token-env T                      | --token-env and --token-file go with a gateway URL",
        "scenario blackhole --gateway ws://127.0.0.1:1 --token-env NOPE | the variable NOPE is not set"
    })
    void usageErrorsExitTwo(String args, String message) {
        assertEquals(2, run(Map.of(), args.split(" +")));
        assertTrue(err.toString().contains(message), err::toString);
    }

    @Test
    void malformedFileIsAUsageErrorThatSaysWhere() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"name\": \"bad\", \"steps\": [\"connect\", \"await nothing\"]}");
        assertEquals(2, run(Map.of(), "scenario", file.toString()));
        assertTrue(err.toString().contains("bad.json: step 2 ('await nothing'): unknown event type 'nothing'"),
                err::toString);
    }

    private static JsonObject source(Path bundle) throws Exception {
        return JsonParser.parseString(Files.readString(bundle.resolve("manifest.json"))).getAsJsonObject()
                .getAsJsonObject("source");
    }

    private int run(Map<String, String> env, String... args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == ScenarioCommand.class
                        ? type.cast(new ScenarioCommand(env::get))
                        : CommandLine.defaultFactory().create(type);
            }
        };
        return ClawscopeCommand.run(args, () -> {
            throw new AssertionError("a command must not open the window");
        }, factory, new PrintWriter(out, true), new PrintWriter(err, true));
    }
}
