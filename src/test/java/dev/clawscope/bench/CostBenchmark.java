package dev.clawscope.bench;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.clawscope.journal.ClosedBy;
import dev.clawscope.journal.Journal;
import dev.clawscope.journal.JsonlWriter;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.Subscription;
import dev.clawscope.sim.SimConfig;
import dev.clawscope.sim.SimGateway;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * What Clawscope costs the machine it runs on, measured in one run:
 *
 * <ol>
 *   <li><b>Journal ingest.</b> The real {@link Journal} (100 000-entry ring) with the real
 *       {@link JsonlWriter} subscribed to it, writing a temporary file, fed a realistic mix of
 *       {@link LinkEvent}s (ticks, pings and pongs, probes, state changes, connect attempts,
 *       closes, reconnects, a rare {@code hello_ok} with 100 method names). Timed from the first
 *       append until the writer has written the last event. The producer keeps at most
 *       {@value #INGEST_CREDITS} events in flight (appended, not yet written), so the subscriber
 *       queue ({@value Journal#DEFAULT_QUEUE_CAPACITY}) never overflows and the rate is what the
 *       pair sustains without loss. One unmeasured warm-up repetition, then
 *       {@link Options#ingestRuns()} measured ones: events/s, file bytes per event, drops.</li>
 *   <li><b>Redaction.</b> {@link RedactBenchmark#measure}: MB/s of {@code Redactor.redactFile} on a
 *       generated journal and the ratio to a plain read and write of the same file in the same run.</li>
 *   <li><b>Timeline repaint.</b> {@link InspectorBenchmark#repaintTimes}: a 1600 x 400
 *       {@code TimelineView} with 100 000 events in view, on the JavaFX toolkit in this JVM
 *       (Monocle headless unless the caller chose otherwise).</li>
 *   <li><b>Idle cost.</b> Two child JVMs of the same java binary and class path, each linked to its
 *       own {@link SimGateway} (ticks every 30 s, as the real gateway) in this JVM: the CLI
 *       {@code probe} (token from an environment variable) and the desktop app (window, link, live
 *       timeline; pointed at its simulator through a temporary {@code openclaw.json}) on an
 *       {@code Xvfb} display when one can be started, else Monocle headless. Both children get a
 *       temporary home and data folder and a minimal environment, so nothing of the user's is
 *       read or written. After both have completed a handshake and a warm-up has passed, each
 *       child's utime + stime is read from {@code /proc/<pid>/stat} at the start and end of the
 *       window (CPU % of one core over the window's wall time) and VmRSS from
 *       {@code /proc/<pid>/status} every 10 s; the simulators' handshake counts before and after
 *       show that the links stayed up.</li>
 * </ol>
 *
 * Reports one Markdown row per measurement (median with min–max over repetitions) and every raw
 * number in the JSON. Not a unit test; see README.md in this directory. {@code --quick} runs a
 * smoke version (20 s idle window, small sizes). Linux only (the idle step reads {@code /proc}).
 */
public final class CostBenchmark {

    /** Events the ingest producer may have appended that the writer has not yet written. */
    static final int INGEST_CREDITS = Journal.DEFAULT_QUEUE_CAPACITY / 2;
    /** Events the ingest producer appends between looks at the writer's progress. */
    static final int INGEST_BATCH = 500;
    private static final String MAIN_CLASS = "dev.clawscope.Main";
    private static final String TOKEN_VARIABLE = "CLAWSCOPE_BENCH_TOKEN";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration RSS_PERIOD = Duration.ofSeconds(10);
    private static final int REPAINT_WIDTH = 1600;
    private static final int REPAINT_HEIGHT = 400;

    private CostBenchmark() {
    }

    /**
     * What to run and how much of it.
     *
     * @param idleSeconds the measured idle window
     * @param warmupSeconds idle time after both children connected and before the window, not measured
     * @param redactMegabytes size of the generated journal the redaction runs on
     * @param redactRuns measured redaction runs
     * @param ingestEvents events per ingest repetition
     * @param ingestRuns measured ingest repetitions
     * @param repaintEvents events in view of the timeline
     * @param repaintWarmupPaints paints before the measured ones
     * @param repaintPaints measured paints
     */
    record Options(int idleSeconds, int warmupSeconds, int redactMegabytes, int redactRuns, int ingestEvents,
            int ingestRuns, int repaintEvents, int repaintWarmupPaints, int repaintPaints) {

        Options {
            if (idleSeconds < 1 || warmupSeconds < 0 || redactMegabytes < 1 || redactRuns < 1 || ingestEvents < 1
                    || ingestRuns < 1 || repaintEvents < 1 || repaintWarmupPaints < 0 || repaintPaints < 1) {
                throw new IllegalArgumentException("invalid options: " + this);
            }
        }

        /**
         * The full run: 5 min idle after a 2 min warm-up (before that the JIT is still compiling the
         * JavaFX paths of the first repaints), 100 MB redaction 5 times, 1 000 000 events 5 times.
         */
        static Options defaults() {
            return new Options(300, 120, 100, 5, 1_000_000, 5, 100_000, 10, 50);
        }

        /** A smoke run of every step: 20 s idle after 10 s warm-up, small sizes. */
        static Options quick() {
            return new Options(20, 10, 10, 3, 50_000, 5, 100_000, 10, 50);
        }
    }

    /** One table row. */
    private record Row(String what, String value, String unit, String how) {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Bench.quick(args);
        if (Arrays.stream(args).anyMatch(a -> !a.equals("--quick"))) {
            System.err.println("usage: CostBenchmark [--quick]");
            System.exit(2);
        }
        int code = 0;
        try {
            Section section = run(quick ? Options.quick() : Options.defaults());
            System.out.println("## " + section.title());
            System.out.println();
            System.out.print(section.markdown());
            Path out = Path.of("target", "bench", quick ? "cost-quick.json" : "cost.json");
            Files.createDirectories(out.getParent());
            Files.writeString(out, new GsonBuilder().setPrettyPrinting().create().toJson(section.json()) + "\n");
            System.out.println();
            System.out.println("wrote " + out);
        } catch (Exception e) {
            System.err.println("CostBenchmark failed: " + e);
            e.printStackTrace();
            code = 1;
        }
        // The JavaFX toolkit and the simulators' pools would keep the JVM alive.
        System.exit(code);
    }

    /** Runs the four measurements in turn; the idle step last, on an otherwise quiet machine. */
    static Section run(Options o) throws Exception {
        List<Row> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        JsonObject json = new JsonObject();
        json.add("options", options(o));
        json.add("environment", environment());
        progress("step 1/4: journal ingest, " + o.ingestRuns() + " x " + o.ingestEvents()
                + " events (after a warm-up repetition), a few seconds each");
        json.add("ingest", ingest(o, rows, notes));
        progress("step 2/4: redaction, a ~" + o.redactMegabytes() + " MB journal generated, then redacted "
                + o.redactRuns() + " times against a plain copy, roughly " + (o.redactMegabytes() * o.redactRuns() / 10 + 10)
                + " s");
        json.add("redaction", redaction(o, rows));
        progress("step 3/4: timeline repaint, " + o.repaintEvents() + " events, " + o.repaintPaints()
                + " paints, a few seconds");
        json.add("repaint", repaint(o, rows));
        progress("step 4/4: idle cost of the CLI probe and the desktop app, warm-up " + o.warmupSeconds()
                + " s + window " + o.idleSeconds() + " s (about " + (o.warmupSeconds() + o.idleSeconds() + 15) + " s)");
        json.add("idle", idle(o, rows, notes));
        progress("done");
        return new Section("cost", "Cost", markdown(rows, notes), json);
    }

    /**
     * The desktop app's idle CPU, % of one core, from a {@link Section#json()} of this benchmark;
     * empty when the JSON has no idle measurement of it.
     */
    static Optional<Double> idleCpuPercent(JsonObject costJson) {
        return Optional.ofNullable(costJson)
                .map(json -> json.getAsJsonObject("idle"))
                .map(idle -> idle.getAsJsonObject("children"))
                .map(children -> children.getAsJsonObject("desktop"))
                .map(desktop -> desktop.get("cpu_percent_of_one_core"))
                .filter(value -> value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber())
                .map(value -> value.getAsDouble());
    }

    // ---- 1. journal ingest ------------------------------------------------------------------------

    /** One ingest repetition's numbers. */
    private record IngestRun(long events, double seconds, long fileBytes, long linesWritten, long subscriberDropped,
            long ringEvicted) {

        double eventsPerSecond() {
            return events / seconds;
        }

        double bytesPerEvent() {
            return (double) fileBytes / events;
        }
    }

    private static JsonObject ingest(Options o, List<Row> rows, List<String> notes) throws Exception {
        LinkEvent[] mix = eventMix();
        Path dir = Files.createTempDirectory("clawscope-cost-ingest");
        List<IngestRun> runs = new ArrayList<>();
        try {
            ingestOnce(Math.min(o.ingestEvents(), 200_000), mix, dir); // warm-up, not reported
            for (int run = 1; run <= o.ingestRuns(); run++) {
                IngestRun r = ingestOnce(o.ingestEvents(), mix, dir);
                runs.add(r);
                progress(String.format(Locale.ROOT, "  ingest run %d: %.0f events/s, %.1f bytes/event", run,
                        r.eventsPerSecond(), r.bytesPerEvent()));
            }
        } finally {
            deleteRecursively(dir);
        }
        long subscriberDropped = runs.stream().mapToLong(IngestRun::subscriberDropped).sum();
        long missingLines = runs.stream().mapToLong(r -> r.events() - r.linesWritten()).sum();
        long evicted = runs.get(0).ringEvicted();
        String mixText = "mix per 1 000: 300 tick, 200 ws_ping_sent, 200 ws_pong, 80 probe_sent, 80 probe_ok, "
                + "59 state_changed, 30 connect_attempt, 25 closed, 25 reconnect_scheduled, 1 hello_ok (100 methods)";
        rows.add(new Row("Journal ingest", stat(runs.stream().mapToDouble(IngestRun::eventsPerSecond).toArray(), "%,.0f"),
                "events/s", String.format(Locale.ROOT, "Journal (ring %,d) + JsonlWriter subscribed, to a temp file; "
                        + "%,d events x %d runs after 1 warm-up; first append until the writer wrote the last; "
                        + "at most %,d in flight so the subscriber queue never overflows; %s",
                        Journal.DEFAULT_CAPACITY, o.ingestEvents(), o.ingestRuns(), INGEST_CREDITS, mixText)));
        rows.add(new Row("Journal file size", stat(runs.stream().mapToDouble(IngestRun::bytesPerEvent).toArray(), "%.1f"),
                "bytes/event", "JSONL file bytes / events, same runs"));
        rows.add(new Row("Ingest drops", Long.toString(subscriberDropped + missingLines), "events",
                String.format(Locale.ROOT, "subscriber queue drops + events missing from the file, all runs; the "
                        + "ring evicted %,d per run (by design it keeps only the newest %,d; the file has every event)",
                        evicted, Journal.DEFAULT_CAPACITY)));
        if (subscriberDropped + missingLines != 0) {
            notes.add("Ingest lost events: " + subscriberDropped + " dropped from the writer's queue, " + missingLines
                    + " missing from the files; the rates above are not loss-free.");
        }
        JsonObject json = new JsonObject();
        json.addProperty("events_per_run", o.ingestEvents());
        json.addProperty("ring_capacity", Journal.DEFAULT_CAPACITY);
        json.addProperty("subscriber_queue_capacity", Journal.DEFAULT_QUEUE_CAPACITY);
        json.addProperty("max_in_flight", INGEST_CREDITS);
        json.addProperty("producer_batch", INGEST_BATCH);
        json.addProperty("mix", mixText);
        JsonArray array = new JsonArray();
        for (IngestRun r : runs) {
            JsonObject one = new JsonObject();
            one.addProperty("events", r.events());
            one.addProperty("seconds", r.seconds());
            one.addProperty("events_per_s", r.eventsPerSecond());
            one.addProperty("file_bytes", r.fileBytes());
            one.addProperty("bytes_per_event", r.bytesPerEvent());
            one.addProperty("lines_written", r.linesWritten());
            one.addProperty("subscriber_dropped", r.subscriberDropped());
            one.addProperty("ring_evicted", r.ringEvicted());
            array.add(one);
        }
        json.add("runs", array);
        json.addProperty("median_events_per_s", Stats.median(runs.stream().mapToDouble(IngestRun::eventsPerSecond).toArray()));
        json.addProperty("median_bytes_per_event", Stats.median(runs.stream().mapToDouble(IngestRun::bytesPerEvent).toArray()));
        return json;
    }

    /**
     * Appends {@code events} events to a fresh journal whose JSONL writer is subscribed, and times
     * until the writer has written the last one. The producer appends in batches of
     * {@value #INGEST_BATCH} and before each batch waits, if need be, until the writer is no more
     * than {@value #INGEST_CREDITS} events behind once the batch is in.
     */
    private static IngestRun ingestOnce(int events, LinkEvent[] mix, Path dir) throws Exception {
        Path file = Files.createTempFile(dir, "journal-", ".jsonl");
        Journal journal = new Journal();
        WriteProgress progress = new WriteProgress();
        try (JsonlWriter writer = new JsonlWriter(file, Long.MAX_VALUE)) {
            Subscription subscription = journal.subscribeWithBacklog("jsonl", entry -> {
                try {
                    writer.write(entry);
                } finally {
                    progress.wrote();
                }
            });
            long start = System.nanoTime();
            for (int appended = 0; appended < events; ) {
                int batch = Math.min(INGEST_BATCH, events - appended);
                progress.await(appended + batch - INGEST_CREDITS, Duration.ofMinutes(5));
                for (int i = 0; i < batch; i++, appended++) {
                    journal.append(1, mix[appended % mix.length]);
                }
            }
            progress.await(events, Duration.ofMinutes(5));
            double seconds = (System.nanoTime() - start) / 1e9;
            long dropped = subscription.dropped();
            subscription.close();
            long lines = writer.linesWritten();
            long evicted = journal.dropped();
            writer.close();
            return new IngestRun(events, seconds, Files.size(file), lines, dropped, evicted);
        } finally {
            journal.close();
            Files.deleteIfExists(file);
        }
    }

    /** How many entries the writer has handled; wakes a waiting producer once its target is reached. */
    private static final class WriteProgress {
        // Both guarded by this.
        private long written;
        private long wakeAt = Long.MAX_VALUE;

        synchronized void wrote() {
            written++;
            if (written >= wakeAt) {
                wakeAt = Long.MAX_VALUE;
                notifyAll();
            }
        }

        /** Returns once {@code count} entries are written; fails after {@code timeout}. */
        synchronized void await(long count, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (written < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("the JSONL writer handled " + written + " of " + count
                            + " entries within " + timeout.toSeconds() + " s");
                }
                wakeAt = count;
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    /** 1 000 events in a fixed shuffled order, cycled by the producer; see the mix in the row text. */
    private static LinkEvent[] eventMix() {
        Random random = new Random(7);
        List<String> methods = IntStream.range(0, 100)
                .mapToObj(i -> List.of("sessions", "chat", "node", "config", "agents", "channels", "cron", "skills",
                        "models", "logs").get(i / 10) + "." + List.of("list", "get", "set", "send", "patch", "delete",
                        "status", "subscribe", "history", "describe").get(i % 10))
                .toList();
        String[] states = {"IDLE", "CONNECTING", "HANDSHAKING", "CONNECTED", "BACKOFF"};
        List<LinkEvent> events = new ArrayList<>();
        add(events, 300, i -> new LinkEvent.Tick(1_000L + i));
        add(events, 200, i -> new LinkEvent.WsPingSent());
        add(events, 200, i -> new LinkEvent.WsPong(0.2 + random.nextDouble() * 40));
        add(events, 80, i -> new LinkEvent.ProbeSent("health"));
        add(events, 80, i -> new LinkEvent.ProbeOk("health", 1 + random.nextDouble() * 120));
        add(events, 59, i -> new LinkEvent.StateChanged(states[i % states.length], states[(i + 1) % states.length]));
        add(events, 30, i -> new LinkEvent.ConnectAttempt(1 + i % 8, "ws://127.0.0.1:18789/"));
        add(events, 25, i -> new LinkEvent.Closed(1006, "abnormal closure", ClosedBy.TRANSPORT));
        add(events, 25, i -> new LinkEvent.ReconnectScheduled(1 + i % 8, random.nextInt(30_000), "full-jitter",
                "transient:close_1006"));
        add(events, 1, i -> new LinkEvent.HelloOk("2026.9.6", 4, 30_000, methods,
                List.of("operator.read", "operator.write"), "token"));
        Collections.shuffle(events, random);
        return events.toArray(LinkEvent[]::new);
    }

    private static void add(List<LinkEvent> events, int count, java.util.function.IntFunction<LinkEvent> make) {
        for (int i = 0; i < count; i++) {
            events.add(make.apply(i));
        }
    }

    // ---- 2. redaction -------------------------------------------------------------------------------

    private static JsonObject redaction(Options o, List<Row> rows) throws IOException {
        RedactBenchmark.Result r = RedactBenchmark.measure(o.redactMegabytes(), o.redactRuns(),
                line -> progress("  redaction " + line));
        double[] redact = r.redactMbPerSecond().stream().mapToDouble(Double::doubleValue).toArray();
        double[] copy = r.copyMbPerSecond().stream().mapToDouble(Double::doubleValue).toArray();
        double[] ratios = IntStream.range(0, redact.length).mapToDouble(i -> redact[i] / copy[i]).toArray();
        String input = String.format(Locale.ROOT, "%.1f MB generated journal, %,d lines", r.inputMegabytes(), r.lines());
        rows.add(new Row("Redaction", stat(redact, "%.1f"), "MB/s", "Redactor.redactFile, default rules, on a "
                + input + " (URLs with credentials, tokens, home paths, e-mails); " + o.redactRuns()
                + " runs after 1 warm-up, wall clock"));
        rows.add(new Row("Plain read + write copy", stat(copy, "%.1f"), "MB/s",
                "the same file read and written line by line with the same reader and writer, before each redaction run"));
        rows.add(new Row("Redaction / plain copy", String.format(Locale.ROOT, "%.2f (%.2f–%.2f)", r.ratio(),
                Arrays.stream(ratios).min().orElse(0), Arrays.stream(ratios).max().orElse(0)), "ratio",
                "median redaction MB/s over median copy MB/s (per-run ratios in brackets)"));
        JsonObject json = new JsonObject();
        json.addProperty("input_mb", r.inputMegabytes());
        json.addProperty("input_lines", r.lines());
        json.addProperty("output_mb", r.outputMegabytes());
        json.add("redact_mb_per_s", Stats.json(redact));
        json.add("redact_mb_per_cpu_s", Stats.json(r.redactMbPerCpuSecond()));
        json.add("copy_mb_per_s", Stats.json(copy));
        json.addProperty("median_redact_mb_per_s", r.medianRedact());
        json.addProperty("median_copy_mb_per_s", r.medianCopy());
        json.addProperty("ratio", r.ratio());
        return json;
    }

    // ---- 3. timeline repaint ------------------------------------------------------------------------

    private static JsonObject repaint(Options o, List<Row> rows) throws Exception {
        // The suite starts this JVM headless; when run otherwise, default to the same before the toolkit starts.
        setIfAbsent("glass.platform", "Monocle");
        setIfAbsent("monocle.platform", "Headless");
        setIfAbsent("prism.order", "sw");
        setIfAbsent("java.awt.headless", "true");
        InspectorBenchmark.startToolkit();
        double[] times = InspectorBenchmark.repaintTimes(o.repaintEvents(), o.repaintWarmupPaints(), o.repaintPaints());
        String platform = System.getProperty("glass.platform") + "/" + System.getProperty("monocle.platform", "-")
                + ", prism " + System.getProperty("prism.order");
        rows.add(new Row(String.format(Locale.ROOT, "Timeline repaint, %,d events", o.repaintEvents()),
                stat(times, "%.2f"), "ms", String.format(Locale.ROOT, "TimelineView %dx%d, all events in view, "
                        + "%d paint() calls after %d warm-up paints, its own lastPaintMs (%s)", REPAINT_WIDTH,
                        REPAINT_HEIGHT, o.repaintPaints(), o.repaintWarmupPaints(), platform)));
        JsonObject json = new JsonObject();
        json.addProperty("events", o.repaintEvents());
        json.addProperty("width", REPAINT_WIDTH);
        json.addProperty("height", REPAINT_HEIGHT);
        json.addProperty("warmup_paints", o.repaintWarmupPaints());
        json.addProperty("platform", platform);
        json.add("paint_ms", Stats.json(times));
        json.addProperty("median_ms", Stats.median(times));
        return json;
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    // ---- 4. idle cost ---------------------------------------------------------------------------------

    /** A measured child JVM and the simulator it is linked to; sample fields are written by the sampler. */
    private static final class Child {
        final String key;
        final String label;
        final SimGateway sim;
        final Path log;
        Process process;
        long ticksStart;
        long ticksEnd;
        long wallStartNanos;
        long wallEndNanos;
        long handshakesBefore;
        long handshakesAfter;
        int connectedBefore;
        int connectedAfter;
        final List<Double> rssMb = Collections.synchronizedList(new ArrayList<>());

        Child(String key, String label, SimGateway sim, Path log) {
            this.key = key;
            this.label = label;
            this.sim = sim;
            this.log = log;
        }

        double cpuPercent(long clockTicks) {
            return 100.0 * (ticksEnd - ticksStart) / clockTicks / ((wallEndNanos - wallStartNanos) / 1e9);
        }

        boolean stayedConnected() {
            return handshakesAfter == handshakesBefore && connectedBefore == 1 && connectedAfter == 1
                    && process.isAlive();
        }
    }

    /** The X server the desktop child draws on, or none (Monocle headless). */
    private record Display(Process xvfb, int number) {
        String describe() {
            return xvfb == null ? "Monocle headless, prism sw" : "Xvfb :" + number + " 1600x1000x24, prism sw";
        }
    }

    private static JsonObject idle(Options o, List<Row> rows, List<String> notes) throws Exception {
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            throw new IllegalStateException("the idle step reads /proc and runs on Linux only");
        }
        long clockTicks = clockTicksPerSecond();
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
        Path root = Files.createTempDirectory("clawscope-cost-idle");
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cost-sampler");
            t.setDaemon(true);
            return t;
        });
        List<Child> children = new ArrayList<>();
        Display display = new Display(null, -1);
        Thread cleanup = new Thread(() -> children.forEach(c -> {
            if (c.process != null) {
                c.process.destroyForcibly();
            }
        }), "cost-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try (SimGateway cliSim = SimGateway.start(SimConfig.defaults(token));
                SimGateway desktopSim = SimGateway.start(SimConfig.defaults(token))) {
            Path xvfb = onPath("Xvfb");
            if (xvfb != null) {
                display = startXvfb(xvfb, root.resolve("xvfb.log"));
                progress("  Xvfb on :" + display.number());
            } else {
                progress("  no Xvfb on PATH: the desktop app runs under Monocle headless");
            }
            long probeSeconds = o.warmupSeconds() + o.idleSeconds() + CONNECT_TIMEOUT.toSeconds() + 60;
            Child cli = new Child("cli_probe", "CLI probe (headless link)", cliSim, root.resolve("cli.log"));
            Child desktop = new Child("desktop", "desktop app (window, link, live timeline)", desktopSim,
                    root.resolve("desktop.log"));
            children.add(cli);
            children.add(desktop);
            cli.process = startCli(root.resolve("cli"), cliSim.port(), token, probeSeconds, cli.log);
            desktop.process = startDesktop(root.resolve("desktop"), desktopSim.port(), token, display, desktop.log);
            for (Child child : children) {
                awaitConnected(child, sampler);
            }
            progress("  both children connected (CLI pid " + cli.process.pid() + ", desktop pid "
                    + desktop.process.pid() + "); warm-up " + o.warmupSeconds() + " s, then the " + o.idleSeconds()
                    + " s window");
            long windowStartMs = o.warmupSeconds() * 1000L;
            long windowEndMs = windowStartMs + o.idleSeconds() * 1000L;
            ScheduledFuture<?> start = sampler.schedule(() -> {
                for (Child c : children) {
                    c.handshakesBefore = c.sim.handshakes();
                    c.connectedBefore = c.sim.connectedClients();
                    c.wallStartNanos = System.nanoTime();
                    c.ticksStart = cpuTicks(c.process.pid());
                }
                return null;
            }, windowStartMs, TimeUnit.MILLISECONDS);
            List<ScheduledFuture<?>> rss = new ArrayList<>();
            for (long at = windowStartMs; at <= windowEndMs; at += RSS_PERIOD.toMillis()) {
                rss.add(sampler.schedule(() -> {
                    for (Child c : children) {
                        c.rssMb.add(rssMegabytes(c.process.pid()));
                    }
                    return null;
                }, at, TimeUnit.MILLISECONDS));
            }
            ScheduledFuture<?> end = sampler.schedule(() -> {
                for (Child c : children) {
                    c.ticksEnd = cpuTicks(c.process.pid());
                    c.wallEndNanos = System.nanoTime();
                    c.handshakesAfter = c.sim.handshakes();
                    c.connectedAfter = c.sim.connectedClients();
                }
                return null;
            }, windowEndMs, TimeUnit.MILLISECONDS);
            start.get();
            progress("  window started; ends in " + o.idleSeconds() + " s");
            end.get();
            for (ScheduledFuture<?> sample : rss) {
                sample.get();
            }
            return idleReport(o, children, display, clockTicks, rows, notes);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("sampling a child failed (did it exit?): " + e.getCause()
                    + childStatus(children), e.getCause());
        } finally {
            sampler.shutdownNow();
            for (Child child : children) {
                stop(child.process);
            }
            stop(display.xvfb());
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
            deleteRecursively(root);
        }
    }

    private static JsonObject idleReport(Options o, List<Child> children, Display display, long clockTicks,
            List<Row> rows, List<String> notes) {
        JsonObject json = new JsonObject();
        json.addProperty("warmup_s", o.warmupSeconds());
        json.addProperty("window_s", o.idleSeconds());
        json.addProperty("clk_tck", clockTicks);
        json.addProperty("rss_period_s", RSS_PERIOD.toSeconds());
        json.addProperty("desktop_display", display.describe());
        json.addProperty("simulator", "SimGateway defaults: tick 30 s, server ws ping 25 s; one per child, in the "
                + "benchmark JVM (not measured)");
        JsonObject perChild = new JsonObject();
        List<String> targetMet = new ArrayList<>();
        List<String> targetMissed = new ArrayList<>();
        for (Child c : children) {
            double cpu = c.cpuPercent(clockTicks);
            double wall = (c.wallEndNanos - c.wallStartNanos) / 1e9;
            double[] rss = c.rssMb.stream().mapToDouble(Double::doubleValue).toArray();
            String link = String.format(Locale.ROOT, "link %s: handshakes %d before, %d after, %d connected at the end",
                    c.stayedConnected() ? "stayed up" : "DID NOT stay up", c.handshakesBefore, c.handshakesAfter,
                    c.connectedAfter);
            String where = c.key.equals("desktop") ? "; " + display.describe() : "; probe --token-env, no display";
            rows.add(new Row("Idle CPU, " + c.label, String.format(Locale.ROOT, "%.2f", cpu), "% of one core",
                    String.format(Locale.ROOT, "utime+stime from /proc/PID/stat at window start and end "
                            + "(%d ticks, CLK_TCK %d) over %.1f s wall, after %d s warm-up; %s%s", c.ticksEnd - c.ticksStart,
                            clockTicks, wall, o.warmupSeconds(), link, where)));
            rows.add(new Row("Idle RSS, " + c.label, stat(rss, "%.1f"), "MB",
                    String.format(Locale.ROOT, "VmRSS from /proc/PID/status every %d s over the window, %d samples, "
                            + "median (min–max); default JVM heap settings", RSS_PERIOD.toSeconds(), rss.length)));
            (cpu < 1.0 ? targetMet : targetMissed).add(String.format(Locale.ROOT, "%s %.2f %%", c.label, cpu));
            if (!c.stayedConnected()) {
                notes.add("The " + c.label + " link did not stay up through the idle window (" + link
                        + "); its numbers include reconnecting.");
            }
            JsonObject one = new JsonObject();
            one.addProperty("label", c.label);
            one.addProperty("cpu_ticks_start", c.ticksStart);
            one.addProperty("cpu_ticks_end", c.ticksEnd);
            one.addProperty("wall_s", wall);
            one.addProperty("cpu_percent_of_one_core", cpu);
            one.add("rss_mb_samples", Stats.json(rss));
            one.addProperty("rss_median_mb", Stats.median(rss));
            one.addProperty("rss_max_mb", Arrays.stream(rss).max().orElse(0));
            one.addProperty("handshakes_before", c.handshakesBefore);
            one.addProperty("handshakes_after", c.handshakesAfter);
            one.addProperty("connected_before", c.connectedBefore);
            one.addProperty("connected_after", c.connectedAfter);
            one.addProperty("stayed_connected", c.stayedConnected());
            perChild.add(c.key, one);
        }
        json.add("children", perChild);
        notes.add("Idle CPU target under 1 % of one core: " + (targetMissed.isEmpty() ? "met by both ("
                + String.join(", ", targetMet) + ")." : "missed by " + String.join(", ", targetMissed)
                + (targetMet.isEmpty() ? "." : "; met by " + String.join(", ", targetMet) + ".")));
        return json;
    }

    /** The CLI probe, token in an environment variable, in its own temporary home. */
    private static Process startCli(Path home, int port, String token, long seconds, Path log) throws IOException {
        Map<String, String> env = childEnvironment(home);
        env.put(TOKEN_VARIABLE, token);
        return startChild(home, List.of(), List.of("probe", "--url", "ws://127.0.0.1:" + port, "--token-env",
                TOKEN_VARIABLE, "--duration", seconds + "s", "--out", home.resolve("proof").toString()), env, log);
    }

    /** The desktop app pointed at the simulator through a temporary OpenClaw config. */
    private static Process startDesktop(Path home, int port, String token, Display display, Path log)
            throws IOException {
        Map<String, String> env = childEnvironment(home);
        Path config = home.resolve("openclaw").resolve("openclaw.json");
        Files.createDirectories(config.getParent());
        JsonObject auth = new JsonObject();
        auth.addProperty("token", token);
        JsonObject gateway = new JsonObject();
        gateway.addProperty("port", port);
        gateway.add("auth", auth);
        JsonObject root = new JsonObject();
        root.add("gateway", gateway);
        Files.writeString(config, root.toString(), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        env.put("OPENCLAW_CONFIG_PATH", config.toString());
        List<String> jvm;
        if (display.xvfb() != null) {
            env.put("DISPLAY", ":" + display.number());
            env.put("NO_AT_BRIDGE", "1"); // no accessibility bus in the temporary session
            jvm = List.of("-Dprism.order=sw");
        } else {
            jvm = List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
                    "-Djava.awt.headless=true");
        }
        return startChild(home, jvm, List.of(), env, log);
    }

    /**
     * A minimal environment: PATH and locale from this process, everything else (home, XDG
     * folders, Clawscope's folder) inside {@code home}; no D-Bus session, so no keyring is touched.
     */
    private static Map<String, String> childEnvironment(Path home) throws IOException {
        Map<String, String> env = new java.util.HashMap<>();
        for (String keep : List.of("PATH", "LANG", "LC_ALL", "TZ")) {
            String value = System.getenv(keep);
            if (value != null) {
                env.put(keep, value);
            }
        }
        Path runtime = home.resolve("runtime");
        Files.createDirectories(runtime);
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------"));
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
        env.put("XDG_STATE_HOME", home.resolve(".local/state").toString());
        env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        env.put("XDG_RUNTIME_DIR", runtime.toString());
        env.put("CLAWSCOPE_HOME", home.resolve("clawscope").toString());
        return env;
    }

    private static Process startChild(Path home, List<String> jvmOptions, List<String> args, Map<String, String> env,
            Path log) throws IOException {
        Files.createDirectories(home.resolve("tmp"));
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("-Duser.home=" + home);
        command.add("-Dclawscope.home=" + home.resolve("clawscope"));
        command.add("-Dclawscope.noKeyring=true");
        command.add("-Djava.io.tmpdir=" + home.resolve("tmp"));
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(absoluteClassPath());
        command.add(MAIN_CLASS);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder.start();
    }

    /** This JVM's class path with every entry absolute, so the children can run in another folder. */
    private static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
    }

    /** Waits until the child's simulator reports a completed handshake and a connected client; fails if the child exits. */
    private static void awaitConnected(Child child, ScheduledExecutorService sampler) throws Exception {
        CompletableFuture<Void> connected = condition(() -> child.sim.handshakes() >= 1
                && child.sim.connectedClients() >= 1, sampler);
        CompletableFuture<Object> first = CompletableFuture.anyOf(connected, child.process.onExit());
        try {
            first.get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the " + child.label + " did not connect to its simulator within "
                    + CONNECT_TIMEOUT.toSeconds() + " s (handshakes " + child.sim.handshakes() + ", connect attempts "
                    + child.sim.connectAttempts() + ")" + tail(child.log));
        } finally {
            connected.cancel(false);
        }
        if (!connected.isDone() || connected.isCompletedExceptionally()) {
            throw new IllegalStateException("the " + child.label + " exited with code " + child.process.exitValue()
                    + " before connecting to its simulator" + tail(child.log));
        }
    }

    /** Completes when {@code check} holds, checked every 200 ms on {@code sampler}; cancel it to stop checking. */
    private static CompletableFuture<Void> condition(BooleanSupplier check, ScheduledExecutorService sampler) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ScheduledFuture<?> checks = sampler.scheduleWithFixedDelay(() -> {
            if (check.getAsBoolean()) {
                done.complete(null);
            }
        }, 0, 200, TimeUnit.MILLISECONDS);
        done.whenComplete((ok, error) -> checks.cancel(false));
        return done;
    }

    /**
     * Starts Xvfb on a display number with no socket or lock yet, and waits until it is ready:
     * {@code -displayfd} makes it write the number once it accepts connections; then its socket
     * must exist.
     */
    private static Display startXvfb(Path xvfb, Path log) throws Exception {
        int number = IntStream.range(90, 200)
                .filter(n -> !Files.exists(Path.of("/tmp/.X11-unix/X" + n)) && !Files.exists(Path.of("/tmp/.X" + n + "-lock")))
                .findFirst().orElseThrow(() -> new IllegalStateException("no free X display number in 90..199"));
        Process process = new ProcessBuilder(xvfb.toString(), ":" + number, "-screen", "0", "1600x1000x24",
                "-nolisten", "tcp", "-displayfd", "1").redirectError(log.toFile()).start();
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.US_ASCII))) {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String announced;
        try {
            announced = ready.get(20, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            stop(process);
            throw new IllegalStateException("Xvfb :" + number + " was not ready within 20 s" + tail(log));
        }
        Path socket = Path.of("/tmp/.X11-unix/X" + number);
        if (announced == null || !announced.strip().equals(Integer.toString(number)) || !Files.exists(socket)) {
            stop(process);
            throw new IllegalStateException("Xvfb :" + number + " did not start (announced " + announced + ", socket "
                    + (Files.exists(socket) ? "present" : "missing") + ")" + tail(log));
        }
        return new Display(process, number);
    }

    private static Path onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        return Arrays.stream(path.split(File.pathSeparator)).filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, program)).filter(Files::isExecutable).findFirst().orElse(null);
    }

    /** utime + stime of a process in clock ticks, from {@code /proc/<pid>/stat}. */
    static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        // The command name (field 2) is in parentheses and may hold spaces; fields 3.. follow the last ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
    }

    /** VmRSS of a process in MB (10^6 bytes), from {@code /proc/<pid>/status}. */
    private static double rssMegabytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.US_ASCII)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024 / 1e6;
            }
        }
        throw new IOException("no VmRSS for process " + pid);
    }

    private static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (getconf.waitFor(10, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                return Long.parseLong(out);
            }
        } catch (IOException | NumberFormatException e) {
            // fall through to the usual value
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }

    /** Asks the process to end, then ends it by force if it has not within 10 s. */
    private static void stop(Process process) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String childStatus(List<Child> children) {
        StringBuilder text = new StringBuilder();
        for (Child c : children) {
            if (c.process != null && !c.process.isAlive()) {
                text.append("; the ").append(c.label).append(" exited with code ").append(c.process.exitValue())
                        .append(tail(c.log));
            }
        }
        return text.toString();
    }

    /** The last lines of a child's output (journal event lines and warnings; never the token). */
    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "; last output lines:\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    // ---- report -------------------------------------------------------------------------------------

    private static String markdown(List<Row> rows, List<String> notes) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%d cores, Java %s, %s %s. Values: median (min–max) over the "
                        + "repetitions stated; one run.%n%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch")));
        md.append("| what | value | unit | how measured |\n|---|---|---|---|\n");
        for (Row row : rows) {
            md.append("| ").append(cell(row.what())).append(" | ").append(cell(row.value())).append(" | ")
                    .append(cell(row.unit())).append(" | ").append(cell(row.how())).append(" |\n");
        }
        if (!notes.isEmpty()) {
            md.append('\n');
            notes.forEach(note -> md.append("- ").append(note).append('\n'));
        }
        return md.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /** {@code median (min–max)} with {@code format} for each number. */
    static String stat(double[] values, String format) {
        double[] v = values.clone();
        Arrays.sort(v);
        return String.format(Locale.ROOT, format + " (" + format + "–" + format + ")", Stats.median(v), v[0], v[v.length - 1]);
    }

    private static JsonObject options(Options o) {
        JsonObject json = new JsonObject();
        json.addProperty("idle_seconds", o.idleSeconds());
        json.addProperty("warmup_seconds", o.warmupSeconds());
        json.addProperty("redact_megabytes", o.redactMegabytes());
        json.addProperty("redact_runs", o.redactRuns());
        json.addProperty("ingest_events", o.ingestEvents());
        json.addProperty("ingest_runs", o.ingestRuns());
        json.addProperty("repaint_events", o.repaintEvents());
        json.addProperty("repaint_warmup_paints", o.repaintWarmupPaints());
        json.addProperty("repaint_paints", o.repaintPaints());
        return json;
    }

    private static JsonObject environment() {
        JsonObject json = new JsonObject();
        json.addProperty("java", System.getProperty("java.version"));
        json.addProperty("vm", System.getProperty("java.vm.name"));
        json.addProperty("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        json.addProperty("cores", Runtime.getRuntime().availableProcessors());
        json.addProperty("max_heap_mb", Runtime.getRuntime().maxMemory() / 1e6);
        return json;
    }

    private static void progress(String message) {
        Bench.progress("cost: %s", message);
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
