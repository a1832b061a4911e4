package dev.clawscope.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.LivenessKind;
import dev.clawscope.journal.Subscription;
import dev.clawscope.link.LinkState;
import dev.clawscope.link.LinkStatus;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The watch's series from journal entries fed by hand: outages, hostile label values, removal. */
class WatchMetricsTest {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final WatchMetrics metrics = new WatchMetrics(registry);
    private final AtomicReference<LinkStatus> status = new AtomicReference<>(status(LinkState.CONNECTED));
    private final WatchMetrics.Gateway home = metrics.gateway("home", "ws://127.0.0.1:18789/", status::get,
            () -> Subscription.NONE);
    private long seq;

    @Test
    void eachOutageIsCountedWithItsTimeToDetectAndItsDurationHoweverManyThereAre() throws IOException {
        feed(0, new LinkEvent.StateChanged("handshaking", "connected"));
        double t = 0;
        for (int i = 0; i < 1_000; i++) {
            t += 60_000;
            feed(t, new LinkEvent.LivenessTimeout(LivenessKind.WS_PONG, 6_000, 5_000));
            feed(t, new LinkEvent.StateChanged("connected", "backoff"));
            feed(t, new LinkEvent.ReconnectScheduled(1, 500, "paced-jitter", "transient:ws_pong_timeout"));
            feed(t + 500, new LinkEvent.StateChanged("backoff", "connecting"));
            feed(t + 1_000, new LinkEvent.StateChanged("connecting", "handshaking"));
            feed(t + 2_000, new LinkEvent.HelloOk("2026.9.6", 4, 30_000, List.of(), List.of(), null));
            feed(t + 2_000, new LinkEvent.StateChanged("handshaking", "connected"));
        }
        String text = scrape();
        assertEquals(1_000, value(text, "clawscope_link_outages_total{gateway=\"home\"}"));
        assertEquals(1_000, value(text, "clawscope_link_time_to_detect_seconds_count{gateway=\"home\"}"));
        assertEquals(6_000, value(text, "clawscope_link_time_to_detect_seconds_sum{gateway=\"home\"}"), 1e-6);
        assertEquals(1_000, value(text, "clawscope_link_time_to_detect_seconds_bucket{gateway=\"home\",le=\"7.5\"}"));
        assertEquals(0, value(text, "clawscope_link_time_to_detect_seconds_bucket{gateway=\"home\",le=\"5.0\"}"));
        assertEquals(1_000, value(text, "clawscope_link_outage_duration_seconds_count{gateway=\"home\"}"));
        assertEquals(2_000, value(text, "clawscope_link_outage_duration_seconds_sum{gateway=\"home\"}"), 1e-6);
        assertEquals(1_000, value(text, "clawscope_link_reconnects_total{cause=\"transient:ws_pong_timeout\",gateway=\"home\"}"));
        assertEquals(1_000, value(text, "clawscope_link_liveness_timeouts_total{gateway=\"home\",kind=\"ws_pong\"}"));
        assertEquals(0, value(text, "clawscope_link_liveness_timeouts_total{gateway=\"home\",kind=\"tick\"}"));
        assertEquals(1, value(text, "clawscope_gateway_info{gateway=\"home\",server_version=\"2026.9.6\",url=\"ws://127.0.0.1:18789/\"}"));
    }

    @Test
    void hostileCodesAndVersionsCannotGrowTheSeriesOrBreakTheFormat() throws IOException {
        for (int i = 0; i < 5_000; i++) {
            String code = i % 2 == 0 ? "E" + i : "bad code\n\"} 1\u0000é" + "x".repeat(10_000) + i;
            feed(i, new LinkEvent.HandshakeFailed(code, null, true, null, null));
        }
        feed(5_000, new LinkEvent.HelloOk("1.0\"} evil{x=\"", 4, 30_000, List.of(), List.of(), null));
        feed(5_001, new LinkEvent.HelloOk("2.0", 4, 30_000, List.of(), List.of(), null));
        String text = scrape();
        Pattern series = Pattern.compile("^clawscope_link_handshake_failures_total\\{code=\"([^\"]*)\",gateway=\"home\"} (\\S+)$",
                Pattern.MULTILINE);
        Matcher m = series.matcher(text);
        int count = 0;
        double total = 0;
        while (m.find()) {
            count++;
            total += Double.parseDouble(m.group(2));
            assertTrue(m.group(1).matches("[A-Za-z0-9_.:-]{1,48}"), m.group(1));
        }
        assertEquals(WatchMetrics.MAX_CODES + 1, count, "the first codes, then other");
        assertEquals(5_000, total, 1e-9, "every failure counted");
        assertEquals(1, text.lines().filter(l -> l.startsWith("clawscope_gateway_info{gateway=\"home\"")).count(),
                "one info series a gateway, the latest version's");
        assertTrue(text.contains("server_version=\"2.0\""), text);
        assertFalse(text.contains("evil{"), "a version cannot inject a series");
        assertTrue(text.length() < 64 * 1024, "bounded: " + text.length() + " bytes");
    }

    @Test
    void theStateSeriesReadTheLinksStatusAtEachScrapeAndGoWithTheGateway() throws IOException {
        assertEquals(1, value(scrape(), "clawscope_link_state{gateway=\"home\",state=\"connected\"}"));
        status.set(status(LinkState.PAUSED));
        String text = scrape();
        assertEquals(0, value(text, "clawscope_link_state{gateway=\"home\",state=\"connected\"}"));
        assertEquals(1, value(text, "clawscope_link_state{gateway=\"home\",state=\"paused\"}"));
        assertEquals(0, value(text, "clawscope_link_up{gateway=\"home\"}"));
        assertEquals(7, value(text, "clawscope_link_handshakes_total{gateway=\"home\"}"));

        feed(1, new LinkEvent.WsPong(12.5));
        home.close();
        assertFalse(scrape().contains("gateway=\"home\""), "no series of a gateway that went");
    }

    private void feed(double monoMs, LinkEvent event) {
        home.accept(new JournalEntry(++seq, Instant.ofEpochMilli(1_700_000_000_000L + (long) monoMs), monoMs, 1, event));
    }

    private static LinkStatus status(LinkState state) {
        return new LinkStatus(state, 1, Instant.ofEpochSecond(1_700_000_000L), 0, null, null, null, Double.NaN, 0,
                false, 0, 3, Double.NaN, Double.NaN, "2026.9.6", Double.NaN, 7);
    }

    private String scrape() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(bytes, registry.scrape(), io.prometheus.metrics.config.EscapingScheme.DEFAULT);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static double value(String text, String series) {
        return text.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError("no " + series + " in\n" + text));
    }
}
