package dev.clawscope.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.clawscope.settings.Autostart;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure parts of {@link FootprintBenchmark}: the start-up log lines, the autostart entry's Exec, the JVM options, the goals. */
class FootprintPartsTest {

    @TempDir
    Path dir;

    @Test
    void theSoftwarePipelineSaysWhetherAnOpenGlDriverWasMappedBesideIt() {
        String sw = "7f0a9000-7f0a9100 r-xp 0 08:01 1 libprism_sw.so\n";
        String llvm = "7f0a6000-7f0a6100 r-xp 0 08:01 2 libLLVM-15.so.1\n";
        String dri = "7f0a7000-7f0a7100 r-xp 0 08:01 3 swrast_dri.so\n";
        assertEquals("software (libprism_sw), no OpenGL driver mapped", FootprintBenchmark.pipeline(sw));
        assertEquals("software (libprism_sw), OpenGL driver mapped", FootprintBenchmark.pipeline(sw + llvm));
        assertEquals("software (libprism_sw), OpenGL driver mapped", FootprintBenchmark.pipeline(sw + dri));
        assertEquals("no Prism library mapped", FootprintBenchmark.pipeline(llvm));
    }

    @Test
    void aStartupMarkLineGivesItsWordsTimeAndProcessAge() {
        StartupLog.Mark mark = StartupLog.parse("2026-12-03T20:01:02.345Z [JavaFX Application Thread] INFO  "
                + "d.c.ui.StartupMarks - start-up: window shown, 812 ms after the JVM started").orElseThrow();
        assertEquals(StartupLog.WINDOW_SHOWN, mark.what());
        assertEquals(Instant.parse("2026-12-03T20:01:02.345Z"), mark.at());
        assertEquals(OptionalLong.of(812), mark.afterProcessStartMs());
        assertEquals(Instant.parse("2026-12-03T20:01:01.533Z"), mark.processStart().orElseThrow());

        StartupLog.Mark full = StartupLog.parse("2026-12-03T20:05:18.740Z [clawscope-link-1] INFO  "
                + "dev.clawscope.ui.StartupMarks - start-up: connected (hello-ok), 1640 ms after the JVM started")
                .orElseThrow();
        assertEquals(StartupLog.CONNECTED, full.what());

        StartupLog.Mark bare = StartupLog.parse("2026-12-03T21:01:02.345+01:00 [tray] INFO  d.c.ui.StartupMarks - "
                + "start-up: tray icon installed").orElseThrow();
        assertEquals(StartupLog.TRAY_ICON, bare.what());
        assertEquals(Instant.parse("2026-12-03T20:01:02.345Z"), bare.at());
        assertTrue(bare.processStart().isEmpty());
    }

    @Test
    void otherLinesAreNotMarks() {
        for (String line : List.of(
                "2026-12-03T20:05:17.812Z [main] INFO  dev.clawscope.ui.DesktopApp - clawscope 0.1.0 opening its window",
                "2026-12-03T20:05:17.812Z [main] WARN  dev.clawscope.ui.StartupMarks - start-up: window shown",
                "2026-12-03T20:05:17.812Z [main] INFO  dev.clawscope.ui.Other - start-up: window shown, 5 ms after the JVM started",
                "20:05:18.686 WARN  d.c.tray.TrayController - no system tray",
                "")) {
            assertTrue(StartupLog.parse(line).isEmpty(), line);
        }
    }

