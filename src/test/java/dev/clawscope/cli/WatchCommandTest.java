package dev.clawscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.chaos.Fault;
import dev.clawscope.chaos.FaultProxy;
import dev.clawscope.settings.AppDirectories;
import dev.clawscope.sim.SimConfig;
import dev.clawscope.sim.SimGateway;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code clawscope watch} end to end: two simulators on loopback, one of them behind the fault
 * proxy, the command's own lines, its metrics over HTTP and its incident folder.
 */
@Timeout(90)
class WatchCommandTest {

    private static final String TOKEN = "watch-test-token-5c1d";
    private static final Pattern METRICS_URL = Pattern.compile("metrics on (http://127\\.0\\.0\\.1:\\d+/metrics)");
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final FakeCtrlC ctrlC = new FakeCtrlC();
    private SimGateway home;
    private SimGateway away;
    private FaultProxy proxy;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        // Both tick every 30 s (the default): a tick watchdog (60 s) never races the pong deadline,
        // nor trips on a machine too busy to deliver ticks a second apart.
        home = SimGateway.start(SimConfig.defaults(TOKEN));
        away = SimGateway.start(SimConfig.defaults(TOKEN));
        proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", away.port()));
    }

    @AfterEach
    void stop() {
        proxy.close();
        away.close();
        home.close();
    }

    @Test
    void anOutageOfOneGatewayIsALineAMetricAndOneIncidentWhileTheOtherStaysQuiet() throws Exception {
        Path config = write("""
                {"gateways": [
                  {"name": "home", "url": "ws://127.0.0.1:%d", "token_env": "GW_TOKEN", "device": false},
                  {"name": "away", "url": "ws://127.0.0.1:%d", "token_env": "GW_TOKEN", "device": false,
                   "ping_ms": 500, "pong_deadline_ms": 1000}
                ]}
                """.formatted(home.port(), proxy.listenAddress().getPort()));
        Path incidents = dir.resolve("incidents");
        CompletableFuture<Integer> watch = CompletableFuture.supplyAsync(() -> run(Map.of("GW_TOKEN", TOKEN),
                "watch", "--config", config.toString(), "--metrics", "127.0.0.1:0", "--incidents", incidents.toString(),
                "--incident-window", "1s"));
        await("both gateways connected", () -> lines("home handshaking -> connected") == 1
                && lines("away handshaking -> connected") == 1);
        String metrics = metricsUrl();
        assertEquals(1.0, value(scrape(metrics), "clawscope_link_up{gateway=\"away\"}"));

        proxy.apply(new Fault.Blackhole(Optional.empty()));
        await("the blackhole noticed", () -> lines("away connected -> backoff: liveness ws_pong") == 1);
        proxy.apply(new Fault.Heal());
        await("away connected again", () -> lines("away handshaking -> connected") == 2);
        await("its incident written", () -> bundles(incidents, "away").size() == 1);

        String text = scrape(metrics);
        assertTrue(value(text, "clawscope_link_reconnects_total{cause=\"transient:ws_pong_timeout\",gateway=\"away\"}") >= 1,
                text);
        assertEquals(1.0, value(text, "clawscope_link_liveness_timeouts_total{gateway=\"away\",kind=\"ws_pong\"}"));
        assertEquals(1.0, value(text, "clawscope_link_time_to_detect_seconds_count{gateway=\"away\"}"));
        assertEquals(1.0, value(text, "clawscope_link_outage_duration_seconds_count{gateway=\"away\"}"));
        assertEquals(0.0, value(text, "clawscope_link_time_to_detect_seconds_count{gateway=\"home\"}"));
        assertEquals(0.0, value(text, "clawscope_link_liveness_timeouts_total{gateway=\"home\",kind=\"ws_pong\"}"));
        assertEquals(List.of(), text.lines().filter(line -> line.startsWith("clawscope_link_reconnects_total{")
                && line.contains("gateway=\"home\"")).toList(), "the healthy gateway never reconnected");
        assertEquals(1.0, value(text, "clawscope_link_state{gateway=\"away\",state=\"connected\"}"));
        assertEquals(0.0, value(text, "clawscope_link_state{gateway=\"away\",state=\"backoff\"}"));
        assertEquals(2.0, value(text, "clawscope_link_handshakes_total{gateway=\"away\"}"));
        assertTrue(text.contains("clawscope_gateway_info{gateway=\"home\",server_version=\""), text);
        assertTrue(text.contains("jvm_threads_current"), "the library's JVM metrics are served too");
        assertFalse(text.contains(TOKEN));

        ctrlC.press();
        assertEquals(0, watch.get(30, TimeUnit.SECONDS), err::toString);
        assertEquals(List.of(), bundles(incidents, "home"), "no incident for the healthy gateway");
        Path bundle = bundles(incidents, "away").get(0);
        for (String name : List.of("journal.jsonl", "summary.md", "timeline.svg", "manifest.json")) {
            assertTrue(Files.size(bundle.resolve(name)) > 0, name);
        }
        assertFalse(Files.readString(bundle.resolve("journal.jsonl")).contains(TOKEN));
        assertTrue(out.toString().contains("away connected -> disposing"), out::toString);
        assertTrue(ctrlC.released.get(), "Ctrl-C is given back when the watch ends");
    }

    @Test
    void aBadConfigNamesItsLineAndFieldExitsTwoAndStartsNothing() throws Exception {
        Path config = write("""
                {"gateways": [
                  {"name": "home", "url": "ws://127.0.0.1:%d", "token_env": "GW_TOKEN"},
                  {"name": "work", "url": "wss://127.0.0.1:18789",
                   "token_file": "missing.token"}
                ]}
                """.formatted(home.port()));
        int port = freePort();
        Path incidents = dir.resolve("incidents");
        int code = run(Map.of("GW_TOKEN", TOKEN), "watch", "--config", config.toString(), "--metrics",
                "127.0.0.1:" + port, "--incidents", incidents.toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("error: " + config + ":4: gateways[1].token_file: cannot read "
                + dir.resolve("missing.token")), err::toString);
        assertTrue(err.toString().contains("nothing was started"), err::toString);
        assertEquals("", out.toString());
        assertFalse(Files.exists(incidents), "no incident folder made");
        try (ServerSocket free = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertEquals(port, free.getLocalPort(), "the metrics port was never bound");
        }
        assertEquals(0, home.acceptedTotal(), "no gateway was contacted");
    }

    @Test
    void usageErrorsAndCheckNeverConnect() throws Exception {
        assertEquals(2, run(Map.of(), "watch", "--config", dir.resolve("none.json").toString()));
        assertTrue(err.toString().contains("none.json: no such file"), err::toString);
        Path config = write("{\"gateways\": [{\"name\": \"home\", \"url\": \"ws://127.0.0.1:" + home.port()
                + "\", \"token_env\": \"GW_TOKEN\", \"colour\": \"red\"}]}");
        assertEquals(2, run(Map.of("GW_TOKEN", TOKEN), "watch", "--config", config.toString(), "--metrics", "nine"));
        assertTrue(err.toString().contains("--metrics: expected HOST:PORT"), err::toString);
        assertEquals(2, run(Map.of("GW_TOKEN", TOKEN), "watch", "--config", config.toString(),
                "--incident-bundles", "0"));
        assertTrue(err.toString().contains("--incident-bundles must be from 1 to 100000"), err::toString);

        assertEquals(0, run(Map.of("GW_TOKEN", TOKEN), "watch", "--config", config.toString(), "--check",
                "--metrics", "0.0.0.0:9464"));
        assertTrue(out.toString().contains("1 gateway(s)"), out::toString);
        assertTrue(out.toString().contains("home ws://127.0.0.1:" + home.port() + "/ (token: env GW_TOKEN)"),
                out::toString);
        assertTrue(err.toString().contains("gateways[0].colour: not a key this version knows; ignored"),
                err::toString);
        assertTrue(err.toString().contains("warning: serving metrics on 0.0.0.0:9464, which is not loopback"),
                err::toString);
        assertFalse(out.toString().contains(TOKEN));
        assertEquals(0, home.acceptedTotal(), "--check connects to nothing");
    }

    @Test
    void aTakenMetricsPortIsAClearErrorBeforeAnyLinkStarts() throws Exception {
        Path config = write("{\"gateways\": [{\"name\": \"home\", \"url\": \"ws://127.0.0.1:" + home.port()
                + "\", \"token_env\": \"GW_TOKEN\", \"device\": false}]}");
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int code = run(Map.of("GW_TOKEN", TOKEN), "watch", "--config", config.toString(), "--metrics",
                    "127.0.0.1:" + taken.getLocalPort(), "--incidents", "off");
            assertEquals(1, code);
            assertTrue(err.toString().contains("the address is taken"), err::toString);
        }
        assertEquals(0, home.acceptedTotal());
    }

    @Test
    void theCellsOfAnOpenclawFleetAreWatchedBesideTheConfigsGatewaysEachWithItsTenantsToken() throws Exception {
        // Stands in for `openclaw`: prints what openclaw 2026.9.6's `fleet list --json` prints (the
        // real command's output is checked in FleetListingTest), with the simulators' ports.
        Path openclaw = dir.resolve("openclaw");
        Files.writeString(openclaw, """
                #!/bin/sh
                [ "$1 $2 $3" = "fleet list --json" ] || { echo "unexpected: $*" >&2; exit 1; }
                cat <<'EOF'
                {"cells": [
                  {"tenant": "acme", "state": "running", "port": %d, "image": "ghcr.io/openclaw/openclaw:latest", "created": "2026-12-04T14:20:00.000Z"}
                ]}
                EOF
                """.formatted(away.port()));
        assertTrue(openclaw.toFile().setExecutable(true));
        Path config = write("{\"gateways\": [{\"name\": \"home\", \"url\": \"ws://127.0.0.1:" + home.port()
                + "\", \"token_env\": \"GW_TOKEN\", \"device\": false}]}");

        assertEquals(2, run(Map.of("GW_TOKEN", TOKEN), "watch", "--config", config.toString(),
                "--from-openclaw-fleet", openclaw.toString(), "--check"));
        assertTrue(err.toString().contains("openclaw fleet list --json: tenant acme: set its token in"
                + " OPENCLAW_FLEET_TOKEN_ACME"), err::toString);

        Map<String, String> env = Map.of("GW_TOKEN", TOKEN, "OPENCLAW_FLEET_TOKEN_ACME", TOKEN);
        assertEquals(0, run(env, "watch", "--config", config.toString(), "--from-openclaw-fleet",
                openclaw.toString(), "--check"));
        assertTrue(out.toString().contains("acme ws://127.0.0.1:" + away.port() + "/ (token: env"
                + " OPENCLAW_FLEET_TOKEN_ACME)"), out::toString);

        CompletableFuture<Integer> watch = CompletableFuture.supplyAsync(() -> run(env, "watch", "--config",
                config.toString(), "--from-openclaw-fleet", openclaw.toString(), "--metrics", "off",
                "--incidents", "off"));
        await("the config's gateway and the fleet's cell connected", () -> lines("home handshaking -> connected") == 1
                && lines("acme handshaking -> connected") == 1);
        ctrlC.press();
        assertEquals(0, watch.get(30, TimeUnit.SECONDS), err::toString);
        assertTrue(out.toString().contains("2 gateway(s) from " + config + " and openclaw fleet; no metrics"),
                out::toString);

        assertEquals(2, run(env, "watch", "--from-openclaw-fleet", dir.resolve("no-such-openclaw").toString()));
        assertTrue(err.toString().contains("error: openclaw fleet list --json: "), err::toString);
        assertFalse(out.toString().contains(TOKEN) || err.toString().contains(TOKEN));
    }

    private int run(Map<String, String> env, String... args) {
        AppDirectories directories = new AppDirectories(dir.resolve("config"), dir.resolve("data"), dir.resolve("logs"));
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == WatchCommand.class ? type.cast(new WatchCommand(ctrlC, env::get, directories))
                        : CommandLine.defaultFactory().create(type);
            }
        };
        return ClawscopeCommand.run(args, () -> {
            throw new AssertionError("a command must not open the window");
        }, factory, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path write(String text) throws IOException {
        Path file = dir.resolve("watch.json");
        Files.writeString(file, text);
        return file;
    }

    private long lines(String fragment) {
        String text;
        synchronized (out.getBuffer()) {
            text = out.toString();
        }
        return text.lines().filter(line -> line.contains(fragment)).count();
    }

    private String metricsUrl() {
        Matcher m = METRICS_URL.matcher(out.toString());
        assertTrue(m.find(), out::toString);
        return m.group(1);
    }

    private static String scrape(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    /** The sample's value in Prometheus's text format; fails when the series is absent. */
    static double value(String exposition, String series) {
        return exposition.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]))
                .orElseThrow(() -> new AssertionError("no " + series + " in\n" + exposition));
    }

    private static List<Path> bundles(Path incidents, String gateway) {
        if (!Files.isDirectory(incidents)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(incidents)) {
            return folders.filter(p -> p.getFileName().toString().startsWith(gateway + "-"))
                    .filter(p -> Files.exists(p.resolve("manifest.json"))).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Waits until {@code condition} holds; on a timeout the command's output says why. */
    private void await(String what, BooleanSupplier condition) {
        try {
            Awaitility.await(what).atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(25))
                    .until(condition::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("timed out waiting until " + what + "\nout:\n" + out + "\nerr:\n" + err, e);
        }
    }
}
