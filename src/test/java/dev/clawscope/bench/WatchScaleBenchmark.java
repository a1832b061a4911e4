package dev.clawscope.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code clawscope watch} at scale (issue 22): one watch process following N gateways, N = 1, 10
 * and 200. The simulators run in a JVM of their own ({@link SimFleet}), so the watch's process holds
 * nothing but the watch. Per N: the time from launch (and from the JVM's start) to the Nth
 * {@code -> connected} line, idle CPU of one core and RSS over a window after a warm-up, the
 * thread count, CPU per thread group over the window, and the time and size of a {@code /metrics}
 * scrape.
 *
 * <p>The watch runs as the packaged launcher and the systemd user unit run it: {@code java} with
 * the pom's {@code jpackage.javaOptions} (less the class-data archive, which only the app image
 * has) and {@code -jar target/clawscope.jar watch --config FILE --metrics 127.0.0.1:0 --incidents
 * off}; at the largest N also with a plain {@code java -jar} and the JVM's defaults. Every gateway
 * of the config has {@code "device": false}: token only, no device signing, as the simulators
 * need no device. Linux only (it reads {@code /proc}).
 */
public final class WatchScaleBenchmark {

    static final String ID = "watch";
    static final String TITLE = "Many gateways: `clawscope watch` at scale";
    /** The goals of issue 22, at {@link #GOAL_LINKS} links. */
    static final double CPU_GOAL = 2.0;
    static final double RSS_GOAL_MB = 300;
    static final int GOAL_LINKS = 200;
    static final String CPU_TARGET = "Watch, 200 gateway links: idle CPU under 2 % of one core (packaged JVM options)";
    static final String RSS_TARGET = "Watch, 200 gateway links: RSS under 300 MB, largest sample (packaged JVM options)";

    private static final Pattern METRICS = Pattern.compile("metrics on http://127\\.0\\.0\\.1:(\\d+)/metrics");
    private static final Pattern CONNECTED = Pattern.compile("^(\\S+) (\\S+) \\S+ -> connected(?::.*)?$");
    private static final Pattern JAVA_OPTIONS = Pattern.compile("<jpackage\\.javaOptions>([^<]*)</jpackage\\.javaOptions>");
    private static final Duration RSS_PERIOD = Duration.ofSeconds(10);
    private static final long POLL_MS = 20;
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private WatchScaleBenchmark() {
    }

    /**
     * How much to run.
     *
     * @param sizes the numbers of gateways, each a run of its own
     * @param warmupSeconds idle time after the last connection and before the window, not measured
     * @param idleSeconds the measured idle window
     * @param scrapes counted {@code /metrics} scrapes, after the window
     * @param warmupScrapes uncounted scrapes before them
     * @param plainJava whether the largest size also runs with a plain {@code java -jar}
     * @param connectTimeout how long all links may take to connect
     */
    record Options(List<Integer> sizes, int warmupSeconds, int idleSeconds, int scrapes, int warmupScrapes,
            boolean plainJava, Duration connectTimeout) {

        Options {
            sizes = List.copyOf(sizes);
            if (sizes.isEmpty() || sizes.stream().anyMatch(n -> n < 1 || n > SimFleet.MAX) || warmupSeconds < 0
                    || idleSeconds < 1 || scrapes < 1 || warmupScrapes < 0 || connectTimeout.isNegative()) {
                throw new IllegalArgumentException("invalid options: " + this);
            }
        }

        /** 1, 10 and 200 links; 60 s warm-up, 120 s window, 50 scrapes after 5. */
        static Options defaults() {
            return new Options(List.of(1, 10, 200), 60, 120, 50, 5, true, Duration.ofSeconds(120));
        }

        /** A smoke run: the same sizes, 10 s warm-up, 20 s window, 20 scrapes after 3. */
        static Options quick() {
            return new Options(List.of(1, 10, 200), 10, 20, 20, 3, true, Duration.ofSeconds(120));
        }
    }

