package dev.clawscope.bench;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.clawscope.officialclient.OfficialClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmarks against the peers in one run: detection, recovery, storm, cost, footprint and
 * start-up, hostile gateways, relay overhead, {@code watch} at scale and the soak, in that order, then {@code docs/benchmarks.md} (tables, targets, machine, how
 * to rerun) and {@code target/bench/results.json} (every repetition). Run by {@code ./mvnw -B -Pbench verify}.
 *
 * <p>A benchmark that fails does not cost the others: its section says what went wrong, the rest are
 * still written, and the exit status is 1. The reading under the tables is written by a person; it
 * sits between {@code <!-- reading -->} and {@code <!-- /reading -->} and a rerun keeps it.
 */
public final class BenchSuite {

    static final String RERUN = "./mvnw -B -Pbench verify";
    private static final String READING_START = "<!-- reading -->";
    private static final String READING_END = "<!-- /reading -->";
    private static final String USAGE = "usage: BenchSuite [--quick] [--no-real-gateway] [--doc PATH] [--only ID]"
            + " [--soak DURATION]";

    private BenchSuite() {
    }

    /**
     * The command line. {@code only} names one section ({@code hostile}, …) to measure alone and
     * splice into the existing document, which keeps every other section of its earlier run;
     * {@code soak} is how long the soak runs ({@code 90s}, {@code 5m}, {@code 1h}), null for the
     * default of the mode (5 min quick, 10 min full).
     */
    record Flags(boolean quick, boolean realGateway, Path doc, String only, Duration soak) {
        static Flags parse(String[] args) {
            boolean quick = false;
            boolean real = true;
            String only = null;
            Duration soak = null;
            Path doc = Path.of("docs", "benchmarks.md");
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick" -> quick = true;
                    case "--no-real-gateway" -> real = false;
                    case "--doc" -> {
                        if (i + 1 == args.length) {
                            throw new IllegalArgumentException("--doc needs a path");
                        }
                        doc = Path.of(args[++i]);
                    }
                    case "--only" -> {
                        if (i + 1 == args.length) {
                            throw new IllegalArgumentException("--only needs a section id: " + String.join(", ", IDS));
                        }
                        only = args[++i];
                        if (!IDS.contains(only)) {
                            throw new IllegalArgumentException("unknown section " + only + "; one of " + String.join(", ", IDS));
                        }
                    }
                    case "--soak" -> {
                        if (i + 1 == args.length) {
                            throw new IllegalArgumentException("--soak needs a duration such as 90s, 5m or 1h");
                        }
                        soak = SoakBenchmark.parseDuration(args[++i]);
                    }
                    default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
                }
            }
            return new Flags(quick, real, doc, only, soak);
        }

        SoakBenchmark.Options soakOptions() {
            return soak != null ? new SoakBenchmark.Options(soak)
                    : quick ? SoakBenchmark.Options.quick() : SoakBenchmark.Options.defaults();
        }

        String command() {
            List<String> extra = new ArrayList<>();
            if (quick) {
                extra.add("--quick");
            }
            if (!realGateway) {
                extra.add("--no-real-gateway");
            }
            if (only != null) {
                extra.add("--only " + only);
            }
            if (soak != null) {
                extra.add("--soak " + SoakBenchmark.format(soak));
            }
            return extra.isEmpty() ? RERUN : RERUN + " -Dbench.args=\"" + String.join(" ", extra) + "\"";
        }
    }

    /** One benchmark of the suite. */
    private interface Step {
        Section run() throws Exception;
    }

    public static void main(String[] args) {
        Flags flags;
        try {
            flags = Flags.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        int code;
        try {
            code = run(flags);
        } catch (Exception e) {
            System.err.println("BenchSuite failed: " + e);
            e.printStackTrace();
            code = 1;
        }
        // The JavaFX toolkit, simulators and Node children would keep the JVM alive.
        System.exit(code);
    }

    /** Section ids, in the order the suite runs them. */
    static final List<String> IDS = List.of("detection", "recovery", "storm", "cost", FootprintBenchmark.ID,
            "hostile", ObserverBenchmark.ID, WatchScaleBenchmark.ID, SoakBenchmark.ID);

    static int run(Flags flags) throws IOException {
        Instant started = Instant.now();
        Map<String, Step> steps = new LinkedHashMap<>();
        steps.put("Dead-peer detection", () -> DetectionBenchmark.run(flags.quick()
                ? DetectionBenchmark.Options.quick() : DetectionBenchmark.Options.defaults()));
        steps.put("Recovery after a gateway restart", () -> {
            RecoveryBenchmark.Options o = flags.quick() ? RecoveryBenchmark.Options.quick()
                    : RecoveryBenchmark.Options.defaults();
            return RecoveryBenchmark.run(flags.realGateway() ? o
                    : new RecoveryBenchmark.Options(o.simRepetitions(), 0));
        });
        steps.put("Reconnect storm", () -> StormBenchmark.run(flags.quick() ? StormBenchmark.Options.quick()
                : StormBenchmark.Options.defaults()));
        steps.put("Cost", () -> CostBenchmark.run(flags.quick() ? CostBenchmark.Options.quick()
                : CostBenchmark.Options.defaults()));
        steps.put(FootprintBenchmark.TITLE, () -> FootprintBenchmark.run(flags.quick()
                ? FootprintBenchmark.Options.quick() : FootprintBenchmark.Options.defaults()));
        steps.put("Large frames and hostile gateways", () -> HostileBenchmark.run(flags.quick()
                ? HostileBenchmark.Options.quick() : HostileBenchmark.Options.defaults()));
        steps.put(ObserverBenchmark.TITLE, () -> ObserverBenchmark.run(flags.quick()
                ? ObserverBenchmark.Options.quick() : ObserverBenchmark.Options.defaults()));
        steps.put(WatchScaleBenchmark.TITLE, () -> WatchScaleBenchmark.run(flags.quick()
                ? WatchScaleBenchmark.Options.quick() : WatchScaleBenchmark.Options.defaults()));
        steps.put(SoakBenchmark.TITLE, () -> SoakBenchmark.run(flags.soakOptions()));
        if (flags.only() != null) {
            String title = new ArrayList<>(steps.keySet()).get(IDS.indexOf(flags.only()));
            steps.keySet().retainAll(List.of(title));
        }
        List<Section> sections = new ArrayList<>();
        boolean failed = false;
        int n = 0;
        for (Map.Entry<String, Step> step : steps.entrySet()) {
            n++;
            Bench.progress("suite %d/%d: %s", n, steps.size(), step.getKey());
            long t0 = System.nanoTime();
            try {
                sections.add(step.getValue().run());
            } catch (Exception | Error e) {
                failed = true;
                Bench.progress("suite %d/%d: %s FAILED: %s", n, steps.size(), step.getKey(), e);
                e.printStackTrace();
                JsonObject json = new JsonObject();
                json.addProperty("failed", String.valueOf(e));
                sections.add(new Section(step.getKey().toLowerCase(Locale.ROOT).replace(' ', '_'), step.getKey(),
                        "**Not measured in this run:** `" + e + "`\n", json));
            }
            Bench.progress("suite %d/%d: %s took %d s", n, steps.size(), step.getKey(),
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0));
        }
        Instant finished = Instant.now();
        JsonObject machine = machine();
        List<Target> targets = targets(sections);

        JsonObject results = new JsonObject();
        results.addProperty("command", flags.command());
        results.addProperty("started", started.truncatedTo(ChronoUnit.SECONDS).toString());
        results.addProperty("finished", finished.truncatedTo(ChronoUnit.SECONDS).toString());
        results.addProperty("quick", flags.quick());
        results.add("machine", machine);
        JsonArray targetJson = new JsonArray();
        for (Target t : targets) {
            JsonObject o = new JsonObject();
            o.addProperty("target", t.target());
            o.addProperty("measured", t.measured());
            o.addProperty("met", t.met());
            targetJson.add(o);
        }
        results.add("targets", targetJson);
        JsonObject bySection = new JsonObject();
        sections.forEach(s -> bySection.add(s.id(), s.json()));
        results.add("sections", bySection);
        Path json = Path.of("target", "bench", "results.json");
        Files.createDirectories(json.getParent());
        Files.writeString(json, new GsonBuilder().setPrettyPrinting().create().toJson(results) + "\n");

        String earlier = Files.exists(flags.doc()) ? Files.readString(flags.doc()) : null;
        String doc;
        if (flags.only() != null && earlier != null) {
            List<Target> measured = targets.stream().filter(t -> !t.measured().equals("not measured")).toList();
            doc = splice(earlier, sections.get(0), measured, flags, started, finished);
        } else {
            doc = document(flags, started, finished, machine, targets, sections, earlier == null ? null : reading(earlier));
        }
        if (flags.doc().getParent() != null) {
            Files.createDirectories(flags.doc().getParent());
        }
        Files.writeString(flags.doc(), doc);
        Bench.progress("wrote %s and %s in %d min", flags.doc(), json,
                Duration.between(started, finished).toMinutes());
        return failed ? 1 : 0;
    }

    // ---- targets -------------------------------------------------------------------------------------

    /** One target of the issue, what this run measured against it, and whether it holds. */
    record Target(String target, String measured, boolean met) {
    }

    static List<Target> targets(List<Section> sections) {
        Map<String, JsonObject> byId = new LinkedHashMap<>();
        sections.forEach(s -> byId.put(s.id(), s.json()));
        List<Target> targets = new ArrayList<>();
        detectionTargets(byId.get("detection"), targets);
        recoveryTargets(byId.get("recovery"), targets);
        stormTarget(byId.get("storm"), targets);
        HostileBenchmark.targets(byId.get("hostile")).forEach(t -> targets.add(new Target(t.target(), t.measured(), t.met())));
        targets.addAll(ObserverBenchmark.targets(byId.get(ObserverBenchmark.ID)));
        targets.addAll(SoakBenchmark.targets(byId.get(SoakBenchmark.ID)));
        targets.addAll(WatchScaleBenchmark.targets(byId.get(WatchScaleBenchmark.ID)));
        targets.addAll(FootprintBenchmark.targets(byId.get(FootprintBenchmark.ID)));
        return targets;
    }

    private static void detectionTargets(JsonObject detection, List<Target> targets) {
        for (String fault : List.of("blackhole", "freeze")) {
            String label = fault.equals("blackhole") ? "proxy blackhole" : "simulator freeze";
            JsonObject runs = detection == null ? null : detection.getAsJsonObject(fault);
            String medianTarget = "Detection (" + label + "): median at most 10 s and at least 8× faster than the"
                    + " reference client's";
            String worstTarget = "Detection (" + label + "): slowest at most 15 s";
            if (runs == null) {
                targets.add(new Target(medianTarget, "not measured", false));
                targets.add(new Target(worstTarget, "not measured", false));
                continue;
            }
            long limit = detection.get("limit_ms").getAsLong();
            List<Long> clawscope = noticed(runs.getAsJsonArray("clawscope"));
            List<Long> reference = noticed(runs.getAsJsonArray("reference"));
            int repetitions = runs.getAsJsonArray("clawscope").size();
            boolean clawscopeAll = clawscope.size() == repetitions;
            boolean referenceAll = reference.size() == repetitions;
            // A reference repetition that never noticed counts as the limit: a lower bound for the ratio.
            List<Long> referenceBounded = new ArrayList<>(reference);
            while (referenceBounded.size() < repetitions) {
                referenceBounded.add(limit);
            }
            double c = clawscope.isEmpty() ? Double.NaN : Stats.median(clawscope);
            double r = Stats.median(referenceBounded);
            double ratio = r / c;
            targets.add(new Target(medianTarget,
                    clawscopeAll ? String.format(Locale.ROOT, "%.1f s vs %s%.1f s: %s%.1f×", c / 1000,
                            referenceAll ? "" : "> ", r / 1000, referenceAll ? "" : "> ", ratio)
                            : clawscope.size() + " of " + repetitions + " noticed",
                    clawscopeAll && c <= 10_000 && ratio >= 8.0));
            long slowest = clawscope.stream().mapToLong(Long::longValue).max().orElse(Long.MAX_VALUE);
            targets.add(new Target(worstTarget, clawscopeAll
                    ? String.format(Locale.ROOT, "%.1f s over %d repetitions", slowest / 1000.0, repetitions)
                    : clawscope.size() + " of " + repetitions + " noticed", clawscopeAll && slowest <= 15_000));
            List<Long> tray = noticed(runs.getAsJsonArray("windows_tray"));
            targets.add(new Target("Detection (" + label + "): finite where the emulated tray never notices",
                    String.format(Locale.ROOT, "tray noticed %d of %d within %d s; Clawscope %d of %d",
                            tray.size(), repetitions, limit / 1000, clawscope.size(), repetitions),
                    clawscopeAll));
        }
    }

    private static List<Long> noticed(JsonArray runs) {
        List<Long> ms = new ArrayList<>();
        if (runs != null) {
            for (JsonElement run : runs) {
                JsonElement t = run.getAsJsonObject().get("noticed_ms");
                if (t != null && !t.isJsonNull()) {
                    ms.add(t.getAsLong());
                }
            }
        }
        return ms;
    }

    private static void recoveryTargets(JsonObject recovery, List<Target> targets) {
        for (String event : List.of("sim_restart", "real_restart")) {
            String label = event.equals("sim_restart") ? "simulator" : "real gateway";
            List<JsonObject> runs = recoveryRuns(recovery, event);
            String target = "Recovery at most 0.5 s after readiness after a restart with restartExpectedMs (" + label + ")";
            if (runs.isEmpty()) {
                targets.add(new Target(target, "not measured", false));
                continue;
            }
            List<Long> ms = back(runs, "clawscope_ms");
            long worst = ms.stream().mapToLong(Long::longValue).max().orElse(Long.MAX_VALUE);
            targets.add(new Target(target, ms.size() == runs.size()
                    ? String.format(Locale.ROOT, "median %.2f s, slowest %.2f s, %d repetition(s)",
                            Stats.median(ms) / 1000, worst / 1000.0, ms.size())
                    : (runs.size() - ms.size()) + " of " + runs.size() + " not back",
                    ms.size() == runs.size() && Stats.median(ms) <= 500));
        }
        for (String event : List.of("sim_kill", "real_kill")) {
            String label = event.equals("sim_kill") ? "simulator" : "real gateway";
            List<JsonObject> runs = recoveryRuns(recovery, event);
            String target = "Recovery after a crash and start (" + label + "): median at most 1 s after readiness and"
                    + " no slower than the reference client's";
            if (runs.isEmpty()) {
                targets.add(new Target(target, "not measured", false));
                continue;
            }
            List<Long> ms = back(runs, "clawscope_ms");
            List<Long> reference = back(runs, "reference_ms");
            boolean all = ms.size() == runs.size();
            double c = all ? Stats.median(ms) : Double.NaN;
            // A reference repetition that was not back counts as never: Clawscope is then no slower.
            double r = reference.size() == runs.size() ? Stats.median(reference) : Double.POSITIVE_INFINITY;
            targets.add(new Target(target, all
                    ? String.format(Locale.ROOT, "%.2f s vs the reference's %s", c / 1000,
                            Double.isInfinite(r) ? "(not always back)" : String.format(Locale.ROOT, "%.2f s", r / 1000))
                    : (runs.size() - ms.size()) + " of " + runs.size() + " not back",
                    all && c <= 1_000 && c <= r));
        }
    }

    private static List<JsonObject> recoveryRuns(JsonObject recovery, String event) {
        JsonArray runs = recovery == null ? null : recovery.getAsJsonArray(event);
        List<JsonObject> list = new ArrayList<>();
        if (runs != null) {
            runs.forEach(r -> list.add(r.getAsJsonObject()));
        }
        return list;
    }

    private static List<Long> back(List<JsonObject> runs, String field) {
        List<Long> ms = new ArrayList<>();
        for (JsonObject run : runs) {
            JsonElement t = run.get(field);
            if (t != null && !t.isJsonNull()) {
                ms.add(t.getAsLong());
            }
        }
        return ms;
    }

    private static void stormTarget(JsonObject storm, List<Target> targets) {
        String prefix = "Storm (200 clients, 5 min down): ";
        List<String> names = List.of("peak attempts/s while down at most half the reference client's",
                "attempts while down no more than the reference client's",
                "peak attempts/s after the return at most 10 % of the clients",
                "median time back after the return at most 10 s",
                "a lone client's first retry at most 1.5 s (median)");
        JsonObject virtual = storm == null ? null : storm.getAsJsonObject("virtual");
        if (virtual == null || !virtual.has(StormBenchmark.DEFAULT) || !virtual.has(StormBenchmark.REFERENCE)) {
            names.forEach(n -> targets.add(new Target(prefix + n, "not measured", false)));
            return;
        }
        JsonArray ours = virtual.getAsJsonArray(StormBenchmark.DEFAULT);
        JsonArray ref = virtual.getAsJsonArray(StormBenchmark.REFERENCE);
        int clients = virtual.get("clients").getAsInt();
        double peak = median(ours, "peak_per_s");
        double refPeak = median(ref, "peak_per_s");
        targets.add(new Target(prefix + names.get(0), String.format(Locale.ROOT, "%.0f/s vs %.0f/s: %.2f× the reference's",
                peak, refPeak, peak / refPeak), peak <= refPeak / 2));
        double total = median(ours, "total_while_down");
        double refTotal = median(ref, "total_while_down");
        targets.add(new Target(prefix + names.get(1), String.format(Locale.ROOT, "%.0f vs %.0f: %.2f× the reference's",
                total, refTotal, total / refTotal), total <= refTotal));
        double herd = median(ours, "peak_per_s_after_return");
        targets.add(new Target(prefix + names.get(2), String.format(Locale.ROOT, "%.0f/s of %d clients (%.1f %%)",
                herd, clients, 100 * herd / clients), herd <= clients / 10.0));
        double back = median(ours, "median_back_ms");
        targets.add(new Target(prefix + names.get(3), String.format(Locale.ROOT, "%.1f s", back / 1000),
                back <= 10_000));
        double first = median(ours, "median_first_retry_ms");
        targets.add(new Target(prefix + names.get(4), String.format(Locale.ROOT, "%.2f s", first / 1000),
                first <= 1_500));
    }

    private static double median(JsonArray runs, String field) {
        List<Double> values = new ArrayList<>();
        runs.forEach(r -> values.add(r.getAsJsonObject().get(field).getAsDouble()));
        return Stats.median(values);
    }

    // ---- the document -----------------------------------------------------------------------------------

    /**
     * The earlier document with {@code section} measured anew: its heading's part replaced (or put
     * before "Machine"), saying it comes from a run of its own, and its targets' rows replaced or added.
     */
    static String splice(String doc, Section section, List<Target> targets, Flags flags, Instant started,
                         Instant finished) {
        String heading = "## " + section.title() + "\n";
        String body = heading + "\n" + String.format(Locale.ROOT, "_Measured in a run of its own: `%s`, %s to %s._%n%n",
                flags.command(), started.truncatedTo(ChronoUnit.SECONDS), finished.truncatedTo(ChronoUnit.SECONDS))
                + section.markdown().strip() + "\n\n";
        int at = doc.indexOf(heading);
        String out;
        if (at >= 0) {
            int next = doc.indexOf("\n## ", at + heading.length());
            out = doc.substring(0, at) + body + (next < 0 ? "" : doc.substring(next + 1));
        } else {
            int machine = doc.indexOf("## Machine");
            out = machine < 0 ? doc + "\n" + body : doc.substring(0, machine) + body + doc.substring(machine);
        }
        for (Target t : targets) {
            String row = "| " + t.target() + " | " + t.measured() + " | " + (t.met() ? "met" : "**missed**") + " |";
            // Only the Targets table: a section may show the same goal in a table of its own.
            int targetsAt = out.indexOf("## Targets");
            if (targetsAt < 0) {
                continue;
            }
            int tableEnd = out.indexOf("\n\n", out.indexOf("|---", targetsAt));
            if (tableEnd < 0) {
                tableEnd = out.length();
            }
            Matcher existing = Pattern.compile("(?m)^\\| " + Pattern.quote(t.target()) + " \\|.*$").matcher(out)
                    .region(targetsAt, tableEnd);
            if (existing.find()) {
                out = out.substring(0, existing.start()) + row + out.substring(existing.end());
            } else {
                out = out.substring(0, tableEnd) + "\n" + row + out.substring(tableEnd);
            }
        }
        return out;
    }

    /** The hand-written reading between the markers of an earlier report, or null. */
    static String reading(String doc) {
        int start = doc.indexOf(READING_START);
        int end = doc.indexOf(READING_END);
        if (start < 0 || end < start) {
            return null;
        }
        return doc.substring(start + READING_START.length(), end).strip();
    }

    static String document(Flags flags, Instant started, Instant finished, JsonObject machine, List<Target> targets,
            List<Section> sections, String reading) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks against the peers\n\n");
        md.append("How soon a client notices a dead gateway, how fast it is back after a restart, how hard a crowd of"
                + " clients hits a gateway that is down, what Clawscope itself costs and how fast it starts, what"
                + " its relays add to a connection, and whether its link raises false alarms over a slow, jittery path. Every table"
                + " below comes"
                + " from one run of\n\n```sh\n").append(flags.command()).append("\n```\n\n");
        md.append(String.format(Locale.ROOT, "run %s to %s (%d min)%s; every repetition's numbers are in"
                + " `target/bench/results.json`. Add `-Dbench.args=--quick` for a short smoke run (fewer repetitions,"
                + " shorter windows, a 5 minute soak), `-Dbench.args=--no-real-gateway` to skip the real OpenClaw"
                + " gateway (installed from npm by `scripts/real-gateway/gateway.sh` on first use) or"
                + " `-Dbench.args=\"--only soak --soak 1h\"` for an hour-long soak alone.%n%n",
                started.truncatedTo(ChronoUnit.SECONDS), finished.truncatedTo(ChronoUnit.SECONDS),
                Duration.between(started, finished).toMinutes(), flags.quick() ? ", **quick mode**" : ""));
        md.append("## Reading\n\n").append(READING_START).append('\n');
        md.append(reading == null || reading.isEmpty() ? "_Not written yet for this run._" : reading);
        md.append('\n').append(READING_END).append("\n\n");

        md.append("## Targets\n\n| target | this run | |\n|---|---|---|\n");
        for (Target t : targets) {
            md.append("| ").append(t.target()).append(" | ").append(t.measured()).append(" | ")
                    .append(t.met() ? "met" : "**missed**").append(" |\n");
        }
        md.append('\n');

        md.append("## Contenders\n\n");
        md.append("- **").append(Contender.CLAWSCOPE.label).append("**: `GatewayLink` as the app ships it: WebSocket"
                + " ping every 5 s whose pong is due within 3× the largest of the last 16 round trips (at least 5 s,"
                + " at most 30 s), tick watchdog (two tick periods of silence), a `health` request every 60 s, paced-jitter"
                + " backoff (first retry within 2.8 s, every 2.2–3.2 s for the first 30 s of an outage, then growing"
                + " to 14–22 s; a starting gateway's `retryAfterMs` followed exactly for twelve answers) that follows the gateway's `restartExpectedMs` (first attempt up to 0.25 s"
                + " after it, then every 0.2–0.7 s while the gateway is not back, for 30 s) and `retryAfterMs`. Device"
                + " signing is off here because the simulator and the Node client run token-only; it does not"
                + " change timing.\n");
        md.append("- **").append(Contender.REFERENCE.label).append("**: ")
                .append(machine.has("reference_client") ? machine.get("reference_client").getAsString()
                        : "`@openclaw/gateway-client`")
                .append(" from npm, unchanged, driven by `scripts/official-client/clients.mjs` (one Node process,"
                        + " one client per connection; its own reconnect and tick watchdog as shipped).\n");
        md.append("- **").append(Contender.WINDOWS_TRAY.label).append("**: an emulation on Clawscope's link, not the"
                + " tray itself (it is a .NET Windows program). It is built from these facts of the tray's code:"
                + " .NET `ClientWebSocket` with `KeepAliveInterval` 30 s and no keep-alive timeout, so pings go out"
                + " but a missing pong is never noticed; no tick watchdog; reconnect delays from the table"
                + " 1, 2, 4, 8, 15, 30, 60 s plus 0–25 % added jitter; `restartExpectedMs` and `retryAfterMs`"
                + " ignored. A dead peer is noticed only when the operating system reports the socket broken.\n\n");
        md.append("The simulator is the repo's `SimGateway` with its defaults (tick every 30 s, server ping every"
                + " 25 s), on loopback; the blackhole is the repo's `FaultProxy` between client and simulator.\n\n");

        for (Section s : sections) {
            md.append("## ").append(s.title()).append("\n\n").append(s.markdown().strip()).append("\n\n");
        }

        md.append("## Machine\n\n| | |\n|---|---|\n");
        for (Map.Entry<String, JsonElement> e : machine.entrySet()) {
            md.append("| ").append(e.getKey().replace('_', ' ')).append(" | ").append(e.getValue().getAsString())
                    .append(" |\n");
        }
        return md.toString();
    }

    // ---- the machine --------------------------------------------------------------------------------------

    static JsonObject machine() {
        JsonObject m = new JsonObject();
        m.addProperty("os", osName());
        m.addProperty("cpu", firstMatch(Path.of("/proc/cpuinfo"), "model name\\s*:\\s*(.+)")
                .orElse(System.getProperty("os.arch")));
        m.addProperty("cores", Runtime.getRuntime().availableProcessors());
        firstMatch(Path.of("/proc/meminfo"), "MemTotal:\\s*(\\d+) kB")
                .ifPresent(kb -> m.addProperty("memory", String.format(Locale.ROOT, "%.1f GiB",
                        Long.parseLong(kb) / 1024.0 / 1024.0)));
        m.addProperty("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        try {
            OfficialClient.Installed node = ReferenceClients.install();
            Process p = new ProcessBuilder(node.node().toString(), "--version").redirectErrorStream(true).start();
            String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor();
            m.addProperty("node", version);
            firstMatch(node.clientDir().resolve(Path.of("node_modules", "@openclaw", "gateway-client",
                    "package.json")), "\"version\"\\s*:\\s*\"([^\"]+)\"")
                    .ifPresent(v -> m.addProperty("reference_client", "@openclaw/gateway-client " + v));
        } catch (IOException | RuntimeException e) {
            m.addProperty("node", "not available: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String openclaw = Optional.ofNullable(System.getenv("OPENCLAW_VERSION"))
                .or(() -> firstMatch(Path.of("scripts", "real-gateway", "gateway.sh"),
                        "OPENCLAW_VERSION=\"\\$\\{OPENCLAW_VERSION:-([^}]+)}\""))
                .orElse("?");
        m.addProperty("real_gateway", "openclaw " + openclaw + " (npm), loopback");
        return m;
    }

    private static String osName() {
        return firstMatch(Path.of("/etc/os-release"), "PRETTY_NAME=\"?([^\"\n]+)\"?")
                .map(name -> name + ", kernel " + System.getProperty("os.version"))
                .orElse(System.getProperty("os.name") + " " + System.getProperty("os.version"));
    }

    private static Optional<String> firstMatch(Path file, String regex) {
        try {
            Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(Files.readString(file));
            return m.find() ? Optional.of(m.group(1).strip()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
