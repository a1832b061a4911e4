package dev.clawscope.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.clawscope.journal.Journal;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.link.GatewayAddress;
import dev.clawscope.link.GatewayLink;
import dev.clawscope.link.LinkConfig;
import dev.clawscope.link.TestLinks;
import dev.clawscope.link.Transport;
import dev.clawscope.link.TyrusTransport;
import dev.clawscope.link.WsTransport;
import dev.clawscope.link.hostile.GatewayFrames;
import dev.clawscope.link.hostile.HostileConnection;
import dev.clawscope.link.hostile.HostileGateway;
import dev.clawscope.link.hostile.WsWire;
import dev.clawscope.protocol.ClientId;
import dev.clawscope.protocol.ClientInfo;
import dev.clawscope.protocol.ClientMode;
import dev.clawscope.protocol.Secret;
import dev.clawscope.ws.Opcode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a hostile or merely large gateway costs the link. Two parts, one run:
 * <ol>
 * <li><b>Large frames</b>: a legal text frame of 1, 5 and 20 MiB (a {@code tick} with padding) from
 * a raw-socket gateway on loopback, into a link on the shipped transport ({@link WsTransport}) and
 * on the former one ({@link TyrusTransport}, JDK client container), measured in this JVM: from the
 * first byte written to the {@code tick} on the journal, and the heap's peak growth meanwhile (the
 * sum of the heap pools' peaks over the baseline after a full GC: an upper bound).</li>
 * <li><b>Hostile cases</b>: {@code clawscope probe} in a JVM of its own with default options, as the
 * README runs it, against one misbehaving gateway per case; its peak resident memory (VmHWM), its
 * exit code and what the link journaled.</li>
 * </ol>
 * Run alone: {@code java -cp ... dev.clawscope.bench.HostileBenchmark [--quick]}.
 */
final class HostileBenchmark {

    static final String TOKEN = "hostile-bench-token-7f3a";
    private static final long MIB = 1024 * 1024;
    private static final Duration ARRIVAL_LIMIT = Duration.ofSeconds(90);

    private HostileBenchmark() {
    }

    record Options(int repetitions, List<Integer> sizesMib, Duration probeRun) {
        static Options defaults() {
            return new Options(5, List.of(1, 5, 20), Duration.ofSeconds(15));
        }

        static Options quick() {
            return new Options(2, List.of(1, 5, 20), Duration.ofSeconds(8));
        }
    }

    public static void main(String[] args) throws Exception {
        Section section = run(Bench.quick(args) ? Options.quick() : Options.defaults());
        System.out.println(section.markdown());
        System.exit(0);
    }

    static Section run(Options options) throws Exception {
        JsonObject json = new JsonObject();
        StringBuilder md = new StringBuilder();
        largeFrames(options, md, json);
        hostileCases(options, md, json);
        return new Section("hostile", "Large frames and hostile gateways", md.toString(), json);
    }

    /** A target of the issue: what it asks, what this run measured, whether it holds. */
    record Goal(String target, String measured, boolean met) {
    }

    /** The targets this benchmark answers, read from its {@code results.json} section (null: not run). */
    static List<Goal> targets(JsonObject hostile) {
        List<Goal> goals = new ArrayList<>();
        String arrival = "A legal 20 MiB frame arrives over loopback well under a second";
        JsonObject frames = hostile == null ? null : hostile.getAsJsonObject("large_frames");
        JsonObject twenty = frames == null ? null : frames.getAsJsonObject("20MiB_clawscope");
        if (twenty == null || twenty.getAsJsonArray("arrival_ms").isEmpty()) {
            goals.add(new Goal(arrival, "not measured", false));
        } else {
            double ms = Stats.median(values(twenty.getAsJsonArray("arrival_ms")));
            double growth = Stats.median(values(twenty.getAsJsonArray("heap_growth_mib")));
            goals.add(new Goal(arrival, String.format(Locale.ROOT, "%.0f ms, heap growth %.0f MiB (%.1f× the frame)",
                    ms, growth, growth / 20), ms < 1_000));
        }
        String rss = "Peak RSS of probe under every hostile case under 600 MB";
        if (hostile == null || !hostile.has("probe_worst_peak_rss_mib")) {
            goals.add(new Goal(rss, "not measured", false));
        } else {
            double worst = hostile.get("probe_worst_peak_rss_mib").getAsDouble();
            goals.add(new Goal(rss, String.format(Locale.ROOT, "worst %.0f MiB (%.0f MB)", worst, worst * MIB / 1e6),
                    worst * MIB < 600e6));
        }
        return goals;
    }