    /** How the watch's JVM is started. */
    enum Launch {
        PACKAGED("packaged", "packaged launcher's options"),
        PLAIN("java_jar", "plain `java -jar`");

        final String key;
        final String label;

        Launch(String key, String label) {
            this.key = key;
            this.label = label;
        }
    }

    public static void main(String[] args) {
        Bench.runAlone("WatchScaleBenchmark", ID, args, quick -> run(quick ? Options.quick() : Options.defaults()));
    }

    static Section run(Options o) throws Exception {
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            throw new IllegalStateException("the watch section reads /proc and runs on Linux only");
        }
        Path project = Path.of("").toAbsolutePath();
        Path jar = project.resolve(FootprintBenchmark.JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(FootprintBenchmark.JAR + " is missing (run ./mvnw package)");
        }
        List<String> packaged = packagedJavaOptions(Files.readString(project.resolve("pom.xml")));
        Path java = Optional.ofNullable(ChildProcesses.onPath("java"))
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java"));
        long clockTicks = ChildProcesses.clockTicksPerSecond();
        JsonObject json = new JsonObject();
        JsonObject options = new JsonObject();
        options.add("sizes", Stats.json(o.sizes()));
        options.addProperty("warmup_s", o.warmupSeconds());
        options.addProperty("window_s", o.idleSeconds());
        options.addProperty("scrapes", o.scrapes());
        options.addProperty("warmup_scrapes", o.warmupScrapes());
        options.addProperty("rss_period_s", RSS_PERIOD.toSeconds());
        options.addProperty("clk_tck", clockTicks);
        json.add("options", options);
        json.add("packaged_java_options", FootprintBenchmark.strings(packaged));
        json.addProperty("java", java.toString());
        int largest = o.sizes().stream().mapToInt(Integer::intValue).max().orElseThrow();
        JsonArray runs = new JsonArray();
        Path root = Files.createTempDirectory("clawscope-watch-scale");
        try {
            for (Launch launch : Launch.values()) {
                for (int n : o.sizes()) {
                    if (launch == Launch.PLAIN && (!o.plainJava() || n != largest)) {
                        continue;
                    }
                    List<String> jvm = new ArrayList<>(List.of(java.toString()));
                    if (launch == Launch.PACKAGED) {
                        jvm.addAll(packaged);
                    }
                    jvm.addAll(List.of("-jar", jar.toString()));
                    progress("%s, %d gateway(s): start", launch.label, n);
                    JsonObject r = new JsonObject();
                    r.addProperty("launch", launch.key);
                    r.addProperty("label", launch.label);
                    r.addProperty("gateways", n);
                    try {
                        measure(o, n, jvm, root.resolve(launch.key + "-" + n), clockTicks, project, r);
                        progress("%s, %d gateway(s): connected all in %.0f ms, CPU %.2f %%, RSS max %.0f MB, threads %d,"
                                + " scrape median %.1f ms", launch.label, n, r.get("connect_all_ms").getAsDouble(),
                                r.get("cpu_percent_of_one_core").getAsDouble(), r.get("rss_max_mb").getAsDouble(),
                                r.get("threads_max").getAsLong(), r.getAsJsonObject("scrape_ms").get("median").getAsDouble());
                    } catch (Exception e) {
                        r.addProperty("not_measured", String.valueOf(e.getMessage()));
                        progress("%s, %d gateway(s): NOT MEASURED, %s", launch.label, n, e.getMessage());
                    }
                    runs.add(r);
                }
            }
        } finally {
            ChildProcesses.deleteRecursively(root);
        }
        json.add("runs", runs);
        return new Section(ID, TITLE, markdown(json), json);
    }

    // ---- one run ---------------------------------------------------------------------------------

    /** One watch with {@code n} gateways against a fleet of {@code n} simulators; the numbers go into {@code r}. */
    private static void measure(Options o, int n, List<String> jvm, Path dir, long clockTicks, Path project,
            JsonObject r) throws Exception {
        Files.createDirectories(dir);
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
        Fleet fleet = Fleet.start(n, token, dir, o.connectTimeout());
        Process watch = null;
        try {
            Path config = dir.resolve("watch.json");
            Files.writeString(config, config(fleet.ports), StandardCharsets.UTF_8);
            Path home = dir.resolve("home");
            Files.createDirectories(home);
            Map<String, String> env = ChildProcesses.childEnvironment(home);
            env.put(SimFleet.TOKEN_VARIABLE, token);
            List<String> command = new ArrayList<>(jvm);
            command.addAll(List.of("watch", "--config", config.toString(), "--metrics", "127.0.0.1:0",
                    "--incidents", "off"));
            r.add("command", FootprintBenchmark.strings(command.stream().map(a -> a.replace(project + "/", "")
                    .replace(dir.toString(), "$RUN")).toList()));
            Path output = dir.resolve("watch.out");
            ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().clear();
            builder.environment().putAll(env);
            long launchMs = System.currentTimeMillis();
            watch = builder.start();
            long pid = watch.pid();
            long jvmStartMs = ChildProcesses.startEpochMs(pid, clockTicks);

            Connected connected = awaitConnected(watch, output, n, o.connectTimeout());
            long connectedMs = connected.lastAt().toEpochMilli();
            r.addProperty("connect_all_ms", connectedMs - launchMs);
            r.addProperty("connect_all_from_jvm_start_ms", connectedMs - jvmStartMs);
            r.addProperty("metrics_port", connected.port());

            long windowStart = System.currentTimeMillis() + o.warmupSeconds() * 1000L;
            long windowEnd = windowStart + o.idleSeconds() * 1000L;
            Bench.waitUntil(windowStart);
            SimFleet.Count before = fleet.count();
            long wallStart = System.nanoTime();
            long ticksStart = ChildProcesses.cpuTicks(pid);
            Map<Long, ChildProcesses.ThreadCpu> threadsStart = ChildProcesses.threadCpu(pid, clockTicks);
            List<Double> rss = new ArrayList<>();
            List<Long> threads = new ArrayList<>();
            for (long at = windowStart; at <= windowEnd; at += RSS_PERIOD.toMillis()) {
                Bench.waitUntil(at);
                rss.add(ChildProcesses.rssMegabytes(pid));
                threads.add(ChildProcesses.threads(pid));
            }
            Bench.waitUntil(windowEnd);
            long ticksEnd = ChildProcesses.cpuTicks(pid);
            long wallEnd = System.nanoTime();
            Map<Long, ChildProcesses.ThreadCpu> threadsEnd = ChildProcesses.threadCpu(pid, clockTicks);
            SimFleet.Count after = fleet.count();

            double wallS = (wallEnd - wallStart) / 1e9;
            double[] rssMb = rss.stream().mapToDouble(Double::doubleValue).toArray();
            r.addProperty("wall_s", wallS);
            r.addProperty("cpu_ticks", ticksEnd - ticksStart);
            r.addProperty("cpu_percent_of_one_core", 100.0 * (ticksEnd - ticksStart) / clockTicks / wallS);
            r.add("rss_mb_samples", Stats.json(rssMb));
            r.addProperty("rss_median_mb", Stats.median(rssMb));
            r.addProperty("rss_max_mb", Stats.percentile(rssMb, 1.0));
            r.add("thread_samples", Stats.json(threads));
            r.addProperty("threads_max", threads.stream().mapToLong(Long::longValue).max().orElse(0));
            r.add("thread_groups", threadGroups(threadsStart, threadsEnd, wallS));
            r.addProperty("handshakes_before", before.handshakes());
            r.addProperty("handshakes_after", after.handshakes());
            r.addProperty("connected_before", before.connected());
            r.addProperty("connected_after", after.connected());
            r.addProperty("stayed_connected", before.handshakes() == after.handshakes() && before.connected() == n
                    && after.connected() == n && watch.isAlive());

            scrapes(o, connected.port(), n, r);
            describeJvm(pid, project, r);
        } finally {
            if (watch != null) {
                boolean ended = ChildProcesses.stop(watch.toHandle(), STOP_WAIT);
                r.addProperty("ended_on_sigterm", ended);
                if (!ended) {
                    r.addProperty("output_tail", ChildProcesses.tail(dir.resolve("watch.out"), 10));
                }
            }
            fleet.close();
        }
    }

    /** The watch config: one gateway per port, {@code gw-001} …, token from the environment, no device signing. */
    static String config(List<Integer> ports) {
        JsonArray gateways = new JsonArray();
        for (int i = 0; i < ports.size(); i++) {
            JsonObject g = new JsonObject();
            g.addProperty("name", String.format(Locale.ROOT, "gw-%03d", i + 1));
            g.addProperty("url", "ws://127.0.0.1:" + ports.get(i));
            g.addProperty("token_env", SimFleet.TOKEN_VARIABLE);
            g.addProperty("device", false);
            gateways.add(g);
        }
        JsonObject root = new JsonObject();
        root.add("gateways", gateways);
        return root + "\n";
    }

    /** When the last of the gateways first said {@code -> connected}, and the metrics port of the first line. */
    record Connected(Instant lastAt, int port) {
    }

    /** Reads the watch's output every {@value #POLL_MS} ms until every gateway has connected once. */
    private static Connected awaitConnected(Process watch, Path output, int n, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> lines = Files.exists(output) ? Files.readAllLines(output, StandardCharsets.UTF_8) : List.of();
            OptionalInt port = lines.isEmpty() ? OptionalInt.empty() : metricsPort(lines.get(0));
            Map<String, Instant> first = new HashMap<>();
            for (String line : lines) {
                connectedLine(line).ifPresent(c -> first.putIfAbsent(c.gateway(), c.at()));
            }
            if (port.isPresent() && first.size() == n) {
                return new Connected(first.values().stream().max(Comparator.naturalOrder()).orElseThrow(),
                        port.getAsInt());
            }
            if (!watch.isAlive()) {
                throw new IllegalStateException("watch exited with code " + watch.exitValue()
                        + ChildProcesses.tail(output, 10));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(first.size() + " of " + n + " gateways connected within "
                        + timeout.toSeconds() + " s" + ChildProcesses.tail(output, 10));
            }
            watch.waitFor(POLL_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** {@code warmupScrapes} and then {@code scrapes} GETs of {@code /metrics}, one at a time over one client. */
    private static void scrapes(Options o, int port, int n, JsonObject r) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(30)).build();
        List<Double> ms = new ArrayList<>();
        long bytes = 0;
        int up = -1;
        for (int i = 0; i < o.warmupScrapes() + o.scrapes(); i++) {
            long t0 = System.nanoTime();
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long t1 = System.nanoTime();
            if (response.statusCode() != 200) {
                throw new IllegalStateException("/metrics answered " + response.statusCode());
            }
            if (i >= o.warmupScrapes()) {
                ms.add((t1 - t0) / 1e6);
                bytes = response.body().length;
                up = linksUp(new String(response.body(), StandardCharsets.UTF_8));
            }
        }
        double[] v = ms.stream().mapToDouble(Double::doubleValue).toArray();
        JsonObject s = new JsonObject();
        s.addProperty("median", Stats.median(v));
        s.addProperty("p95", Stats.percentile(v, 0.95));
        s.addProperty("max", Stats.percentile(v, 1.0));
        s.add("all", Stats.json(v));
        r.add("scrape_ms", s);
        r.addProperty("scrape_bytes", bytes);
        r.addProperty("links_up_in_scrape", up);
        if (up != n) {
            r.addProperty("scrape_note", "the last scrape had " + up + " of " + n + " links up");
        }
    }

    /** The JVM's options and heap by its own account ({@code jcmd}), after the window. */
    private static void describeJvm(long pid, Path project, JsonObject r) {
        FootprintBenchmark.jcmd(pid, "VM.command_line").filter(out -> out.contains("java_command:"))
                .ifPresent(out -> r.addProperty("jvm_options", JvmOptions.shorten(JvmOptions.jvmArgs(out), project)));
        FootprintBenchmark.jcmd(pid, "VM.flags", "-all").ifPresent(out -> r.addProperty("heap", JvmOptions.heap(out)));
    }

    // ---- the simulators' JVM ---------------------------------------------------------------------

    /** A {@link SimFleet} child: its ports, its stdout as lines, its stdin for {@code count}. */
    private static final class Fleet implements AutoCloseable {
        final Process process;
        final List<Integer> ports = new ArrayList<>();
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final Path log;

        private Fleet(Process process, Path log) {
            this.process = process;
            this.log = log;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // the fleet ended
                }
            }, "sim-fleet-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static Fleet start(int n, String token, Path dir, Duration timeout) throws Exception {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            ProcessBuilder builder = new ProcessBuilder(java.toString(), "-XX:+UseSerialGC", "-Xmx1g",
                    "-cp", System.getProperty("java.class.path"), SimFleet.class.getName(), Integer.toString(n))
                    .redirectError(dir.resolve("fleet.err").toFile());
            builder.environment().put(SimFleet.TOKEN_VARIABLE, token);
            Fleet fleet = new Fleet(builder.start(), dir.resolve("fleet.err"));
            try {
                long deadline = System.nanoTime() + timeout.toNanos();
                while (true) {
                    String line = fleet.next(deadline);
                    if (line.startsWith("port ")) {
                        fleet.ports.add(Integer.parseInt(line.substring(5).strip()));
                    } else if (line.equals("ready " + n) && fleet.ports.size() == n) {
                        return fleet;
                    } else {
                        throw new IllegalStateException("the simulators' JVM said: " + line);
                    }
                }
            } catch (Exception e) {
                fleet.close();
                throw e;
            }
        }

        private String next(long deadline) throws InterruptedException {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new IllegalStateException("the simulators' JVM did not answer in time"
                        + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")")
                        + ChildProcesses.tail(log, 10));
            }
            return line;
        }

        SimFleet.Count count() throws Exception {
            OutputStream in = process.getOutputStream();
            in.write("count\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                String line = next(deadline);
                Optional<SimFleet.Count> count = SimFleet.Count.parse(line);
                if (count.isPresent()) {
                    return count.get();
                }
            }
        }

        @Override
        public void close() {
            try {
                process.getOutputStream().close();
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    ChildProcesses.stop(process);
                }
            } catch (IOException e) {
                ChildProcesses.stop(process);
            } catch (InterruptedException e) {
                ChildProcesses.stop(process);
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- parsing -------------------------------------------------------------------------------

    /** The metrics port the watch's first line names, if it names one. */
    static OptionalInt metricsPort(String firstLine) {
        Matcher m = METRICS.matcher(firstLine);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    /** A gateway's state line into {@code connected}: its time and the gateway's name. */
    record ConnectedLine(Instant at, String gateway) {
    }

    /** {@code 2026-12-04T14:03:24.702Z home handshaking -> connected: server 2026.9.6} read, or empty for any other line. */
    static Optional<ConnectedLine> connectedLine(String line) {
        Matcher m = CONNECTED.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ConnectedLine(Instant.parse(m.group(1)), m.group(2)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The packaged launcher's JVM options from the pom's {@code jpackage.javaOptions}, less those of
     * the class-data archive that only the app image has ({@code -XX:SharedArchiveFile=$APPDIR/…},
     * {@code -Xshare:}, {@code -Xlog:cds…}).
     */
    static List<String> packagedJavaOptions(String pom) {
        Matcher m = JAVA_OPTIONS.matcher(pom);
        if (!m.find()) {
            throw new IllegalStateException("no jpackage.javaOptions in pom.xml");
        }
        List<String> out = new ArrayList<>();
        for (String option : m.group(1).strip().split("\\s+")) {
            if (!option.isEmpty() && !option.contains("$APPDIR") && !option.startsWith("-XX:SharedArchiveFile")
                    && !option.startsWith("-Xshare:") && !option.startsWith("-Xlog:cds")) {
                out.add(option);
            }
        }
        return out;
    }

    /** How many {@code clawscope_link_up} series of a scrape are 1. */
    static int linksUp(String exposition) {
        int up = 0;
        for (String line : exposition.split("\n")) {
            if (line.startsWith("clawscope_link_up{")) {
                String value = line.substring(line.lastIndexOf(' ') + 1).strip();
                try {
                    up += Double.parseDouble(value) == 1.0 ? 1 : 0;
                } catch (NumberFormatException e) {
                    // not a sample line
                }
            }
        }
        return up;
    }

    /** A thread's name with its numbers taken out, so a pool's or a link's threads count as one group. */
    static String threadGroup(String name) {
        return name.replaceAll("\\d+", "N");
    }

    /** CPU over the window per thread group, largest first; threads that ended during it are not counted. */
    static JsonArray threadGroups(Map<Long, ChildProcesses.ThreadCpu> start, Map<Long, ChildProcesses.ThreadCpu> end,
            double wallS) {
        Map<String, long[]> groups = new LinkedHashMap<>();
        for (Map.Entry<Long, ChildProcesses.ThreadCpu> e : end.entrySet()) {
            ChildProcesses.ThreadCpu was = start.get(e.getKey());
            long nanos = e.getValue().nanos() - (was == null ? 0 : was.nanos());
            long[] g = groups.computeIfAbsent(threadGroup(e.getValue().name()), k -> new long[2]);
            g[0] += nanos;
            g[1]++;
        }
        JsonArray out = new JsonArray();
        groups.entrySet().stream().sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0])
                .thenComparing(Map.Entry::getKey)).forEach(e -> {
                    JsonObject g = new JsonObject();
                    g.addProperty("name", e.getKey());
                    g.addProperty("threads", e.getValue()[1]);
                    g.addProperty("cpu_ms", e.getValue()[0] / 1e6);
                    g.addProperty("cpu_percent_of_one_core", 100.0 * e.getValue()[0] / 1e9 / wallS);
                    out.add(g);
                });
        return out;
    }

    // ---- the report --------------------------------------------------------------------------------

    /** The two goals at {@value #GOAL_LINKS} links with the packaged options; not measured when that run is missing. */
    static List<BenchSuite.Target> targets(JsonObject json) {
        Optional<JsonObject> run = json == null || !json.has("runs") ? Optional.empty()
                : runs(json).stream().filter(r -> r.get("launch").getAsString().equals(Launch.PACKAGED.key)
                        && r.get("gateways").getAsInt() == GOAL_LINKS && !r.has("not_measured")).findFirst();
        if (run.isEmpty()) {
            return List.of(new BenchSuite.Target(CPU_TARGET, "not measured", false),
                    new BenchSuite.Target(RSS_TARGET, "not measured", false));
        }
        JsonObject r = run.get();
        double cpu = r.get("cpu_percent_of_one_core").getAsDouble();
        double rss = r.get("rss_max_mb").getAsDouble();
        boolean up = r.get("stayed_connected").getAsBoolean();
        String links = up ? "" : "; **links did not stay up**";
        return List.of(
                new BenchSuite.Target(CPU_TARGET, String.format(Locale.ROOT, "%.2f %% over %.0f s%s", cpu,
                        r.get("wall_s").getAsDouble(), links), up && cpu < CPU_GOAL),
                new BenchSuite.Target(RSS_TARGET, String.format(Locale.ROOT, "%.0f MB (median %.0f MB)%s", rss,
                        r.get("rss_median_mb").getAsDouble(), links), up && rss < RSS_GOAL_MB));
    }

    private static List<JsonObject> runs(JsonObject json) {
        List<JsonObject> out = new ArrayList<>();
        json.getAsJsonArray("runs").forEach(e -> out.add(e.getAsJsonObject()));
        return out;
    }

    static String markdown(JsonObject json) {
        JsonObject o = json.getAsJsonObject("options");
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%d cores. One `clawscope watch` process following N gateways, each a "
                        + "`SimGateway` with its defaults (tick every 30 s, server ping every 25 s) on loopback, all N in "
                        + "one other JVM (`SimFleet`, not measured). The config gives every gateway `token_env` and "
                        + "`\"device\": false` (token only, no device signing) and the link defaults (a WebSocket "
                        + "ping every 5 s, a `health` probe every 60 s); the watch runs with `--metrics 127.0.0.1:0 "
                        + "--incidents off`, a fresh home, and only `PATH`, the locale and the token in its environment."
                        + " Connect-all is the time from launch (just before `ProcessBuilder.start()`) to the timestamp "
                        + "of the last gateway's first `-> connected` line; \"from JVM start\" counts from the process "
                        + "start `/proc/PID/stat` gives. Then a %d s warm-up and a %d s window: CPU = utime+stime of the "
                        + "watch's JVM over the window (%% of one core), RSS and threads every %d s. After the window, "
                        + "%d scrapes of `/metrics` one after another over one HTTP/1.1 connection (after %d uncounted),"
                        + " request to the last byte.%n%n",
                Runtime.getRuntime().availableProcessors(), o.get("warmup_s").getAsInt(), o.get("window_s").getAsInt(),
                o.get("rss_period_s").getAsInt(), o.get("scrapes").getAsInt(), o.get("warmup_scrapes").getAsInt()));
        md.append("| JVM | gateways | connect-all from launch | from JVM start | idle CPU, % of one core "
                + "| RSS, MB: median (max) | threads | `/metrics` scrape: median / p95 | bytes per scrape | links |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (JsonObject r : runs(json)) {
            md.append("| ").append(r.get("label").getAsString()).append(" | ").append(r.get("gateways").getAsInt())
                    .append(" | ");
            if (r.has("not_measured")) {
                md.append(FootprintBenchmark.cell("not measured: " + r.get("not_measured").getAsString())).append(" | | | | | | | |\n");
                continue;
            }
            JsonObject s = r.getAsJsonObject("scrape_ms");
            boolean up = r.get("stayed_connected").getAsBoolean();
            md.append(String.format(Locale.ROOT, "%.2f s | %.2f s | %.2f | %.0f (%.0f) | %d | %.1f / %.1f ms | %d | %s |%n",
                    r.get("connect_all_ms").getAsDouble() / 1000, r.get("connect_all_from_jvm_start_ms").getAsDouble() / 1000,
                    r.get("cpu_percent_of_one_core").getAsDouble(), r.get("rss_median_mb").getAsDouble(),
                    r.get("rss_max_mb").getAsDouble(), r.get("threads_max").getAsLong(), s.get("median").getAsDouble(),
                    s.get("p95").getAsDouble(), r.get("scrape_bytes").getAsLong(),
                    (up ? "stayed up" : "**did not stay up**") + String.format(Locale.ROOT, " (handshakes %d→%d, %d up in the scrape)",
                            r.get("handshakes_before").getAsLong(), r.get("handshakes_after").getAsLong(),
                            r.get("links_up_in_scrape").getAsInt())));
        }
        md.append('\n');
        growth(json).ifPresent(g -> md.append(g).append("\n\n"));

        md.append("**Goals** (issue 22): at 200 links idle CPU under 2 % of one core and RSS under 300 MB (largest "
                + "sample), with the packaged launcher's JVM options.\n\n| goal | this run | |\n|---|---|---|\n");
        for (BenchSuite.Target t : targets(json)) {
            md.append("| ").append(t.target()).append(" | ").append(t.measured()).append(" | ")
                    .append(t.met() ? "met" : "**missed**").append(" |\n");
        }
        md.append('\n');

        List<String> notes = new ArrayList<>();
        notes.add("Packaged launcher's options: `" + String.join(" ", FootprintBenchmark.list(json.getAsJsonArray("packaged_java_options")))
                + "`, the pom's `jpackage.javaOptions` (what the app image and the systemd user unit, which runs it, "
                + "give the JVM) less the class-data archive, which only the app image has; the jar is "
                + "`target/clawscope.jar`. Plain `java -jar` gets no options: the JVM's defaults, with the app's own "
                + "`HeapTuning`.");
        for (JsonObject r : runs(json)) {
            if (r.has("jvm_options") || r.has("heap")) {
                notes.add(String.format(Locale.ROOT, "%s, %d gateway(s), by `jcmd`: %s%s", r.get("label").getAsString(),
                        r.get("gateways").getAsInt(),
                        r.has("jvm_options") ? (r.get("jvm_options").getAsString().isEmpty() ? "no options"
                                : "`" + r.get("jvm_options").getAsString() + "`") : "",
                        r.has("heap") ? "; " + r.get("heap").getAsString() : ""));
            }
        }
        for (JsonObject r : runs(json)) {
            if (r.has("thread_groups") && r.get("gateways").getAsInt() == GOAL_LINKS) {
                List<String> top = new ArrayList<>();
                for (JsonElement e : r.getAsJsonArray("thread_groups")) {
                    JsonObject g = e.getAsJsonObject();
                    if (top.size() == 6) {
                        break;
                    }
                    top.add(String.format(Locale.ROOT, "`%s` ×%d %.2f %%", g.get("name").getAsString(),
                            g.get("threads").getAsLong(), g.get("cpu_percent_of_one_core").getAsDouble()));
                }
                notes.add(r.get("label").getAsString() + ", " + GOAL_LINKS + " gateways: CPU over the window by thread "
                        + "group (`/proc/PID/task/*/schedstat`, names as the kernel keeps them, at most 15 characters, "
                        + "numbers as N; threads that ended in the window are not in it): " + String.join(", ", top) + ".");
            }
        }
        notes.forEach(n -> md.append("- ").append(FootprintBenchmark.cell(n)).append('\n'));
        return md.toString();
    }

    /** How CPU, RSS, threads and scrape time grow per link from the smallest to the largest run with the packaged options. */
    static Optional<String> growth(JsonObject json) {
        List<JsonObject> packaged = runs(json).stream().filter(r -> !r.has("not_measured")
                && r.get("launch").getAsString().equals(Launch.PACKAGED.key))
                .sorted(Comparator.comparingInt(r -> r.get("gateways").getAsInt())).toList();
        if (packaged.size() < 2) {
            return Optional.empty();
        }
        JsonObject a = packaged.get(0);
        JsonObject b = packaged.get(packaged.size() - 1);
        int links = b.get("gateways").getAsInt() - a.get("gateways").getAsInt();
        return Optional.of(String.format(Locale.ROOT, "Per link added from %d to %d gateways (packaged options): "
                        + "%.4f %% of one core, %.2f MB RSS (medians), %.1f threads, %.3f ms of scrape time (medians), "
                        + "%.0f bytes of scrape.",
                a.get("gateways").getAsInt(), b.get("gateways").getAsInt(),
                (b.get("cpu_percent_of_one_core").getAsDouble() - a.get("cpu_percent_of_one_core").getAsDouble()) / links,
                (b.get("rss_median_mb").getAsDouble() - a.get("rss_median_mb").getAsDouble()) / links,
                (double) (b.get("threads_max").getAsLong() - a.get("threads_max").getAsLong()) / links,
                (b.getAsJsonObject("scrape_ms").get("median").getAsDouble()
                        - a.getAsJsonObject("scrape_ms").get("median").getAsDouble()) / links,
                (double) (b.get("scrape_bytes").getAsLong() - a.get("scrape_bytes").getAsLong()) / links));
    }

    private static void progress(String format, Object... args) {
        Bench.progress("watch: " + format, args);
    }
}
