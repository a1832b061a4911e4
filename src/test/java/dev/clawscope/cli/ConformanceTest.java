package dev.clawscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import dev.clawscope.grade.CheckId;
import dev.clawscope.grade.GradedClients;
import dev.clawscope.officialclient.OfficialClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Grades OpenClaw clients written elsewhere with every check and commits what they did:
 * {@code docs/conformance/<client>.md} and the README's summary table. A failing check is a
 * finding about the client, not a failure of this test; the test asserts that every check ran and
 * the report is complete. Needs the npm registry once (the installers cache what they fetch).
 * Runs with {@code ./mvnw -B -Pgrade test}; the runs' folders stay in {@code target/conformance/}.
 */
@Tag("conformance")
class ConformanceTest {

    private static final List<String> ALL = Arrays.stream(CheckId.values()).map(CheckId::id).toList();
    private static final Path OUT = Path.of("target", "conformance");
    private static final Path SCRIPTS = Path.of("scripts").toAbsolutePath();
    private static final String RERUN = "`./mvnw -B -Pgrade test -Dtest='ConformanceTest#%s'` (the reports of a run stay"
            + " in `target/conformance/`).";

    @Test
    void referenceTypeScriptClient() throws Exception {
        OfficialClient.Installed installed = OfficialClient.installOrSkip();
        String version = packageVersion(installed.clientDir().resolve("node_modules/@openclaw/gateway-client"));
        String script = SCRIPTS.resolve("official-client/graded-client.mjs").toString();
        String command = GradedClients.quote(installed.node().toString()) + " " + GradedClients.quote(script)
                + " --client-dir " + GradedClients.quote(installed.clientDir().toString());

        GradeRun run = grade("gateway-client", command);

        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("@openclaw/gateway-client", version);
        versions.put("Node", nodeVersion(installed.node()));
        versions.put("harness", "scripts/official-client/graded-client.mjs: one GatewayClient as shipped (token, no"
                + " device identity), stopAndWait() on SIGTERM");
        ConformanceDoc.write(new ConformanceDoc.Graded("openclaw-gateway-client", "@openclaw/gateway-client", version,
                versions, "node scripts/official-client/graded-client.mjs --client-dir <install>/client",
                String.format(RERUN, "referenceTypeScriptClient"), List.of(
                        "The harness runs the client as shipped and adds only what an application adds: it stays up"
                                + " while the client pauses and calls stopAndWait() on SIGTERM.",
                        "Its reconnect is the package's own: 1 s doubling to 30 s without jitter, and its tick watchdog"
                                + " ends a silent connection after twice the tick interval (the simulator ticks every"
                                + " 30 s, as the gateway does).")), run);
    }

    @Test
    void openclawNodeHost() throws Exception {
        Path home = realGatewayInstall();
        Path node = home.resolve("node/package/bin/node");
        Path entry = home.resolve("app/node_modules/openclaw/openclaw.mjs");
        String version = packageVersion(entry.getParent());
        Path states = Files.createDirectories(OUT.resolve("node-host-state").toAbsolutePath());
        // One fresh state folder (device identity, pairing) per process; the token through the environment only.
        String command = "state=$(mktemp -d " + GradedClients.quote(states + "/run.XXXXXX") + ") && OPENCLAW_STATE_DIR="
                + "\"$state\" OPENCLAW_GATEWAY_TOKEN=\"$CLAWSCOPE_TOKEN\" exec " + GradedClients.quote(node.toString())
                + " " + GradedClients.quote(entry.toString()) + " node run --host {host} --port {port}";

        GradeRun run = grade("openclaw-node-host", command);

        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("openclaw (npm)", version);
        versions.put("Node", nodeVersion(node));
        versions.put("client", "`openclaw node run`, the headless node host (role node, a device identity of its own)");
        ConformanceDoc.write(new ConformanceDoc.Graded("openclaw-node-host", "openclaw node host", version, versions,
                "state=$(mktemp -d) && OPENCLAW_STATE_DIR=\"$state\" OPENCLAW_GATEWAY_TOKEN=\"$CLAWSCOPE_TOKEN\""
                        + " exec node <install>/openclaw.mjs node run --host {host} --port {port}",
                String.format(RERUN, "openclawNodeHost"), List.of(
                        "Each process gets a fresh OPENCLAW_STATE_DIR, so each is a new device that the simulator"
                                + " pairs silently on loopback, as the gateway does.",
                        "node.runnerInventory.update is served by the gateway 2026.9.6 but registered with"
                                + " advertise: false, so hello-ok's features.methods does not list it: by the letter"
                                + " of no_invented_methods the node host calls a method the gateway does not advertise.",
                        "The simulator serves none of the node role's methods: it answers node.* requests FORBIDDEN"
                                + " (MISSING_SCOPE), as it answers any method it does not serve, and the node host"
                                + " retries its publications about every second (the gateway answers them). No check"
                                + " judges these answers.",
                        "The node host is heavy to start: 7-10 s from the process start to hello-ok on this 2-core"
                                + " machine. In some runs a slow start-up made it stop its own gateway client right"
                                + " after sending connect (its log: gateway connect failed: gateway client stopped)"
                                + " and come back only later, so that a check failed before its fault with no hello-ok"
                                + " within 15 s. The run committed here had none of that.")), run);
    }

    @Test
    void clawscopeProbe() throws Exception {
        String command = GradedClients.probe(OUT.resolve("probe-home").toAbsolutePath());
        GradeRun run = grade("clawscope-probe", command);
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("Clawscope probe", run.report().get("clawscope_version").getAsString());
        versions.put("Java", System.getProperty("java.version"));
        String version = run.report().get("clawscope_version").getAsString();
        ConformanceDoc.write(new ConformanceDoc.Graded("clawscope-probe", "Clawscope probe", version, versions,
                "CLAWSCOPE_HOME=<folder> java -jar clawscope.jar probe --url {url} --token-env CLAWSCOPE_TOKEN"
                        + " --duration 0", String.format(RERUN, "clawscopeProbe"), List.of(
                        "probe reconnects with full jitter; three checks judge a single draw of it and fail it by"
                                + " chance now and then: recovers_after_crash in about 7 % of runs (after a 5 s"
                                + " outage its fifth attempt may wait up to 16 s), jittered_reconnects and backs_off"
                                + " in under 1 %.")), run);
    }

    private static GradeRun grade(String name, String command) throws IOException {
        GradeRun run = GradeRun.of(OUT.resolve(name), "--client", command);
        System.out.println("grade " + name + ":\n" + run.out() + run.err());
        run.assertComplete(ALL);
        assertThat(run.exit()).as("every check ran and the client connected").isIn(0, GradeCommand.EXIT_FAILED);
        return run;
    }

    private static String packageVersion(Path packageDir) throws IOException {
        return JsonParser.parseString(Files.readString(packageDir.resolve("package.json"), StandardCharsets.UTF_8))
                .getAsJsonObject().get("version").getAsString();
    }

    private static String nodeVersion(Path node) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(node.toString(), "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    /** Installs, once, Node and the openclaw package with {@code scripts/real-gateway/gateway.sh}; its folder. */
    private static Path realGatewayInstall() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", SCRIPTS.resolve("real-gateway/gateway.sh").toString(), "install")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.getOutputStream().close();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0 || lines.isEmpty()) {
            throw new IllegalStateException("scripts/real-gateway/gateway.sh install failed: openclaw comes from the"
                    + " npm registry; see its messages above");
        }
        return Path.of(lines.get(lines.size() - 1).strip());
    }
}
