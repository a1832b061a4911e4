package dev.clawscope.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code promtool check metrics} run for real: it passes what the Java client serves and rejects broken text. */
class PromtoolTest {

    @Test
    void acceptsWhatThePrometheusJavaClientServes() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        Counter events = Counter.builder().name("harness_events_total").help("Events the harness counted.")
                .labelNames("gateway").register(registry);
        Gauge state = Gauge.builder().name("harness_link_state").help("1 in the labelled state.")
                .labelNames("gateway", "state").register(registry);
        Histogram rtt = Histogram.builder().name("harness_rtt_seconds").help("Round trips.").unit(Unit.SECONDS)
                .classicOnly().register(registry);
        events.labelValues("home").inc();
        state.labelValues("home", "connected").set(1);
        rtt.observe(0.012);
        String text;
        try (HTTPServer exporter = HTTPServer.builder().inetAddress(InetAddress.getByName("127.0.0.1")).port(0)
                .registry(registry).buildAndStart()) {
            HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + exporter.getPort() + "/metrics"))
                            .timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metrics.statusCode());
            text = metrics.body();
        }
        assertTrue(text.contains("harness_events_total{gateway=\"home\"} 1.0"), text);
        assertTrue(text.contains("harness_rtt_seconds_bucket"), text);

        Promtool.Result check = Promtool.checkMetrics(text);

        assertTrue(check.ok(), () -> "promtool rejected the exporter's text (exit " + check.exitCode() + "):\n"
                + check.output() + "\n--- text ---\n" + text);
    }

    @Test
    void rejectsACounterWithoutTotal() throws Exception {
        Promtool.Result check = Promtool.checkMetrics("""
                # HELP harness_events Events.
                # TYPE harness_events counter
                harness_events 1
                """);

        assertFalse(check.ok(), check.output());
        assertTrue(check.output().contains("_total"), check.output());
    }

    @Test
    void rejectsADashInAMetricName() throws Exception {
        Promtool.Result check = Promtool.checkMetrics("harness-events 1\n");

        assertFalse(check.ok(), check.output());
        assertTrue(check.output().contains("parsing error"), check.output());
    }
}