    @Test
    void theFirstLineOfEachMarkCountsAndAHalfWrittenLastLineWaits() throws Exception {
        Path log = dir.resolve("clawscope.log");
        assertEquals(Map.of(), StartupLog.read(log)); // not there yet
        String first = "2026-12-03T20:00:01.000Z [fx] INFO  d.c.ui.StartupMarks - start-up: window shown, 900 ms after the JVM started\n";
        String again = "2026-12-03T20:00:09.000Z [fx] INFO  d.c.ui.StartupMarks - start-up: window shown, 8900 ms after the JVM started\n";
        String partial = "2026-12-03T20:00:02.000Z [link] INFO  d.c.ui.StartupMarks - start-up: connected (hello-ok), 19";
        Files.writeString(log, first + again + partial);
        Map<String, StartupLog.Mark> marks = StartupLog.read(log);
        assertEquals(List.of(StartupLog.WINDOW_SHOWN), new ArrayList<>(marks.keySet()));
        assertEquals(Instant.parse("2026-12-03T20:00:01Z"), marks.get(StartupLog.WINDOW_SHOWN).at());
        Files.writeString(log, first + again + partial + "00 ms after the JVM started\n");
        assertEquals(OptionalLong.of(1900), StartupLog.read(log).get(StartupLog.CONNECTED).afterProcessStartMs());
    }

    @Test
    void theMarkWordsAreTheAppsOwn() throws Exception {
        Class<?> marks = Class.forName("dev.clawscope.ui.StartupMarks$Mark");
        Field words = marks.getDeclaredField("words");
        words.setAccessible(true);
        List<String> app = new ArrayList<>();
        for (Object mark : marks.getEnumConstants()) {
            app.add((String) words.get(mark));
        }
        assertEquals(List.of(StartupLog.WINDOW_SHOWN, StartupLog.INSPECTOR_SHOWN, StartupLog.CONNECTED,
                StartupLog.TRAY_ICON), app);
    }

    @Test
    void theAutostartEntrysExecGivesBackThePlannedCommand() {
        List<List<String>> launches = List.of(
                List.of("/opt/clawscope/bin/clawscope"),
                List.of("/usr/lib/jvm/java-17/bin/java", "-jar", "/home/ann/My Apps/clawscope.jar"),
                List.of("/tmp/a \"quoted\" $HOME `tick` back\\slash 100%/bin/clawscope", "--flag=50%"));
        for (List<String> launch : launches) {
            Autostart.Plan plan = Autostart.plan("Linux", dir, launch);
            String exec = DesktopEntryExec.execValue(plan.content()).orElseThrow();
            List<String> command = DesktopEntryExec.parse(exec);
            assertEquals(plan.command(), command, exec);
            assertEquals("--tray", command.get(command.size() - 1));
        }
    }

    @Test
    void execFollowsTheDesktopEntryRules() {
        assertEquals(List.of("a", "b c", "$HOME", "100%"), DesktopEntryExec.parse("a \"b c\" \"\\\\$HOME\" 100%%"));
        // \s is a space after the string rule, so it splits outside quotes and stays inside them
        assertEquals(List.of("prog", "x", "y", "x y"), DesktopEntryExec.parse("prog   x\\sy \"x\\sy\" %U"));
        assertEquals(List.of("prog", "--file="), DesktopEntryExec.parse("prog --file=%f"));
        assertEquals(List.of("", "x"), DesktopEntryExec.parse("\"\" x"));
        assertThrows(IllegalArgumentException.class, () -> DesktopEntryExec.parse("prog \"open"));
        assertEquals("a b", DesktopEntryExec.execValue("[Desktop Entry]\nName=X\nExec = a b \n[Desktop Action x]\nExec=c\n")
                .orElseThrow());
        assertTrue(DesktopEntryExec.execValue("[Other]\nExec=c\n").isEmpty());
    }

    @Test
    void jvmOptionsComeFromJcmdAndPathListsAreCounted() {
        String jcmd = """
                1234:
                VM Arguments:
                jvm_args: -Djpackage.app-version=0.1.0 -XX:SharedArchiveFile=/build/app/target/jpackage/clawscope/lib/app/c.jsa -Djava.library.path=/build/app/target/jpackage/clawscope/lib/runtime/lib:/build/app/target/jpackage/clawscope/lib/app
                java_command: dev.clawscope.Main
                java_class_path (initial): /build/app/target/jpackage/clawscope/lib/app/clawscope.jar
                Launcher Type: SUN_STANDARD
                """;
        assertEquals("-Djpackage.app-version=0.1.0 -XX:SharedArchiveFile=target/jpackage/clawscope/lib/app/c.jsa "
                + "-Djava.library.path=<2 entries>", JvmOptions.shorten(JvmOptions.jvmArgs(jcmd), Path.of("/build/app")));
        assertEquals("", JvmOptions.jvmArgs("1:\nVM Arguments:\njava_command: target/clawscope.jar\n"));
        assertEquals("--module-path <3 entries> --add-modules javafx.base,javafx.controls -Xmx512m",
                JvmOptions.shorten("--module-path /a/x.jar:/a/y.jar:/a/z.jar --add-modules javafx.base,javafx.controls -Xmx512m",
                        Path.of("/build/app")));
    }

