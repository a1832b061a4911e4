package dev.clawscope.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.watch.FleetListing.Gateway;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FleetListing}: the real output of {@code openclaw fleet list --json} (captured in
 * {@code src/test/resources/openclaw-fleet/}), hostile listings, a misbehaving command, and the real
 * command itself when {@code scripts/real-gateway/gateway.sh install} has installed openclaw.
 */
class FleetListingTest {

    private static final Path FIXTURES = Path.of("src", "test", "resources", "openclaw-fleet");
    private static final Path SCRIPT = Path.of("scripts", "real-gateway", "gateway.sh").toAbsolutePath();

    @TempDir
    Path tmp;

    @Test
    void readsTheCapturedListingOfTwoCells() throws IOException {
        List<Gateway> gateways = FleetListing.parse(fixture("fleet-list-two-cells.json"));
        assertEquals(List.of(
                new Gateway("acme", "ws://127.0.0.1:19100", "unknown", "OPENCLAW_FLEET_TOKEN_ACME"),
                new Gateway("globex", "ws://127.0.0.1:19101", "unknown", "OPENCLAW_FLEET_TOKEN_GLOBEX")), gateways);
        assertEquals(List.of(), FleetListing.parse(fixture("fleet-list-empty.json")));
    }

    @Test
    void aTenantsTokenVariableIsItsIdInCapitals() {
        assertEquals("OPENCLAW_FLEET_TOKEN_EU_WEST_2", FleetListing.tokenEnv("eu-west-2"));
        Gateway g = FleetListing.parse("{\"cells\":[{\"tenant\":\"a-1\",\"state\":\"running\",\"port\":19100}]}").get(0);
        assertEquals(new Gateway("a-1", "ws://127.0.0.1:19100", "running", "OPENCLAW_FLEET_TOKEN_A_1"), g);
    }

    @Test
    void malformedJsonIsAClearError() {
        assertMessage("not valid JSON", "{\"cells\": [");
        assertMessage("not valid JSON", "");
        assertMessage("not valid JSON", "{cells: []}");
        assertMessage("trailing data", "{\"cells\": []} {\"cells\": []}");
        assertMessage("not valid JSON", "[".repeat(100_000));
        assertMessage("expected an object with a \"cells\" array", "[]");
        assertMessage("expected an object with a \"cells\" array", "{\"cells\": {}}");
        assertMessage("expected an object with a \"cells\" array",
                "{\"ok\": false, \"error\": {\"type\": \"cli_error\", \"message\": \"boom\"}}");
    }

    @Test
    void missingOrBadFieldsNameTheCell() {
        assertMessage("fleet cell 2: expected an object, got 42",
                "{\"cells\":[{\"tenant\":\"a\",\"port\":19100}, 42]}");
        assertMessage("fleet cell 1: \"tenant\" is missing", "{\"cells\":[{\"port\":19100}]}");
        assertMessage("fleet cell 1: \"tenant\" is missing or not a string", "{\"cells\":[{\"tenant\":7,\"port\":1}]}");
        assertMessage("fleet cell 1 (acme): \"port\" is missing", "{\"cells\":[{\"tenant\":\"acme\"}]}");
        assertMessage("fleet cell 1 (acme): \"port\" is missing or not a number",
                "{\"cells\":[{\"tenant\":\"acme\",\"port\":\"19100\"}]}");
        assertMessage("fleet cell 1 (acme): state \"Running; rm -rf\" is not a container state word",
                "{\"cells\":[{\"tenant\":\"acme\",\"port\":19100,\"state\":\"Running; rm -rf\"}]}");
    }