    private static List<Double> values(JsonArray array) {
        List<Double> values = new ArrayList<>();
        array.forEach(v -> values.add(v.getAsDouble()));
        return values;
    }

    // ---- part 1: large frames ------------------------------------------------------------------

    private enum Contender {
        CLAWSCOPE("Clawscope (own RFC 6455 transport)", () -> new WsTransport(5_000, Optional.empty())),
        TYRUS("former transport (Tyrus, JDK container)", () -> new TyrusTransport(5_000, Optional.empty()));

        final String label;
        final Supplier<Transport> transport;

        Contender(String label, Supplier<Transport> transport) {
            this.label = label;
            this.transport = transport;
        }
    }

    private static void largeFrames(Options options, StringBuilder md, JsonObject json) throws Exception {
        md.append("One legal text frame (a `tick` padded to the size) from a raw-socket gateway on loopback, ")
                .append(options.repetitions()).append(" per size and transport, into a link in the benchmark's JVM. ")
                .append("*Arrival*: first byte written to the `tick` on the journal. *Heap growth*: the heap ")
                .append("pools' peaks over the baseline after a full GC, an upper bound of what the frame cost.\n\n")
                .append("| size | transport | arrival | heap growth | growth / size |\n|---|---|---|---|---|\n");
        JsonObject part = new JsonObject();
        for (int mib : options.sizesMib()) {
            byte[] frame = paddedTick(mib * MIB);
            for (Contender contender : Contender.values()) {
                Bench.progress("hostile: %d MiB frame into %s", mib, contender.label);
                List<Double> arrivalsMs = new ArrayList<>();
                List<Double> growthMib = new ArrayList<>();
                String failure = measureFrames(contender, frame, options.repetitions(), arrivalsMs, growthMib);
                double[] a = arrivalsMs.stream().mapToDouble(Double::doubleValue).toArray();
                double[] g = growthMib.stream().mapToDouble(Double::doubleValue).toArray();
                md.append("| ").append(mib).append(" MiB | ").append(contender.label).append(" | ");
                if (a.length == 0) {
                    md.append("never arrived: ").append(failure).append(" | – | – |\n");
                } else {
                    md.append(Stats.cell(a, " ms", 0)).append(" | ").append(Stats.cell(g, " MiB", 0)).append(" | ")
                            .append(String.format(Locale.ROOT, "%.1f×", Stats.median(g) / mib))
                            .append(failure == null ? "" : " (" + failure + ")").append(" |\n");
                }
                JsonObject row = new JsonObject();
                row.add("arrival_ms", Stats.json(a));
                row.add("heap_growth_mib", Stats.json(g));
                if (failure != null) {
                    row.addProperty("failure", failure);
                }
                part.add(mib + "MiB_" + contender.name().toLowerCase(Locale.ROOT), row);
            }
        }
        json.add("large_frames", part);
        md.append('\n');
    }