    @Test
    void flagsSetAfterStartAndTheHeapComeFromVmFlagsAll() {
        String flags = """
                [Global flags]
                    uintx MaxHeapFreeRatio                         = 30                                     {manageable} {management}
                    uintx MinHeapFreeRatio                         = 10                                     {manageable} {management}
                   size_t MaxHeapSize                              = 1073741824                                {product} {command line}
                     bool ProfileInterpreter                       = false                                  {pd product} {command line}
                     bool UseG1GC                                  = false                                     {product} {default}
                     bool UseSerialGC                              = true                                      {product} {command line}
                     bool PrintGC                                  = true                                      {product} {environment}
                     intx TieredStopAtLevel                        = 1                                         {product} {command line}
                """;
        assertEquals(List.of("-XX:MaxHeapFreeRatio=30", "-XX:MinHeapFreeRatio=10", "-XX:+PrintGC"),
                JvmOptions.setAtRunTime(flags));
        assertEquals("Serial GC, max heap 1074 MB", JvmOptions.heap(flags));
        assertEquals(List.of(), JvmOptions.setAtRunTime("12:\nnot flags\n"));
        assertEquals("", JvmOptions.heap(""));
    }

    @Test
    void everyGoalGetsARowPerLauncherEvenWhenNotBuiltOrNotMeasured() {
        JsonObject json = new JsonObject();
        JsonObject launchers = new JsonObject();
        launchers.add("cli_probe", launcher("CLI probe (headless link)", "cli", null));
        launchers.add("window_jar", launcher("window, `java -jar`", "window", null));
        launchers.add("window_app_image", launcher("window, app-image launcher", "window", FootprintBenchmark.NOT_BUILT));
        launchers.add("tray_autostart_jar", launcher("tray only, autostart entry of the jar", "tray", null));
        json.add("launchers", launchers);
        JsonObject children = new JsonObject();
        children.add("cli_probe", idle(0.21, 75.0, 79.0));
        children.add("window_jar", idle(1.4, 180.0, 199.0));
        JsonObject gone = new JsonObject();
        gone.addProperty("label", "tray only, autostart entry of the jar");
        gone.addProperty("not_measured", "did not start: no tray icon; last output lines of x: y");
        children.add("tray_autostart_jar", gone);
        JsonObject idle = new JsonObject();
        idle.add("children", children);
        json.add("idle", idle);
        JsonObject startup = new JsonObject();
        JsonObject per = new JsonObject();
        per.add("window_jar", startup(Map.of(StartupLog.WINDOW_SHOWN, new double[] {1200, 1100, 1900},
                StartupLog.CONNECTED, new double[] {2600, 2500, 2700}), 0));
        per.add("tray_autostart_jar", startup(Map.of(StartupLog.TRAY_ICON, new double[] {1000, 1100},
                StartupLog.CONNECTED, new double[] {1500, 1600}), 1));
        startup.add("launchers", per);
        json.add("startup", startup);

        List<BenchSuite.Target> targets = FootprintBenchmark.targets(json);
        assertEquals(2 + 4 + 4 + 4, targets.size(), targets.toString());
        BenchSuite.Target cliCpu = targets.get(0);
        assertEquals("Idle CPU under 0.3 % of one core: CLI probe (headless link)", cliCpu.target());
        assertEquals("0.21 %", cliCpu.measured());
        assertTrue(cliCpu.met());
        assertTrue(targets.get(1).met()); // 79 MB, largest sample, under 80
        assertEquals("Idle CPU under 1 % of one core: window, `java -jar`", targets.get(2).target());
        assertFalse(targets.get(2).met());
        assertTrue(targets.get(3).met()); // 199 MB under 200
        BenchSuite.Target shown = targets.get(4);
        assertEquals("Launch to window shown under 1.5 s (median): window, `java -jar`", shown.target());
        assertEquals("1.20 s (1.10–1.90 s, 3 launches)", shown.measured());
        assertTrue(shown.met());
        assertFalse(targets.get(5).met()); // connected 2.6 s
        for (int i = 6; i < 10; i++) {
            assertEquals(FootprintBenchmark.NOT_BUILT, targets.get(i).measured());
            assertFalse(targets.get(i).met());
        }
        assertEquals("not measured: did not start: no tray icon", targets.get(10).measured());
        BenchSuite.Target trayIcon = targets.get(12);
        assertEquals("Launch to tray icon installed under 1.5 s (median): tray only, autostart entry of the jar",
                trayIcon.target());
        assertFalse(trayIcon.met()); // fast, but one launch failed
        assertTrue(trayIcon.measured().endsWith(", 1 failed)"), trayIcon.measured());
        assertFalse(FootprintBenchmark.targets(null).get(0).met());
    }

