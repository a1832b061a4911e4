package dev.clawscope.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.clawscope.chaos.FaultProxy;
import dev.clawscope.journal.Journal;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.observe.Observer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * What a relay adds to a WebSocket connection over loopback: a raw echo server
 * ({@link EchoServer}) reached directly, through a plain {@link FaultProxy} (mode pass) and through
 * an {@link Observer}, each with one connection of a raw client ({@link WsClient}) that sends masked
 * text frames shaped as OpenClaw requests, 1 KiB and 64 KiB.
 * <ol>
 * <li><b>Latency</b>: the round trip of one request and its response of the same size, one at a
 * time; after a warm-up, rounds of round trips with the three paths taking turns (the first path
 * rotating), so noise on the machine falls on all three alike. p50 and p99 per path, and what each
 * relay adds to the direct path's.</li>
 * <li><b>Throughput</b>: the client writes {@link Options#streamBytes()} of requests as fast as the
 * path takes them, then a last request the server answers with the bytes it counted: MB/s from the
 * first byte written to that answer. Runs take turns as above; medians, and the observer's median
 * over the fault proxy's.</li>
 * </ol>
 * The observer journals every request and response it relays (one {@code peer_request} or
 * {@code peer_response} line each); after each observer run the benchmark waits until the decoding
 * caught up, outside the measured time, and counts the lines, so a throughput bought by skipping
 * the decoding would show. The CPU time of the relay threads ({@code fault-proxy-PORT-io},
 * {@code observer-PORT-decode}) is read per run, and how busy the rest of the machine was.
 * Run alone: {@code java -cp ... dev.clawscope.bench.ObserverBenchmark [--quick]}.
 */
final class ObserverBenchmark {

    static final String ID = "observer";
    static final String TITLE = "Relay overhead: fault proxy and observer";
    static final String LATENCY_TARGET = "Observer: added round-trip latency under 1 ms at p50 and p99 (1 KiB, 64 KiB)";
    static final String THROUGHPUT_TARGET = "Observer: throughput at least 80 % of the plain fault proxy's (1 KiB, 64 KiB)";
    private static final Duration CATCH_UP_LIMIT = Duration.ofSeconds(60);
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ObserverBenchmark() {
    }

    /**
     * @param sizes message sizes (the JSON text of one frame) in bytes
     * @param warmupRoundTrips round trips per path before the measured ones
     * @param rounds rounds of measured round trips
     * @param roundTrips round trips per path in a round
     * @param warmupStreams unmeasured throughput runs per path
     * @param streamRuns measured throughput runs per path
     * @param streamBytes bytes of messages one throughput run writes
     */
    record Options(List<Integer> sizes, int warmupRoundTrips, int rounds, int roundTrips, int warmupStreams,
            int streamRuns, long streamBytes) {
        static Options defaults() {
            return new Options(List.of(1024, 64 * 1024), 2_000, 10, 1_000, 1, 7, 64L << 20);
        }

        static Options quick() {
            return new Options(List.of(1024, 64 * 1024), 300, 3, 300, 1, 3, 8L << 20);
        }
    }

    /** The three ways to the echo server. */
    enum Route {
        DIRECT("direct"),
        FAULT_PROXY("fault proxy (pass)"),
        OBSERVER("observer");

        final String label;

        Route(String label) {
            this.label = label;
        }

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static void main(String[] args) throws Exception {
        Section section = run(Bench.quick(args) ? Options.quick() : Options.defaults());
        System.out.println(section.markdown());
        targets(section.json()).forEach(t -> System.out.println("- " + t.target() + ": " + t.measured()
                + (t.met() ? " (met)" : " (missed)")));
        System.exit(0);
    }

    static Section run(Options options) throws Exception {
        JsonObject json = new JsonObject();
        StringBuilder md = new StringBuilder();
        MachineLoad load = MachineLoad.now();
        try (EchoServer server = EchoServer.start();
             FaultProxy proxy = FaultProxy.start(loopback(), server.address());
             Relayed observed = Relayed.start(server.address())) {
            Map<Route, Integer> ports = new EnumMap<>(Route.class);
            ports.put(Route.DIRECT, server.address().getPort());
            ports.put(Route.FAULT_PROXY, proxy.listenAddress().getPort());
            ports.put(Route.OBSERVER, observed.observer().listenAddress().getPort());
            Map<Route, RelayThreads> threads = new EnumMap<>(Route.class);
            threads.put(Route.FAULT_PROXY, RelayThreads.of(ports.get(Route.FAULT_PROXY)));
            threads.put(Route.OBSERVER, RelayThreads.of(ports.get(Route.OBSERVER)));

            JsonObject latency = new JsonObject();
            JsonObject throughput = new JsonObject();
            List<String> latencyRows = new ArrayList<>();
            List<String> throughputRows = new ArrayList<>();
            for (int size : options.sizes()) {
                Messages messages = new Messages(size);
                Map<Route, WsClient> clients = new EnumMap<>(Route.class);
                try {
                    for (Route route : Route.values()) {
                        clients.put(route, WsClient.connect(ports.get(route)));
                    }
                    Bench.progress("observer: latency, %s", sizeLabel(size));
                    latency.add(sizeKey(size), latency(options, messages, clients, latencyRows));
                    Bench.progress("observer: throughput, %s", sizeLabel(size));
                    throughput.add(sizeKey(size), throughput(options, messages, clients, threads, observed,
                            throughputRows));
                } finally {
                    clients.values().forEach(WsClient::close);
                }
            }
            json.add("latency", latency);
            json.add("throughput", throughput);
            MachineLoad.Share share = load.since();
            json.add("load", share.json());
            json.add("options", options(options));
            markdown(options, latencyRows, throughputRows, share, md);
        }
        return new Section(ID, TITLE, md.toString(), json);
    }

    // ---- latency --------------------------------------------------------------------------------

    private static JsonObject latency(Options o, Messages messages, Map<Route, WsClient> clients, List<String> rows)
            throws IOException {
        Map<Route, List<Double>> samples = new EnumMap<>(Route.class);
        Map<Route, JsonArray> roundP50 = new EnumMap<>(Route.class);
        Map<Route, JsonArray> roundP99 = new EnumMap<>(Route.class);
        for (Route route : Route.values()) {
            samples.put(route, new ArrayList<>());
            roundP50.put(route, new JsonArray());
            roundP99.put(route, new JsonArray());
            for (int i = 0; i < o.warmupRoundTrips(); i++) {
                clients.get(route).roundTrip(messages.echo(i));
            }
        }
        Route[] routes = Route.values();
        int sent = 0;
        for (int round = 0; round < o.rounds(); round++) {
            for (int k = 0; k < routes.length; k++) {
                Route route = routes[(round + k) % routes.length];
                WsClient client = clients.get(route);
                double[] micros = new double[o.roundTrips()];
                for (int i = 0; i < o.roundTrips(); i++) {
                    micros[i] = client.roundTrip(messages.echo(sent + i)) / 1_000.0;
                }
                Arrays.stream(micros).forEach(samples.get(route)::add);
                roundP50.get(route).add(round1(Stats.percentile(micros, 0.50)));
                roundP99.get(route).add(round1(Stats.percentile(micros, 0.99)));
            }
            sent += o.roundTrips();
        }
        JsonObject json = new JsonObject();
        double[] direct = values(samples.get(Route.DIRECT));
        double directP50 = Stats.percentile(direct, 0.50);
        double directP99 = Stats.percentile(direct, 0.99);
        for (Route route : routes) {
            double[] all = values(samples.get(route));
            double p50 = Stats.percentile(all, 0.50);
            double p99 = Stats.percentile(all, 0.99);
            JsonObject r = new JsonObject();
            r.addProperty("samples", all.length);
            r.addProperty("p50_us", round1(p50));
            r.addProperty("p99_us", round1(p99));
            r.addProperty("p999_us", round1(Stats.percentile(all, 0.999)));
            r.addProperty("added_p50_us", round1(p50 - directP50));
            r.addProperty("added_p99_us", round1(p99 - directP99));
            r.add("round_p50_us", roundP50.get(route));
            r.add("round_p99_us", roundP99.get(route));
            json.add(route.key(), r);
            rows.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |", sizeLabel(messages.size()),
                    route.label, micros(p50), micros(p99), micros(Stats.percentile(all, 0.999)),
                    route == Route.DIRECT ? "–" : signedMillis(p50 - directP50),
                    route == Route.DIRECT ? "–" : signedMillis(p99 - directP99)));
        }
        return json;
    }

    // ---- throughput -----------------------------------------------------------------------------

    private static JsonObject throughput(Options o, Messages messages, Map<Route, WsClient> clients,
            Map<Route, RelayThreads> threads, Relayed observed, List<String> rows) throws IOException {
        int count = (int) Math.max(1, o.streamBytes() / messages.size());
        Route[] routes = Route.values();
        for (int w = 0; w < o.warmupStreams(); w++) {
            for (Route route : routes) {
                stream(route, clients.get(route), messages, count, threads.get(route), observed);
            }
        }
        Map<Route, List<Stream>> runs = new EnumMap<>(Route.class);
        for (Route route : routes) {
            runs.put(route, new ArrayList<>());
        }
        for (int run = 0; run < o.streamRuns(); run++) {
            for (int k = 0; k < routes.length; k++) {
                Route route = routes[(run + k) % routes.length];
                runs.get(route).add(stream(route, clients.get(route), messages, count, threads.get(route), observed));
            }
        }
        JsonObject json = new JsonObject();
        json.addProperty("messages_per_run", count);
        json.addProperty("bytes_per_run", (long) count * messages.size());
        double proxyMedian = Stats.median(mbps(runs.get(Route.FAULT_PROXY)));
        double proxyCpu = cpuPerMb(runs.get(Route.FAULT_PROXY), Stream::processCpuMs);
        double[] pairRatios = new double[o.streamRuns()];
        for (int i = 0; i < pairRatios.length; i++) {
            pairRatios[i] = runs.get(Route.OBSERVER).get(i).mbps() / runs.get(Route.FAULT_PROXY).get(i).mbps();
        }
        for (Route route : routes) {
            List<Stream> list = runs.get(route);
            double[] mbps = mbps(list);
            double median = Stats.median(mbps);
            double processCpu = cpuPerMb(list, Stream::processCpuMs);
            JsonObject r = new JsonObject();
            r.add("mb_per_s", Stats.json(roundAll(mbps)));
            r.addProperty("median_mb_per_s", round1(median));
            r.addProperty("process_cpu_ms_per_mb", round2(processCpu));
            String threadCpu = "–";
            if (route != Route.DIRECT) {
                double io = cpuPerMb(list, Stream::ioCpuMs);
                r.addProperty("io_thread_cpu_ms_per_mb", round2(io));
                threadCpu = String.format(Locale.ROOT, "%.2f", io);
            }
            String decodedCell = "–";
            if (route == Route.OBSERVER) {
                double decode = cpuPerMb(list, Stream::decodeCpuMs);
                long decoded = list.stream().mapToLong(Stream::decoded).sum();
                long sent = (long) count * list.size();
                r.addProperty("decode_thread_cpu_ms_per_mb", round2(decode));
                r.addProperty("messages_decoded", decoded);
                r.addProperty("messages_sent", sent);
                r.add("decode_caught_up_after_ms", Stats.json(list.stream().map(Stream::catchUpMs).toList()));
                r.add("pair_ratio_to_fault_proxy", Stats.json(roundAll(pairRatios, 1000)));
                r.addProperty("ratio_to_fault_proxy", round3(median / proxyMedian));
                r.addProperty("cpu_ratio_to_fault_proxy", round3(proxyCpu / processCpu));
                threadCpu += String.format(Locale.ROOT, " + %.2f", decode);
                decodedCell = String.format(Locale.ROOT, "%d of %d, %s later", decoded, sent,
                        Stats.cell(list.stream().mapToDouble(Stream::catchUpMs).toArray(), " ms", 0));
            }
            rows.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |", sizeLabel(messages.size()),
                    route.label, Stats.cell(mbps, " MB/s", 0),
                    route == Route.DIRECT ? "–" : String.format(Locale.ROOT, "%.0f %%", 100 * median / proxyMedian),
                    String.format(Locale.ROOT, "%.2f", processCpu), threadCpu, decodedCell));
            json.add(route.key(), r);
        }
        return json;
    }

    private static double cpuPerMb(List<Stream> runs, ToDoubleFunction<Stream> cpuMs) {
        return runs.stream().mapToDouble(cpuMs).sum() / runs.stream().mapToDouble(s -> s.bytes() / 1e6).sum();
    }

    /** One throughput run: what it moved, how fast, what the relay's threads spent on it. */
    record Stream(long bytes, double mbps, double ioCpuMs, double decodeCpuMs, double processCpuMs, long decoded,
            long catchUpMs) {
    }

    private static Stream stream(Route route, WsClient client, Messages messages, int count, RelayThreads threads,
            Relayed observed) throws IOException {
        long journaled = route == Route.OBSERVER ? observed.lines() : 0;
        long io0 = threads == null ? 0 : threads.ioCpuNanos();
        long decode0 = threads == null ? 0 : threads.decodeCpuNanos();
        long process0 = PROCESS.getProcessCpuTime();
        String doneId = messages.nextDoneId();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            client.send(messages.push(i));
        }
        long counted = client.done(messages.done(doneId), doneId);
        long elapsed = System.nanoTime() - start;
        long expected = (long) count * messages.size();
        if (counted != expected) {
            throw new IllegalStateException(route.label + ": the server counted " + counted + " bytes of " + expected);
        }
        long decoded = 0;
        long catchUp = 0;
        if (route == Route.OBSERVER) {
            long t0 = System.nanoTime();
            decoded = observed.awaitDone(doneId, journaled, count + 2L);
            catchUp = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        }
        return new Stream(expected, expected / 1e6 / (elapsed / 1e9),
                threads == null ? 0 : (threads.ioCpuNanos() - io0) / 1e6,
                threads == null ? 0 : (threads.decodeCpuNanos() - decode0) / 1e6,
                (PROCESS.getProcessCpuTime() - process0) / 1e6, decoded, catchUp);
    }

    private static double[] mbps(List<Stream> runs) {
        return runs.stream().mapToDouble(Stream::mbps).toArray();
    }

    // ---- targets and the table ------------------------------------------------------------------

    /** The two targets for the observer, read from this section's {@code results.json} part. */
    static List<BenchSuite.Target> targets(JsonObject section) {
        return List.of(
                target(section, "latency", LATENCY_TARGET, " (p50 / p99)", o -> {
                    double p50 = o.get("added_p50_us").getAsDouble();
                    double p99 = o.get("added_p99_us").getAsDouble();
                    return new Check(signedMillis(p50) + " / " + signedMillis(p99), p50 < 1_000 && p99 < 1_000);
                }),
                target(section, "throughput", THROUGHPUT_TARGET, "", o -> {
                    double ratio = o.get("ratio_to_fault_proxy").getAsDouble();
                    boolean allDecoded = o.get("messages_decoded").getAsLong() == o.get("messages_sent").getAsLong();
                    return new Check(String.format(Locale.ROOT, "%.0f %% (by CPU %.0f %%)%s", 100 * ratio,
                            100 * o.get("cpu_ratio_to_fault_proxy").getAsDouble(), allDecoded ? "" : ", not all decoded"),
                            ratio >= 0.8 && allDecoded);
                }));
    }

    /** What one size's observer row says about a target. */
    private record Check(String text, boolean met) {
    }

    /** A target over every size of {@code part} ({@code latency}, {@code throughput}): met when it holds for each. */
    private static BenchSuite.Target target(JsonObject section, String part, String target, String suffix,
            Function<JsonObject, Check> check) {
        JsonObject bySize = section == null ? null : section.getAsJsonObject(part);
        if (bySize == null || bySize.size() == 0) {
            return new BenchSuite.Target(target, "not measured", false);
        }
        List<String> parts = new ArrayList<>();
        boolean met = true;
        for (String size : bySize.keySet()) {
            Check c = check.apply(bySize.getAsJsonObject(size).getAsJsonObject(Route.OBSERVER.key()));
            met &= c.met();
            parts.add(size.replace("KiB", " KiB") + " " + c.text());
        }
        return new BenchSuite.Target(target, String.join("; ", parts) + suffix, met);
    }

    private static void markdown(Options o, List<String> latencyRows, List<String> throughputRows,
            MachineLoad.Share load, StringBuilder md) {
        md.append("A raw WebSocket echo server on 127.0.0.1 reached directly, through the fault proxy (mode pass) and")
                .append(" through the observer, one connection each, from a raw client; client, server and relays run in")
                .append(" one JVM on the machine's ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, so the observer's decoding thread competes with the relay for CPU. Messages are")
                .append(" masked text frames holding OpenClaw-shaped JSON (`{\"type\":\"req\",\"id\":…,\"method\":…,")
                .append("\"params\":{\"seq\":…,\"text\":\"…\"}}`, padded with text to the size); the echo server")
                .append(" answers with a response of the same size (`{\"type\":\"res\",\"id\":…,\"ok\":true,…}`), so")
                .append(" the observer decodes and journals every message both ways.\n\n");
        md.append(String.format(Locale.ROOT, "*Latency*: the round trip of one request and its response, one at a"
                + " time; %d warm-up round trips per path, then %d rounds of %d per path, the paths taking turns."
                + " *Added*: the path's percentile minus the direct path's, for a round trip (the message crosses the"
                + " relay twice).%n%n", o.warmupRoundTrips(), o.rounds(), o.roundTrips()));
        md.append("| size | path | p50 | p99 | p99.9 | added p50 | added p99 |\n|---|---|---|---|---|---|---|\n");
        latencyRows.forEach(r -> md.append(r).append('\n'));
        md.append('\n');
        md.append(String.format(Locale.ROOT, "*Throughput*: the client writes %d MiB of requests as fast as the path"
                + " takes them, then one the server answers with the bytes it counted; MB/s (10^6 bytes of message"
                + " text) from the first byte written to that answer. %d warm-up and %d measured runs per path and size,"
                + " taking turns; median (min–max). *Process CPU*: CPU ms per MB of this whole process (client,"
                + " server, relay, garbage collection; for the observer until its decoding caught up), which other"
                + " work on the machine changes little: on a machine the run saturates, throughput goes as its"
                + " inverse. *Relay threads*: the relay's I/O thread (+ the observer's decoding thread), CPU ms per"
                + " MB. *Decoded*: requests the observer journaled as `peer_request`; the run is timed to the"
                + " server's answer, the decoding may finish later (waited for before the next run, outside the"
                + " timing).%n%n", o.streamBytes() >> 20, o.warmupStreams(), o.streamRuns()));
        md.append("| size | path | throughput | of the fault proxy's | process CPU ms/MB | relay threads ms/MB | decoded |\n"
                + "|---|---|---|---|---|---|---|\n");
        throughputRows.forEach(r -> md.append(r).append('\n'));
        md.append('\n');
        md.append(load.describe()).append('\n');
    }

    private static JsonObject options(Options o) {
        JsonObject json = new JsonObject();
        json.add("sizes", Stats.json(o.sizes()));
        json.addProperty("warmup_round_trips", o.warmupRoundTrips());
        json.addProperty("rounds", o.rounds());
        json.addProperty("round_trips_per_round", o.roundTrips());
        json.addProperty("warmup_streams", o.warmupStreams());
        json.addProperty("stream_runs", o.streamRuns());
        json.addProperty("stream_bytes", o.streamBytes());
        return json;
    }

    static String sizeLabel(int size) {
        return size % 1024 == 0 ? size / 1024 + " KiB" : size + " B";
    }

    private static String sizeKey(int size) {
        return sizeLabel(size).replace(" ", "");
    }

    private static String micros(double us) {
        return us >= 1_000 ? String.format(Locale.ROOT, "%.2f ms", us / 1_000) : String.format(Locale.ROOT, "%.0f µs", us);
    }

    private static String signedMillis(double us) {
        return String.format(Locale.ROOT, "%+.3f ms", us / 1_000);
    }

    private static double[] values(List<Double> list) {
        return list.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static double[] roundAll(double[] values) {
        return roundAll(values, 10);
    }

    private static double[] roundAll(double[] values, int scale) {
        return Arrays.stream(values).map(v -> (double) Math.round(v * scale) / scale).toArray();
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress("127.0.0.1", 0);
    }

    // ---- the observer and its journal -----------------------------------------------------------

    /** An observer in front of the echo server, with the journal it writes. */
    record Relayed(Observer observer, Journal journal) implements AutoCloseable {

        static Relayed start(InetSocketAddress target) throws IOException {
            Journal journal = new Journal();
            Observer observer = Observer.start(new Observer.Settings(loopback(), target,
                    "ws://127.0.0.1:" + target.getPort()), journal);
            return new Relayed(observer, journal);
        }

        /** Lines appended so far, also those the ring no longer holds. */
        long lines() {
            return journal.size() + journal.dropped();
        }

        /**
         * Waits until the observer journaled the response to request {@code doneId}, the last
         * message of a run, and returns how many {@code bench.push} requests it journaled since
         * {@code since} lines. Polls the line count, which is cheap, and copies the ring only when
         * {@code expected} lines are there or every 100 ms (texts it could not decode make fewer).
         */
        long awaitDone(String doneId, long since, long expected) {
            long deadline = System.nanoTime() + CATCH_UP_LIMIT.toNanos();
            long nextLook = System.nanoTime();
            while (System.nanoTime() < deadline) {
                if (lines() >= since + expected || System.nanoTime() >= nextLook) {
                    nextLook = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
                    List<JournalEntry> entries = journal.snapshot();
                    boolean done = entries.stream().skip(Math.max(0, entries.size() - 16))
                            .anyMatch(e -> e.event() instanceof LinkEvent.PeerResponse r && doneId.equals(r.id()));
                    if (done) {
                        return entries.stream().filter(e -> e.seq() > since)
                                .filter(e -> e.event() instanceof LinkEvent.PeerRequest q
                                        && Messages.PUSH.equals(q.method()))
                                .count();
                    }
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            throw new IllegalStateException("the observer did not journal the end of a run within " + CATCH_UP_LIMIT);
        }

        @Override
        public void close() {
            observer.close();
            journal.close();
        }
    }

    /** The CPU time of a relay's I/O thread and, for an observer, its decoding thread. */
    record RelayThreads(Optional<Thread> io, Optional<Thread> decode) {
        private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

        static RelayThreads of(int port) {
            return new RelayThreads(named("fault-proxy-" + port + "-io"), named("observer-" + port + "-decode"));
        }

        private static Optional<Thread> named(String name) {
            return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst();
        }

        long ioCpuNanos() {
            return io.map(t -> MX.getThreadCpuTime(t.getId())).orElse(0L);
        }

        long decodeCpuNanos() {
            return decode.map(t -> MX.getThreadCpuTime(t.getId())).orElse(0L);
        }
    }

    /**
     * How busy the machine was while the section ran: from {@code /proc/stat} (all cores) and this
     * process's own CPU time, the share the other processes used. Linux only; elsewhere it says so.
     */
    record MachineLoad(long busyTicks, long totalTicks, long ownTicks, String loadAverage) {

        static MachineLoad now() {
            try {
                String[] cpu = Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.US_ASCII).get(0).trim()
                        .split("\\s+");
                long user = Long.parseLong(cpu[1]) + Long.parseLong(cpu[2]);
                long system = Long.parseLong(cpu[3]) + Long.parseLong(cpu[6]) + Long.parseLong(cpu[7]);
                long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
                long steal = cpu.length > 8 ? Long.parseLong(cpu[8]) : 0;
                long busy = user + system + steal;
                return new MachineLoad(busy, busy + idle, ChildProcesses.cpuTicks(ProcessHandle.current().pid()),
                        readLoadAverage());
            } catch (IOException | RuntimeException e) {
                return new MachineLoad(-1, -1, -1, "?");
            }
        }

        private static String readLoadAverage() throws IOException {
            String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        }

        Share since() {
            MachineLoad end = now();
            if (totalTicks < 0 || end.totalTicks < 0 || end.totalTicks == totalTicks) {
                return new Share(Double.NaN, Double.NaN, loadAverage, end.loadAverage);
            }
            double total = end.totalTicks - totalTicks;
            double own = (end.ownTicks - ownTicks) / total;
            double others = Math.max(0, (end.busyTicks - busyTicks) / total - own);
            return new Share(own, others, loadAverage, end.loadAverage);
        }

        /** Fractions of all cores' time: this benchmark's process and everything else. */
        record Share(double own, double others, String loadBefore, String loadAfter) {
            JsonObject json() {
                JsonObject o = new JsonObject();
                if (!Double.isNaN(own)) {
                    o.addProperty("own_share", round3(own));
                    o.addProperty("others_share", round3(others));
                }
                o.addProperty("loadavg_before", loadBefore);
                o.addProperty("loadavg_after", loadAfter);
                return o;
            }

            String describe() {
                String shares = Double.isNaN(own) ? "CPU shares not available (no /proc/stat)"
                        : String.format(Locale.ROOT, "this benchmark used %.0f %% of the %d cores' time and other"
                                + " processes %.0f %%", 100 * own, Runtime.getRuntime().availableProcessors(),
                                100 * others);
                return "Load while it ran: " + shares + "; load average " + loadBefore + " before, " + loadAfter
                        + " after. The relays, the client and the server share the cores, so other work on the"
                        + " machine shows in every number here.";
            }
        }
    }
}
