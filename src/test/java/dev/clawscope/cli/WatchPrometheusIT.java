package dev.clawscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.chaos.Fault;
import dev.clawscope.chaos.FaultProxy;
import dev.clawscope.sim.SimConfig;
import dev.clawscope.sim.SimGateway;
import dev.clawscope.testing.Promtool;
import dev.clawscope.testing.RealPrometheus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code clawscope watch} process, as a supervisor starts it, scraped every second by a real
 * Prometheus (Debian's package): two simulators on loopback, one behind the fault proxy, which
 * blackholes it for a while. Everything asserted about the metrics is asked of Prometheus's query
 * API, so names, types and labels are what a dashboard would see.
 */
@Timeout(180)
class WatchPrometheusIT {

    private static final String TOKEN = "watch-prometheus-token-81e0";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern SILENT = Pattern.compile("silent (\\d+\\.\\d) s");
    private static final Pattern METRICS = Pattern.compile("metrics on http://127\\.0\\.0\\.1:(\\d+)/metrics");

    @TempDir
    Path dir;

    private Path output;
    private Process watch;

    @AfterEach
    void stopWatch() throws InterruptedException {
        if (watch != null && watch.isAlive()) {
            watch.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void prometheusSeesTheBlackholedGatewaysOutageAndNothingOfTheHealthyOne() throws Exception {
        // Both tick every 30 s (the default): a tick watchdog (60 s) never races the pong deadline,
        // nor trips on a machine too busy to deliver ticks a second apart.
        try (SimGateway home = SimGateway.start(SimConfig.defaults(TOKEN));
                SimGateway away = SimGateway.start(SimConfig.defaults(TOKEN));
                FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", 0),
                        new InetSocketAddress("127.0.0.1", away.port()))) {
            Path config = dir.resolve("watch.json");
            Files.writeString(config, """
                    {"gateways": [
                      {"name": "home", "url": "ws://127.0.0.1:%d", "token_env": "GW_TOKEN", "device": false},
                      {"name": "away", "url": "ws://127.0.0.1:%d", "token_env": "GW_TOKEN", "device": false,
                       "ping_ms": 500, "pong_deadline_ms": 1000}
                    ]}
                    """.formatted(home.port(), proxy.listenAddress().getPort()));
            Path incidents = dir.resolve("incidents");
            int port = startWatch(config, incidents);

            try (RealPrometheus prometheus = RealPrometheus.start(dir.resolve("prometheus"),
                    List.of("127.0.0.1:" + port), Duration.ofSeconds(1))) {
                prometheus.awaitTargetUp("127.0.0.1:" + port, WAIT);
                prometheus.awaitValue("clawscope_link_up{gateway=\"away\"}", v -> v == 1, WAIT);
                prometheus.awaitValue("clawscope_link_up{gateway=\"home\"}", v -> v == 1, WAIT);
                assertEquals(0, sum(prometheus, "clawscope_link_reconnects_total{gateway=\"away\"}"));

                proxy.apply(new Fault.Blackhole(Optional.empty()));
                String noticed = awaitLine(line -> line.contains("away connected -> backoff: liveness ws_pong"));
                proxy.apply(new Fault.Heal());
                awaitLine(line -> line.contains("away handshaking -> connected"), 2);

                prometheus.awaitValue("sum(clawscope_link_reconnects_total{gateway=\"away\"})", v -> v >= 1, WAIT);
                prometheus.awaitValue("clawscope_link_time_to_detect_seconds_count{gateway=\"away\"}", v -> v == 1,
                        WAIT);
                prometheus.awaitValue("clawscope_link_outage_duration_seconds_count{gateway=\"away\"}", v -> v == 1,
                        WAIT);
                prometheus.awaitValue("clawscope_link_liveness_timeouts_total{gateway=\"away\",kind=\"ws_pong\"}",
                        v -> v == 1, WAIT);
                prometheus.awaitValue("clawscope_link_handshakes_total{gateway=\"away\"}", v -> v == 2, WAIT);
                // The time to detect is the silence the link reported when it gave up (the line shows it
                // to 0.1 s), never under the pong deadline's 1 s floor.
                double detected = prometheus.awaitValue(
                        "clawscope_link_time_to_detect_seconds_sum{gateway=\"away\"}", v -> v > 0, WAIT);
                Matcher silent = SILENT.matcher(noticed);
                assertTrue(silent.find(), noticed);
                double reported = Double.parseDouble(silent.group(1));
                assertTrue(Math.abs(detected - reported) <= 0.1, "time to detect " + detected + " s, line: " + noticed);
                assertTrue(detected >= 1.0, "gave up before the 1 s floor: " + detected + " s");

                assertEquals(0, sum(prometheus, "clawscope_link_reconnects_total{gateway=\"home\"}"));
                assertEquals(0, sum(prometheus, "clawscope_link_time_to_detect_seconds_count{gateway=\"home\"}"));
                assertEquals(0, sum(prometheus, "clawscope_link_liveness_timeouts_total{gateway=\"home\"}"));
                assertEquals(1, sum(prometheus, "clawscope_link_handshakes_total{gateway=\"home\"}"));
                for (String gateway : List.of("home", "away")) {
                    assertEquals(1, sum(prometheus, "clawscope_link_state{gateway=\"" + gateway
                            + "\",state=\"connected\"}"), gateway);
                    assertEquals(1, sum(prometheus, "clawscope_link_state{gateway=\"" + gateway + "\"}"),
                            gateway + ": exactly one state is 1");
                }
                assertEquals(1, sum(prometheus, "clawscope_gateway_info{gateway=\"away\",server_version!=\"\"}"));
                assertTrue(sum(prometheus, "process_resident_memory_bytes") > 0, "the library's process metrics");

                Promtool.Result check = Promtool.checkMetrics(scrape(port));
                assertTrue(check.ok(), "promtool check metrics: " + check.output());
            }

            awaitBundles(incidents, "away", 1);
            assertEquals(List.of(), bundles(incidents, "home"), "no incident for the healthy gateway");
            Path bundle = bundles(incidents, "away").get(0);
            assertTrue(Files.readString(bundle.resolve("summary.md")).contains("away"), bundle::toString);

            watch.destroy(); // SIGTERM, as systemd stops it
            assertTrue(watch.waitFor(60, TimeUnit.SECONDS), "watch ends on SIGTERM");
            assertEquals(0, watch.exitValue(), String.join("\n", lines()));
            awaitLine(line -> line.contains("home connected -> disposing"));
            String everything = String.join("\n", lines()) + Files.readString(bundle.resolve("journal.jsonl"));
            assertTrue(!everything.contains(TOKEN), "no token in the output or the bundle");
        }
    }

    private int startWatch(Path config, Path incidents) throws IOException, InterruptedException {
        output = dir.resolve("watch.out");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "dev.clawscope.Main", "watch", "--config", config.toString(), "--metrics", "127.0.0.1:0",
                "--incidents", incidents.toString(), "--incident-window", "1s")
                .redirectErrorStream(true);
        builder.environment().put("GW_TOKEN", TOKEN);
        builder.environment().put("CLAWSCOPE_HOME", dir.resolve("home").toString());
        // Into a file, read as it grows: a pipe read while the process exits can lose its last lines.
        builder.redirectOutput(output.toFile());
        watch = builder.start();
        String first = awaitLine(line -> METRICS.matcher(line).find());
        Matcher m = METRICS.matcher(first);
        assertTrue(m.find());
        return Integer.parseInt(m.group(1));
    }

    private String awaitLine(Predicate<String> wanted) {
        return awaitLine(wanted, 1);
    }

    /**
     * Waits until {@code count} lines match and returns the last of them; once the process has
     * ended its output is complete, so the lines are read once more and not waited for.
     */
    private String awaitLine(Predicate<String> wanted, int count) {
        Callable<List<String>> matching = () -> lines().stream().filter(wanted).toList();
        try {
            List<String> found = Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(50))
                    .failFast("the watch process ended", () -> !watch.isAlive()
                            && lines().stream().filter(wanted).count() < count)
                    .until(matching, lines -> lines.size() >= count);
            return found.get(count - 1);
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            throw new AssertionError("no such line (" + count + ") in the watch's output:\n"
                    + String.join("\n", lines()), e);
        }
    }

    private List<String> lines() {
        try {
            return Files.readAllLines(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static double sum(RealPrometheus prometheus, String selector) {
        return prometheus.value("sum(" + selector + ") or vector(0)").orElseThrow();
    }

    private static String scrape(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private static void awaitBundles(Path incidents, String gateway, int count) {
        Awaitility.await("an incident bundle for " + gateway + " in " + incidents).atMost(WAIT)
                .until(() -> bundles(incidents, gateway).size() >= count);
    }

    private static List<Path> bundles(Path incidents, String gateway) throws IOException {
        if (!Files.isDirectory(incidents)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(incidents)) {
            return folders.filter(p -> p.getFileName().toString().startsWith(gateway + "-"))
                    .filter(p -> Files.exists(p.resolve("manifest.json"))).sorted().toList();
        }
    }
}
