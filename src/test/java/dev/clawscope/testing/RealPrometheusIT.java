package dev.clawscope.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The harness against a real Prometheus: it scrapes the Prometheus Java client's own exporter every
 * second, and what the exporter counts shows through the query API.
 */
class RealPrometheusIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter events = Counter.builder().name("harness_events_total").help("Events the harness counted.")
            .register(registry);
    private HTTPServer exporter;
    private Path workDir;

    @BeforeEach
    void startExporter(TestInfo test) throws IOException {
        exporter = HTTPServer.builder().inetAddress(InetAddress.getByName("127.0.0.1")).port(0).registry(registry)
                .buildAndStart();
        workDir = Path.of("target", "real-prometheus", test.getTestMethod().orElseThrow().getName()).toAbsolutePath();
    }

    @AfterEach
    void stopExporter() {
        exporter.close();
    }

    private String exporterTarget() {
        return "127.0.0.1:" + exporter.getPort();
    }

    @Test
    void scrapesTheExporterAndSeesTheCounterMove() throws Exception {
        events.inc();
        try (RealPrometheus prometheus = RealPrometheus.start(workDir, List.of(exporterTarget()), Duration.ofSeconds(1))) {
            prometheus.awaitTargetUp(exporterTarget(), WAIT);
            assertTrue(prometheus.targetUp(exporterTarget()));

            double first = prometheus.awaitValue("harness_events_total", v -> v == 1, WAIT);
            assertEquals(1, first);
            JsonObject series = prometheus.query("harness_events_total").get(0).getAsJsonObject()
                    .getAsJsonObject("metric");
            assertEquals(RealPrometheus.JOB, series.get("job").getAsString());
            assertEquals(exporterTarget(), series.get("instance").getAsString());

            events.inc(2);
            assertEquals(3, prometheus.awaitValue("harness_events_total{job=\"clawscope\"}", v -> v == 3, WAIT));
            assertEquals(OptionalDouble.of(3), prometheus.value("sum(harness_events_total)"));
        }
    }

    @Test
    void aTargetWithNothingListeningIsDown() throws Exception {
        String nothing = "127.0.0.1:" + freePort();
        try (RealPrometheus prometheus = RealPrometheus.start(workDir, List.of(exporterTarget(), nothing),
                Duration.ofSeconds(1))) {
            prometheus.awaitTargetUp(exporterTarget(), WAIT);
            assertEquals(0, prometheus.awaitValue("up{instance=\"" + nothing + "\"}", v -> true, WAIT));
            assertFalse(prometheus.targetUp(nothing));
            assertEquals(OptionalDouble.empty(), prometheus.value("harness_events_total{instance=\"" + nothing + "\"}"));
        }
    }

    @Test
    void aBadQueryFailsWithPrometheusesReason() throws Exception {
        try (RealPrometheus prometheus = RealPrometheus.start(workDir, List.of(exporterTarget()), Duration.ofSeconds(1))) {
            AssertionError bad = assertThrows(AssertionError.class, () -> prometheus.query("sum(("));

            assertTrue(bad.getMessage().contains("bad_data"), bad.getMessage());
        }
    }

    @Test
    void awaitValueOnTimeoutQuotesTheLastResultAndTheLog() throws Exception {
        try (RealPrometheus prometheus = RealPrometheus.start(workDir, List.of(exporterTarget()), Duration.ofSeconds(1))) {
            AssertionError timedOut = assertThrows(AssertionError.class,
                    () -> prometheus.awaitValue("harness_events_total", v -> v > 100, Duration.ofSeconds(3)));

            assertTrue(timedOut.getMessage().contains("last result: ["), timedOut.getMessage());
            assertTrue(timedOut.getMessage().contains("Server is ready to receive web requests"), timedOut.getMessage());
        }
    }

    @Test
    void aPortTakenByAnotherServerIsLeftForTheNext() throws Exception {
        // Something else answers /-/ready on the first port: the harness must not take it for its own.
        HttpServer squatter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        squatter.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        squatter.start();
        Deque<Integer> ports = new ArrayDeque<>(List.of(squatter.getAddress().getPort()));
        try (RealPrometheus prometheus = RealPrometheus.start(workDir, List.of(exporterTarget()), Duration.ofSeconds(1),
                () -> ports.isEmpty() ? freePort() : ports.pop())) {
            assertTrue(prometheus.port() != squatter.getAddress().getPort());
            assertTrue(Files.readString(workDir.resolve("prometheus.log")).contains("address already in use"),
                    prometheus::logTail);
            prometheus.awaitTargetUp(exporterTarget(), WAIT);
        } finally {
            squatter.stop(0);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return probe.getLocalPort();
        }
    }

    @Test
    void closeEndsTheServerAndFreesItsPort() throws Exception {
        RealPrometheus prometheus = RealPrometheus.start(workDir, List.of(exporterTarget()), Duration.ofSeconds(1));
        long pid = prometheus.pid();
        int port = prometheus.port();
        assertTrue(Files.readString(workDir.resolve("prometheus.yml")).contains(exporterTarget()));

        prometheus.close();

        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " still alive");
        try (Socket socket = new Socket()) {
            assertThrows(IOException.class, () -> socket.connect(new InetSocketAddress("127.0.0.1", port), 2000));
        }
    }
}
