package dev.clawscope.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.clawscope.journal.ClosedBy;
import dev.clawscope.journal.Journal;
import dev.clawscope.journal.JsonlWriter;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.Subscription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

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
 * </ol>
 *
 * Reports one Markdown row per measurement (median with min–max over repetitions) and every raw
 * number in the JSON. Not a unit test; see README.md in this directory. {@code --quick} runs a
 * smoke version (small sizes). What the app costs while it idles, per launcher, and how long it
 * takes to start is {@link FootprintBenchmark}.
 */
public final class CostBenchmark {

    /** Events the ingest producer may have appended that the writer has not yet written. */
    static final int INGEST_CREDITS = Journal.DEFAULT_QUEUE_CAPACITY / 2;
    /** Events the ingest producer appends between looks at the writer's progress. */
    static final int INGEST_BATCH = 500;
    private static final int REPAINT_WIDTH = 1600;
    private static final int REPAINT_HEIGHT = 400;

    private CostBenchmark() {
    }

    /**
     * What to run and how much of it.
     *
     * @param redactMegabytes size of the generated journal the redaction runs on
     * @param redactRuns measured redaction runs
     * @param ingestEvents events per ingest repetition
     * @param ingestRuns measured ingest repetitions
     * @param repaintEvents events in view of the timeline
     * @param repaintWarmupPaints paints before the measured ones
     * @param repaintPaints measured paints
     */
    record Options(int redactMegabytes, int redactRuns, int ingestEvents, int ingestRuns, int repaintEvents,
            int repaintWarmupPaints, int repaintPaints) {

        Options {
            if (redactMegabytes < 1 || redactRuns < 1 || ingestEvents < 1
                    || ingestRuns < 1 || repaintEvents < 1 || repaintWarmupPaints < 0 || repaintPaints < 1) {
                throw new IllegalArgumentException("invalid options: " + this);
            }
        }

        /** The full run: 100 MB redaction 5 times, 1 000 000 events 5 times. */
        static Options defaults() {
            return new Options(100, 5, 1_000_000, 5, 100_000, 10, 50);
        }

        /** A smoke run of every step: small sizes. */
        static Options quick() {
            return new Options(10, 3, 50_000, 5, 100_000, 10, 50);
        }
    }

    /** One table row. */
    private record Row(String what, String value, String unit, String how) {
    }

    public static void main(String[] args) throws Exception {
        Bench.runAlone("CostBenchmark", "cost", args, quick -> run(quick ? Options.quick() : Options.defaults()));
    }

    /** Runs the three measurements in turn. */
    static Section run(Options o) throws Exception {
        List<Row> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        JsonObject json = new JsonObject();
        json.add("options", options(o));
        json.add("environment", environment());
        progress("step 1/3: journal ingest, " + o.ingestRuns() + " x " + o.ingestEvents()
                + " events (after a warm-up repetition), a few seconds each");
        json.add("ingest", ingest(o, rows, notes));
        progress("step 2/3: redaction, a ~" + o.redactMegabytes() + " MB journal generated, then redacted "
                + o.redactRuns() + " times against a plain copy, roughly " + (o.redactMegabytes() * o.redactRuns() / 10 + 10)
                + " s");
        json.add("redaction", redaction(o, rows));
        progress("step 3/3: timeline repaint, " + o.repaintEvents() + " events, " + o.repaintPaints()
                + " paints, a few seconds");
        json.add("repaint", repaint(o, rows));
        progress("done");
        return new Section("cost", "Cost", markdown(rows, notes), json);
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
            ChildProcesses.deleteRecursively(dir);
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

}