    /** {@code repetitions} frames on one connection; null, or why the rest did not arrive. */
    private static String measureFrames(Contender contender, byte[] frame, int repetitions, List<Double> arrivalsMs,
                                        List<Double> growthMib) throws Exception {
        CountDownLatch handshaken = new CountDownLatch(1);
        java.util.concurrent.SynchronousQueue<CountDownLatch> go = new java.util.concurrent.SynchronousQueue<>();
        AtomicLong sentAtNanos = new AtomicLong();
        try (HostileGateway gateway = HostileGateway.start(c -> {
                    c.handshake(GatewayFrames.hello());
                    c.tickAfterPong(true);
                    handshaken.countDown();
                    while (true) {
                        CountDownLatch sent = go.take();
                        sentAtNanos.set(System.nanoTime());
                        c.writeRaw(frame);
                        sent.countDown();
                    }
                });
                Journal journal = new Journal()) {
            AtomicLong arrivedNanos = new AtomicLong();
            CountDownLatch[] arrival = {new CountDownLatch(1)};
            journal.subscribe("bench-large-frame", e -> {
                if (e.event() instanceof LinkEvent.Tick t && t.frameSeq() >= 1_000_000) {
                    arrivedNanos.set((long) (e.monoMs() * 1_000_000));
                    arrival[0].countDown();
                }
            });
            GatewayLink link = TestLinks.create(config(gateway.port()), contender.transport.get(), journal);
            try {
                link.connect();
                if (!handshaken.await(20, TimeUnit.SECONDS)) {
                    return "no handshake";
                }
                for (int rep = 0; rep < repetitions; rep++) {
                    arrival[0] = new CountDownLatch(1);
                    long baseline = heapAfterGc();
                    resetHeapPeaks();
                    CountDownLatch sent = new CountDownLatch(1);
                    go.put(sent);
                    if (!arrival[0].await(ARRIVAL_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                        return "no tick within " + ARRIVAL_LIMIT.toSeconds() + " s (link " + link.state().wire() + ")";
                    }
                    growthMib.add((heapPeaks() - baseline) / (double) MIB);
                    arrivalsMs.add((arrivedNanos.get() - sentAtNanos.get()) / 1e6);
                    sent.await(10, TimeUnit.SECONDS);
                }
                return null;
            } finally {
                link.dispose();
            }
        }
    }

    /**
     * A text frame whose payload is a {@code tick} event padded to exactly {@code size} bytes; its
     * sequence number starts at 1 000 000 so the benchmark tells it from ordinary ticks.
     */
    static byte[] paddedTick(long size) {
        String head = "{\"type\":\"event\",\"event\":\"tick\",\"seq\":1000000,\"payload\":{\"ts\":1767225600000,\"pad\":\"";
        String tail = "\"}}";
        int pad = (int) (size - head.length() - tail.length());
        return WsWire.text(head + "x".repeat(pad) + tail);
    }

    private static long heapAfterGc() {
        System.gc();
        System.gc();
        return heapPools().stream().mapToLong(p -> p.getUsage().getUsed()).sum();
    }

    private static void resetHeapPeaks() {
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long heapPeaks() {
        return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    private static LinkConfig config(int port) {
        return LinkConfig.defaults(GatewayAddress.parse("ws://127.0.0.1:" + port, false), Secret.of(TOKEN),
                ClientInfo.of(ClientId.CLI, ClientMode.CLI, "bench", "linux"), List.of("operator.read"));
    }

    // ---- part 2: probe against hostile gateways ------------------------------------------------

    /** One misbehaviour, played on every connection the probe opens. */
    record Case(String name, HostileGateway.Script script) {
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("one frame declaring 64 MiB, payload streamed", c -> {
            c.handshake(GatewayFrames.hello());
            c.writeRaw(WsWire.header(true, 0, Opcode.TEXT, null, 64 * MIB, WsWire.LengthForm.SHORTEST));
            c.stream(64 * MIB, 64 * 1024, (byte) 'x');
        }));
        cases.add(new Case("a header declaring 2^62 bytes", c -> {
            c.handshake(GatewayFrames.hello());
            c.writeRaw(WsWire.header(true, 0, Opcode.TEXT, null, 1L << 62, WsWire.LengthForm.SHORTEST));
        }));
        byte[] legal = paddedTick(20 * MIB);
        cases.add(new Case("a legal 20 MiB frame, then ticks", c -> {
            c.handshake(GatewayFrames.hello());
            c.tickAfterPong(true);
            c.writeRaw(legal);
        }));
        cases.add(new Case("maxPayload 2^53, then 256 MiB in 1 MiB fragments", c -> {
            c.handshake(GatewayFrames.hello().maxPayload(GatewayFrames.number("9007199254740992")));
            byte[] chunk = new byte[(int) MIB];
            java.util.Arrays.fill(chunk, (byte) 'x');
            c.sendFrame(false, Opcode.TEXT, chunk);
            for (int i = 1; i < 256; i++) {
                c.sendFrame(i == 255, Opcode.CONTINUATION, chunk);
            }
        }));
        cases.add(new Case("a flood of valid ticks", c -> {
            c.handshake(GatewayFrames.hello());
            while (true) {
                c.sendTick();
            }
        }));
        cases.add(new Case("a flood of WebSocket pings", c -> {
            c.handshake(GatewayFrames.hello());
            byte[] payload = "flood".getBytes(StandardCharsets.UTF_8);
            while (true) {
                c.sendFrame(true, Opcode.PING, payload);
            }
        }));
        cases.add(new Case("a flood of binary frames", c -> {
            c.handshake(GatewayFrames.hello());
            byte[] payload = new byte[1024];
            while (true) {
                c.sendFrame(true, Opcode.BINARY, payload);
            }
        }));
        cases.add(new Case("retryAfterMs 1 on every connect", c -> {
            String id = c.upgradeAndAwaitConnect();
            c.sendText(GatewayFrames.startingUp(id, GatewayFrames.number(1)));
            c.sendClose(WsWire.closePayload(1013, "gateway starting"));
        }));
        cases.add(new Case("shutdown with restartExpectedMs near 2^63", c -> {
            c.handshake(GatewayFrames.hello());
            c.sendText(GatewayFrames.shutdown(c.nextSeq(), GatewayFrames.number(Long.MAX_VALUE - 1)));
            c.sendClose(WsWire.closePayload(1012, "service restart"));
        }));
        cases.add(new Case("close code 999 after hello-ok", c -> {
            c.handshake(GatewayFrames.hello());
            c.sendClose(WsWire.closePayload(999, "odd"));
        }));
        return cases;
    }

    private static void hostileCases(Options options, StringBuilder md, JsonObject json) throws Exception {
        md.append("`clawscope probe --duration ").append(options.probeRun().toSeconds())
                .append("s` in a JVM of its own with default options (as the README runs it; the default maximum ")
                .append("heap is a quarter of memory, ").append(defaultMaxHeapMib())
                .append(" MiB here), against a gateway that misbehaves the same way on every connection. ")
                .append("*Peak RSS*: VmHWM of the probe's process. *Closes*: the codes of the link's `closed` ")
                .append("lines and who closed (c client, s server, t transport).\n\n")
                .append("| case | peak RSS | exit | attempts | closes | clamped hints |\n|---|---|---|---|---|---|\n");
        JsonArray rows = new JsonArray();
        double worst = 0;
        for (Case c : cases()) {
            Bench.progress("hostile: probe against '%s'", c.name());
            ProbeRun run = probe(c, options.probeRun());
            worst = Math.max(worst, run.peakRssMib());
            md.append(String.format(Locale.ROOT, "| %s | %.0f MiB | %d | %d | %s | %s |%n", c.name(), run.peakRssMib(),
                    run.exit(), run.attempts(), run.closes(), run.clamped().isEmpty() ? "–" : run.clamped()));
            JsonObject row = new JsonObject();
            row.addProperty("case", c.name());
            row.addProperty("peak_rss_mib", run.peakRssMib());
            row.addProperty("exit", run.exit());
            row.addProperty("connect_attempts", run.attempts());
            row.addProperty("closes", run.closes());
            row.addProperty("clamped", run.clamped());
            rows.add(row);
        }
        md.append(String.format(Locale.ROOT, "%nWorst peak RSS: %.0f MiB (target: under 600 MB).%n", worst));
        json.add("probe_cases", rows);
        json.addProperty("probe_worst_peak_rss_mib", worst);
    }

    record ProbeRun(double peakRssMib, int exit, int attempts, String closes, String clamped) {
    }

    private static final Pattern CLOSED = Pattern.compile("\\bclosed\\s+(\\d+).* by (client|server|transport)\\s*$");
    private static final Pattern CLAMPED = Pattern.compile("\\bhint_clamped\\s+(\\S+) ");

    static ProbeRun probe(Case c, Duration duration) throws Exception {
        try (HostileGateway gateway = HostileGateway.start(c.script())) {
            Path out = Files.createTempFile("clawscope-hostile-probe", ".log");
            try {
                String java = ProcessHandle.current().info().command().orElse("java");
                ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                        "dev.clawscope.Main", "probe", "--url", "ws://127.0.0.1:" + gateway.port(),
                        "--token-env", "CLAWSCOPE_BENCH_TOKEN", "--duration", duration.toSeconds() + "s")
                        .redirectErrorStream(true).redirectOutput(out.toFile());
                builder.environment().put("CLAWSCOPE_BENCH_TOKEN", TOKEN);
                Process process = builder.start();
                long peakKb = 0;
                while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
                    peakKb = Math.max(peakKb, highWaterKb(process.pid()));
                }
                List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
                int attempts = (int) lines.stream().filter(l -> l.contains(" connect_attempt ")).count();
                Map<String, Integer> closes = new LinkedHashMap<>();
                Map<String, Integer> clamped = new LinkedHashMap<>();
                for (String line : lines) {
                    Matcher m = CLOSED.matcher(line);
                    if (m.find()) {
                        closes.merge(m.group(1) + m.group(2).charAt(0), 1, Integer::sum);
                    }
                    Matcher h = CLAMPED.matcher(line);
                    if (h.find()) {
                        clamped.merge(h.group(1), 1, Integer::sum);
                    }
                }
                return new ProbeRun(peakKb / 1024.0, process.exitValue(), attempts, counts(closes), counts(clamped));
            } finally {
                Files.deleteIfExists(out);
            }
        }
    }

    private static String counts(Map<String, Integer> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((k, n) -> parts.add(n == 1 ? k : k + " ×" + n));
        return String.join(", ", parts);
    }

    /** What a JVM started without options may grow its heap to on this machine: a quarter of memory. */
    private static long defaultMaxHeapMib() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return os.getTotalMemorySize() / 4 / MIB;
    }

    /** VmHWM of a live process in KiB, 0 once it is gone. */
    private static long highWaterKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process ended between two polls
        }
        return 0;
    }
}
