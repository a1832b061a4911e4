package dev.clawscope.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The pure parts of {@link WatchScaleBenchmark} and {@link SimFleet}: the lines they read, the options, the goals. */
class WatchScalePartsTest {

    @Test
    void theFirstLineGivesTheMetricsPort() {
        assertEquals(OptionalInt.of(40123), WatchScaleBenchmark.metricsPort("watch: 200 gateway(s) from /tmp/w.json; "
                + "metrics on http://127.0.0.1:40123/metrics; no incident bundles"));
        assertEquals(OptionalInt.empty(), WatchScaleBenchmark.metricsPort("watch: 1 gateway(s) from w.json; no metrics;"
                + " no incident bundles"));
    }

    @Test
    void onlyALineIntoConnectedCounts() {
        WatchScaleBenchmark.ConnectedLine line = WatchScaleBenchmark.connectedLine(
                "2026-12-04T14:03:24.702Z gw-007 handshaking -> connected: server 2026.9.6").orElseThrow();
        assertEquals(Instant.parse("2026-12-04T14:03:24.702Z"), line.at());
        assertEquals("gw-007", line.gateway());
        assertEquals("home", WatchScaleBenchmark.connectedLine("2026-12-04T14:03:24.702Z home handshaking -> connected")
                .orElseThrow().gateway());
        assertEquals(Optional.empty(), WatchScaleBenchmark.connectedLine(
                "2026-12-04T14:03:22.123Z home connected -> backoff: liveness ws_pong, silent 7.1 s"));
        assertEquals(Optional.empty(), WatchScaleBenchmark.connectedLine(
                "2026-12-04T14:03:22.123Z home connecting -> connectedish"));
        assertEquals(Optional.empty(), WatchScaleBenchmark.connectedLine("not-a-time home handshaking -> connected"));
        assertEquals(Optional.empty(), WatchScaleBenchmark.connectedLine("warning: x: not a key; ignored"));
    }

    @Test
    void thePackagedOptionsLeaveOutTheAppImagesArchive() {
        String pom = "<properties>\n<jpackage.javaOptions>-XX:+UseSerialGC -Xms24m  -Xmx1g"
                + " -XX:SharedArchiveFile=$APPDIR/clawscope.jsa -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off"
                + " -XX:-UsePerfData</jpackage.javaOptions>\n</properties>";
        assertEquals(List.of("-XX:+UseSerialGC", "-Xms24m", "-Xmx1g", "-XX:-UsePerfData"),
                WatchScaleBenchmark.packagedJavaOptions(pom));
        assertThrows(IllegalStateException.class, () -> WatchScaleBenchmark.packagedJavaOptions("<project/>"));
    }

    @Test
    void thePomsPackagedOptionsAreTheOnesTheBriefNames() throws Exception {
        List<String> options = WatchScaleBenchmark.packagedJavaOptions(
                java.nio.file.Files.readString(java.nio.file.Path.of("pom.xml")));
        assertTrue(options.contains("-XX:+UseSerialGC") && options.contains("-Xmx1g"), options.toString());
        assertFalse(options.stream().anyMatch(o -> o.contains("$APPDIR") || o.startsWith("-Xshare")), options.toString());
    }

    @Test
    void aScrapeCountsTheLinksThatAreUp() {
        String text = """
                # HELP clawscope_link_up 1 while the gateway's link is connected (after hello-ok), else 0
                # TYPE clawscope_link_up gauge
                clawscope_link_up{gateway="a"} 1.0
                clawscope_link_up{gateway="b"} 0.0
                clawscope_link_up{gateway="c"} 1
                clawscope_link_up_other{gateway="d"} 1.0
                """;
        assertEquals(2, WatchScaleBenchmark.linksUp(text));
    }

    @Test
    void theConfigNamesEveryPortWithoutDeviceSigning() {
        JsonObject config = JsonParser.parseString(WatchScaleBenchmark.config(List.of(4001, 4002))).getAsJsonObject();
        JsonArray gateways = config.getAsJsonArray("gateways");
        assertEquals(2, gateways.size());
        JsonObject second = gateways.get(1).getAsJsonObject();
        assertEquals("gw-002", second.get("name").getAsString());
        assertEquals("ws://127.0.0.1:4002", second.get("url").getAsString());
        assertEquals(SimFleet.TOKEN_VARIABLE, second.get("token_env").getAsString());
        assertFalse(second.get("device").getAsBoolean());
    }