    @Test
    void hostileTenantIdsAreRefusedWithoutEchoingControlCharacters() {
        assertMessage("fleet cell 1: tenant \"../etc\" is not a fleet tenant id",
                "{\"cells\":[{\"tenant\":\"../etc\",\"port\":19100}]}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FleetListing.parse(
                "{\"cells\":[{\"tenant\":\"a\\u001b[31mb\",\"port\":19100}]}"));
        assertFalse(e.getMessage().contains("\u001b"), e.getMessage());
        assertTrue(e.getMessage().contains("\\u001b"), e.getMessage());
        IllegalArgumentException longId = assertThrows(IllegalArgumentException.class,
                () -> FleetListing.parse("{\"cells\":[{\"tenant\":\"" + "a".repeat(10_000) + "\",\"port\":1}]}"));
        assertTrue(longId.getMessage().length() < 200, longId.getMessage());
    }

    @Test
    void absurdPortsAreRefused() {
        for (String port : List.of("0", "-1", "65536", "1e400", "19100.5", "99999999999999999999")) {
            assertMessage("fleet cell 1 (acme): port " + port + " is not a TCP port",
                    "{\"cells\":[{\"tenant\":\"acme\",\"port\":" + port + "}]}");
        }
        assertEquals("ws://127.0.0.1:65535",
                FleetListing.parse("{\"cells\":[{\"tenant\":\"acme\",\"port\":65535}]}").get(0).url());
    }

    @Test
    void aTenantOrPortListedTwiceIsRefused() {
        assertMessage("fleet cell 2 (acme): tenant already listed as cell 1",
                "{\"cells\":[{\"tenant\":\"acme\",\"port\":19100},{\"tenant\":\"acme\",\"port\":19101}]}");
        assertMessage("fleet cell 2 (globex): port 19100 is also cell acme's",
                "{\"cells\":[{\"tenant\":\"acme\",\"port\":19100},{\"tenant\":\"globex\",\"port\":19100}]}");
    }

    @Test
    void aFailingCommandReportsItsExitCodeAndStandardError() {
        IOException e = assertThrows(IOException.class, () -> FleetListing.list(
                List.of("sh", "-c", "printf 'boom %s\\033[2J\\n' \"$1\" >&2; exit 3", "sh"), Map.of()));
        assertEquals("openclaw fleet list --json exited 3: boom fleet?[2J", e.getMessage());
        IOException missing = assertThrows(IOException.class,
                () -> FleetListing.list(tmp.resolve("no-such-openclaw")));
        assertTrue(missing.getMessage().contains("no-such-openclaw"), missing.getMessage());
    }

    @Test
    void endlessOutputStopsAtOneMebibyte() {
        IOException e = assertThrows(IOException.class,
                () -> FleetListing.list(List.of("sh", "-c", "exec yes '{\"cells\": []}'", "sh"), Map.of()));
        assertEquals("openclaw fleet list --json printed more than 1048576 bytes", e.getMessage());
    }

    @Test
    void aHangingCommandIsKilledAtTheTimeout() throws Exception {
        Path pidFile = tmp.resolve("pid");
        long t0 = System.nanoTime();
        IOException e = assertThrows(IOException.class, () -> FleetListing.list(
                List.of("sh", "-c", "echo $$ > \"$0\"; exec sleep 60", pidFile.toString()), Map.of(),
                Duration.ofMillis(1500)));
        assertEquals("openclaw fleet list --json did not finish within 1500 ms", e.getMessage());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10), "returned soon after the timeout");
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle.of(pid).ifPresent(h -> h.onExit().orTimeout(10, TimeUnit.SECONDS).join());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the command was killed");
    }

    @Test
    void theRealOpenclawListsARegisteredFleet() throws Exception {
        Path home = installedOpenclaw();
        Path node = home.resolve("node/package/bin/node");
        Path openclaw = home.resolve("app/node_modules/openclaw");
        List<String> command = List.of(node.toString(), openclaw.resolve("openclaw.mjs").toString());
        Path state = tmp.resolve("state");
        Map<String, String> env = Map.of("HOME", state.toString(), "OPENCLAW_STATE_DIR",
                state.resolve(".openclaw").toString());

        assertEquals(List.of(), FleetListing.list(command, env));

        ProcessBuilder seed = new ProcessBuilder(node.toString(),
                FIXTURES.resolve("seed-registry.mjs").toAbsolutePath().toString(), openclaw.resolve("dist").toString(),
                "acme:19100:2026-12-04T14:20:00.000Z", "eu-west-2:19101:2026-12-04T14:21:30.000Z")
                .redirectErrorStream(true);
        seed.environment().putAll(env);
        Process p = seed.start();
        String out = new String(p.getInputStream().readNBytes(64 * 1024), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "seeding did not finish");
        assertEquals(0, p.exitValue(), out);

        List<Gateway> gateways = FleetListing.list(command, env);
        assertEquals(List.of("acme", "eu-west-2"), gateways.stream().map(Gateway::name).toList());
        assertEquals(List.of("ws://127.0.0.1:19100", "ws://127.0.0.1:19101"),
                gateways.stream().map(Gateway::url).toList());
        assertEquals("OPENCLAW_FLEET_TOKEN_EU_WEST_2", gateways.get(1).tokenEnv());
        assertFalse(gateways.get(0).state().isEmpty());
    }

    /** The folder the real-gateway suite installs openclaw into, or the test is skipped. */
    private static Path installedOpenclaw() throws Exception {
        Process p = new ProcessBuilder("bash", SCRIPT.toString(), "where").redirectErrorStream(true).start();
        String where = new String(p.getInputStream().readNBytes(4096), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "gateway.sh where did not finish");
        Path home = Path.of(where.lines().reduce((a, b) -> b).orElse(""));
        Assumptions.assumeTrue(Files.isRegularFile(home.resolve("installed"))
                        && Files.isRegularFile(home.resolve("app/node_modules/openclaw/openclaw.mjs")),
                "openclaw is not installed; run scripts/real-gateway/gateway.sh install");
        return home;
    }

    private static String fixture(String name) throws IOException {
        return Files.readString(FIXTURES.resolve(name), StandardCharsets.UTF_8);
    }

    private static void assertMessage(String expected, String json) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FleetListing.parse(json));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
}