    @Test
    void theSectionRendersEveryLauncherMeasuredOrNot() {
        JsonObject json = new JsonObject();
        JsonObject env = new JsonObject();
        env.addProperty("java", "`java` on PATH 17.0.15 (/usr/bin/java)");
        env.addProperty("windows_display", "Xvfb :90 1600x1000x24 (no tray host)");
        env.addProperty("tray_display", "Xvfb :91 1600x1000x24 with trayer");
        env.addProperty("app_image_java_options", "`-Djpackage.app-version=0.1.0`");
        json.add("environment", env);
        JsonObject launchers = new JsonObject();
        launchers.add("cli_probe", launcher("CLI probe (headless link)", "cli", null));
        launchers.add("window_app_image", launcher("window, app-image launcher", "window", FootprintBenchmark.NOT_BUILT));
        JsonObject tray = launcher("tray only, autostart entry of the jar", "tray", null);
        tray.addProperty("autostart_entry", true);
        tray.add("launch", new JsonArray());
        tray.getAsJsonArray("launch").add("/usr/lib/jvm/java-17/bin/java");
        launchers.add("tray_autostart_jar", tray);
        json.add("launchers", launchers);
        JsonObject cli = idle(0.21, 75.0, 79.0);
        cli.addProperty("label", "CLI probe (headless link)");
        cli.add("command", new JsonArray());
        cli.getAsJsonArray("command").add("java");
        cli.addProperty("jvm_options", "");
        cli.addProperty("prism", "no Prism library mapped");
        cli.addProperty("handshakes_before", 1);
        cli.addProperty("handshakes_after", 1);
        JsonObject trayIdle = idle(0.12, 140.0, 141.0);
        trayIdle.addProperty("label", "tray only, autostart entry of the jar");
        trayIdle.addProperty("jvm_options", "-Xmx64m");
        trayIdle.addProperty("prism", "software (libprism_sw)");
        trayIdle.addProperty("handshakes_before", 1);
        trayIdle.addProperty("handshakes_after", 2);
        trayIdle.addProperty("stayed_connected", false);
        trayIdle.addProperty("maven_jvm_rss_mb", 250.0);
        trayIdle.add("jvm_flags_set_at_run_time", new JsonArray());
        trayIdle.getAsJsonArray("jvm_flags_set_at_run_time").add("-XX:MaxHeapFreeRatio=30");
        trayIdle.addProperty("heap", "Serial GC, max heap 1074 MB");
        JsonObject children = new JsonObject();
        children.add("cli_probe", cli);
        JsonObject notBuilt = new JsonObject();
        notBuilt.addProperty("label", "window, app-image launcher");
        notBuilt.addProperty("not_measured", FootprintBenchmark.NOT_BUILT);
        children.add("window_app_image", notBuilt);
        children.add("tray_autostart_jar", trayIdle);
        JsonObject idle = new JsonObject();
        idle.addProperty("window_s", 300);
        idle.addProperty("warmup_s", 120);
        idle.addProperty("rss_period_s", 10);
        idle.add("children", children);
        json.add("idle", idle);
        JsonObject per = new JsonObject();
        per.add("window_app_image", notBuilt);
        JsonObject trayStart = startup(Map.of(StartupLog.TRAY_ICON, new double[] {1000, 1100},
                StartupLog.CONNECTED, new double[] {1500, 1600}), 1);
        trayStart.addProperty("label", "tray only, autostart entry of the jar");
        per.add("tray_autostart_jar", trayStart);
        JsonObject startup = new JsonObject();
        startup.addProperty("launches", 10);
        startup.addProperty("warmup_launches", 1);
        startup.add("launchers", per);
        json.add("startup", startup);

        String md = FootprintBenchmark.markdown(json);
        assertTrue(md.contains("| CLI probe (headless link) | `java` | none (JVM defaults) | 0.21 | 77.0 (75.0–79.0) |"), md);
        assertTrue(md.contains("| window, app-image launcher |  | | " + FootprintBenchmark.NOT_BUILT + " | | |"), md);
        assertTrue(md.contains("| `-Xmx64m`; set at run time: `-XX:MaxHeapFreeRatio=30`; Serial GC, max heap 1074 MB | 0.12 |"), md);
        assertTrue(md.contains("**did not stay up** (handshakes 1→2); software (libprism_sw); Maven's JVM beside it: 250 MB"), md);
        assertTrue(md.contains("| tray only, autostart entry of the jar | – | – | 1550 (1500–1600) | 1050 (1000–1100) | – | – | 2 "
                + "(**1 failed**) |"), md);
        assertTrue(md.contains("| Idle CPU under 0.3 % of one core: tray only, autostart entry of the jar | 0.12 % (link did not "
                + "stay up) | met |"), md);
        assertTrue(md.contains("tray only, autostart entry of the jar `Exec=… /usr/lib/jvm/java-17/bin/java --tray`"), md);
        assertTrue(md.contains("`java-options`: `-Djpackage.app-version=0.1.0`."), md);
    }

