package dev.clawscope.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.clawscope.officialclient.OfficialClient;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the simulator speaks the real protocol: the reference TypeScript client
 * ({@code @openclaw/gateway-client}, installed by {@code scripts/official-client/install.sh} from the
 * npm registry) connects as {@code cli}/{@code cli} with the shared token, gets hello-ok, a tick and
 * a {@code health} answer, and stops. Its driver also checks what it received against the
 * reference package's own schemas.
 */
@Tag("official-client")
class OfficialClientFidelityTest {

    private static final Path SCRIPTS = OfficialClient.SCRIPTS;
    private static final Duration DRIVER_DEADLINE = Duration.ofSeconds(45);
    private static final Duration DRIVER_TIMEOUT = DRIVER_DEADLINE.plusSeconds(15);
    private static final Duration TICK = Duration.ofMillis(500);
    /**
     * Properties the 2026.9.6 gateway itself sends beyond the 2026.9.1 schema (seen in its captured
     * hello-ok): the simulator may send these, and nothing else the schema does not know.
     */
    private static final Set<String> KNOWN_EXTRAS = Set.of("hello-ok/auth:method",
            "hello-ok/snapshot/presence/N:clientId");

    @TempDir
    Path work;

    @Test
    void referenceClientGetsHelloOkTicksAndHealthFromTheSimulator() throws Exception {
        OfficialClient.Installed installed = OfficialClient.installOrSkip();
        String token = "fidelity-" + UUID.randomUUID();
        JsonObject out;
        try (SimGateway sim = SimGateway.start(SimConfig.defaults(token).withTickInterval(TICK))) {
            out = drive(installed, sim, token);

            assertTrue(sim.handshakes() >= 1, "simulator handshakes: " + sim.handshakes());
            assertEquals(sim.handshakes(), sim.connectAttempts(), "every connect was accepted at once");
            assertTrue(sim.methodCalls("health") >= 1, "health calls: " + sim.methodCalls());
            assertEquals(0, sim.methodCalls("ping"), "the reference client never calls ping");
        }
        String line = out.toString();
        assertTrue(out.get("helloOk").getAsBoolean(), line);
        assertEquals(4, out.get("protocol").getAsInt(), line);
        assertEquals(TICK.toMillis(), out.get("tickIntervalMs").getAsLong(), line);
        assertTrue(out.get("ticks").getAsInt() >= 1, line);
        assertTrue(out.get("healthOk").getAsBoolean(), line);
        assertEquals("operator", out.get("role").getAsString(), line);
        assertEquals(List.of("operator.read", "operator.write"), strings(out.getAsJsonArray("scopes")),
                "a local cli/cli socket keeps the scopes it asked for: " + line);
        assertEquals(0, out.getAsJsonArray("gaps").size(), "seq gaps: " + line);
        // stop() sends a close frame with no status; the real gateway answers with an empty one.
        assertEquals(1005, out.get("closeCode").getAsInt(), line);

        JsonObject schema = out.getAsJsonObject("schema");
        assertEquals(List.of(), strings(schema.getAsJsonArray("violations")),
                "frames that break the reference schema: " + line);
        for (String extra : strings(schema.getAsJsonArray("extras"))) {
            assertTrue(KNOWN_EXTRAS.contains(extra.replaceAll("/\\d+", "/N")),
                    "a property the schema does not know and the real gateway does not send: " + extra);
        }
    }

    // ---- the scripts --------------------------------------------------------------------------

    private JsonObject drive(OfficialClient.Installed installed, SimGateway sim, String token) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(installed.node().toString(),
                SCRIPTS.resolve("driver.mjs").toString(),
                "--url", sim.url().toString(),
                "--timeout-ms", Long.toString(DRIVER_DEADLINE.toMillis()),
                "--client-dir", installed.clientDir().toString());
        keepOnly(builder.environment(), List.of("PATH", "HOME", "LANG", "TMPDIR"));
        builder.environment().put("GATEWAY_TOKEN", token); // through the environment: argv is visible in ps
        Run run = run(builder, DRIVER_TIMEOUT, "driver");
        String json = run.stdoutLines().stream().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse(null);
        assertFalse(run.stdout.contains(token) || run.stderr.contains(token), "the driver printed the token");
        if (run.exitCode != 0 || json == null) {
            fail("driver.mjs failed (" + run.describeExit() + "); its output:\n" + run.tail(25));
        }
        JsonElement parsed = JsonParser.parseString(json);
        assertTrue(parsed.isJsonObject(), json);
        return parsed.getAsJsonObject();
    }

    // ---- processes ----------------------------------------------------------------------------

    private static final class Run {
        int exitCode;
        boolean timedOut;
        String stdout = "";
        String stderr = "";

        List<String> stdoutLines() {
            return stdout.lines().filter(l -> !l.isBlank()).toList();
        }

        String describeExit() {
            return timedOut ? "timed out and was killed" : "exit " + exitCode;
        }

        String tail(int count) {
            List<String> all = new ArrayList<>(stderr.lines().toList());
            all.addAll(stdout.lines().toList());
            return String.join("\n", all.subList(Math.max(0, all.size() - count), all.size()));
        }
    }

    /** Runs to completion or the timeout; the process and its children never outlive this call. */
    private Run run(ProcessBuilder builder, Duration timeout, String name) throws Exception {
        File out = work.resolve(name + ".out").toFile();
        File err = work.resolve(name + ".err").toFile();
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out).redirectError(err);
        Run run = new Run();
        Process process = builder.start();
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                run.exitCode = process.exitValue();
            } else {
                run.timedOut = true;
                run.exitCode = -1;
            }
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.onExit().get(10, TimeUnit.SECONDS);
        }
        run.stdout = read(out);
        run.stderr = read(err);
        return run;
    }

    private static String read(File file) throws IOException {
        return Files.readString(file.toPath(), StandardCharsets.UTF_8);
    }

    private static void keepOnly(Map<String, String> environment, List<String> names) {
        environment.keySet().retainAll(Set.copyOf(names));
    }

    private static List<String> strings(JsonArray array) {
        List<String> values = new ArrayList<>();
        array.forEach(e -> values.add(e.getAsString()));
        return values;
    }
}