    @Test
    void threadsGroupByTheirNamesWithoutNumbers() {
        assertEquals("gateway-events-", WatchScaleBenchmark.threadGroup("gateway-events-"));
        assertEquals("metrics-http-N", WatchScaleBenchmark.threadGroup("metrics-http-12"));
        Map<Long, ChildProcesses.ThreadCpu> start = Map.of(1L, new ChildProcesses.ThreadCpu("link-1", 10_000_000),
                2L, new ChildProcesses.ThreadCpu("link-2", 5_000_000), 3L, new ChildProcesses.ThreadCpu("gc", 100_000_000));
        Map<Long, ChildProcesses.ThreadCpu> end = Map.of(1L, new ChildProcesses.ThreadCpu("link-1", 30_000_000),
                2L, new ChildProcesses.ThreadCpu("link-2", 15_000_000), 3L, new ChildProcesses.ThreadCpu("gc", 101_000_000),
                4L, new ChildProcesses.ThreadCpu("link-3", 4_000_000));
        JsonArray groups = WatchScaleBenchmark.threadGroups(start, end, 10);
        JsonObject link = groups.get(0).getAsJsonObject();
        assertEquals("link-N", link.get("name").getAsString());
        assertEquals(3, link.get("threads").getAsLong());
        assertEquals(34.0, link.get("cpu_ms").getAsDouble(), 1e-9, "20 + 10 ms, and 4 of a thread started since");
        assertEquals(0.34, link.get("cpu_percent_of_one_core").getAsDouble(), 1e-9, "34 ms over 10 s");
        assertEquals("gc", groups.get(1).getAsJsonObject().get("name").getAsString());
    }

    @Test
    void aStatLineGivesUserAndSystemTicksEvenWithParenthesesInTheName() {
        String stat = "4242 (a (b) c) S 1 4242 4242 0 -1 4194560 100 0 0 0 17 5 0 0 20 0 1 0 123 0 0";
        assertEquals(22, ChildProcesses.statTicks(stat));
    }

    @Test
    void theFleetsCountLineReadsBack() {
        SimFleet.Count count = new SimFleet.Count(200, 199);
        assertEquals(Optional.of(count), SimFleet.Count.parse(count.line()));
        assertEquals(Optional.empty(), SimFleet.Count.parse("port 4001"));
        assertEquals(Optional.empty(), SimFleet.Count.parse("count handshakes x connected 1"));
    }

    @Test
    void theGoalsAtTwoHundredLinks() {
        JsonObject run = new JsonObject();
        run.addProperty("launch", "packaged");
        run.addProperty("gateways", 200);
        run.addProperty("cpu_percent_of_one_core", 1.5);
        run.addProperty("wall_s", 120.0);
        run.addProperty("rss_max_mb", 310.0);
        run.addProperty("rss_median_mb", 290.0);
        run.addProperty("stayed_connected", true);
        JsonObject json = new JsonObject();
        JsonArray runs = new JsonArray();
        runs.add(run);
        json.add("runs", runs);
        List<BenchSuite.Target> targets = WatchScaleBenchmark.targets(json);
        assertEquals(WatchScaleBenchmark.CPU_TARGET, targets.get(0).target());
        assertTrue(targets.get(0).met());
        assertFalse(targets.get(1).met(), "310 MB is over the goal");
        assertEquals("310 MB (median 290 MB)", targets.get(1).measured());

        run.addProperty("stayed_connected", false);
        assertFalse(WatchScaleBenchmark.targets(json).get(0).met(), "links that dropped meet no goal");
        assertEquals("not measured", WatchScaleBenchmark.targets(new JsonObject()).get(0).measured());
        assertEquals("not measured", WatchScaleBenchmark.targets(null).get(1).measured());
    }

    @Test
    void aSectionRunAloneUpdatesTheTargetsTableNotTheSameRowInItsOwnTable() {
        String doc = """
                # Benchmarks

                ## Targets

                | target | this run | |
                |---|---|---|
                | Other goal | 1 s | met |

                ## Many gateways

                | goal | this run | |
                |---|---|---|
                | Watch goal | 3 % | **missed** |

                ## Machine
                """;
        JsonObject json = new JsonObject();
        Section section = new Section("watch", "Many gateways", "| goal | this run | |\n|---|---|---|\n"
                + "| Watch goal | 1 % | met |\n", json);
        BenchSuite.Flags flags = BenchSuite.Flags.parse(new String[] {"--only", "watch"});
        Instant t = Instant.parse("2026-12-04T14:00:00Z");
        String once = BenchSuite.splice(doc, section, List.of(new BenchSuite.Target("Watch goal", "1 %", true)), flags,
                t, t);
        String targets = once.substring(once.indexOf("## Targets"), once.indexOf("## Many gateways"));
        assertTrue(targets.contains("| Other goal | 1 s | met |\n| Watch goal | 1 % | met |\n"), targets);
        String twice = BenchSuite.splice(once, section, List.of(new BenchSuite.Target("Watch goal", "2 %", true)),
                flags, t, t);
        targets = twice.substring(twice.indexOf("## Targets"), twice.indexOf("## Many gateways"));
        assertTrue(targets.contains("| Watch goal | 2 % | met |") && !targets.contains("| Watch goal | 1 %"), targets);
        assertTrue(twice.substring(twice.indexOf("## Many gateways")).contains("| Watch goal | 1 % | met |"),
                "the section's own table is the section's");
    }
}