    private static JsonObject launcher(String label, String kind, String unavailable) {
        JsonObject l = new JsonObject();
        l.addProperty("label", label);
        l.addProperty("kind", kind);
        l.add("launch", new JsonArray());
        l.addProperty("autostart_entry", false);
        if (unavailable != null) {
            l.addProperty("unavailable", unavailable);
        }
        return l;
    }

    private static JsonObject idle(double cpu, double medianRss, double maxRss) {
        JsonObject c = new JsonObject();
        c.addProperty("cpu_percent_of_one_core", cpu);
        c.addProperty("stayed_connected", true);
        c.addProperty("rss_median_mb", medianRss);
        c.addProperty("rss_max_mb", maxRss);
        c.add("rss_mb_samples", Stats.json(new double[] {medianRss, maxRss}));
        return c;
    }

    private static JsonObject startup(Map<String, double[]> byMark, int failures) {
        JsonObject s = new JsonObject();
        JsonObject ms = new JsonObject();
        int n = 0;
        for (Map.Entry<String, double[]> e : byMark.entrySet()) {
            double[] v = e.getValue().clone();
            Arrays.sort(v);
            JsonObject m = new JsonObject();
            m.addProperty("median", Stats.median(v));
            m.addProperty("min", v[0]);
            m.addProperty("max", v[v.length - 1]);
            m.addProperty("n", v.length);
            ms.add(e.getKey(), m);
            n = v.length;
        }
        s.add("ms", ms);
        s.addProperty("failures", failures);
        s.addProperty("succeeded", n);
        return s;
    }
}
