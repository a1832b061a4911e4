package dev.clawscope.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.function.DoublePredicate;
import java.util.regex.Pattern;

/**
 * A real Prometheus server (Debian's {@code prometheus} package, which {@code .ci/run} installs)
 * on a free port of 127.0.0.1, scraping loopback targets as one job, {@code clawscope}, and read
 * through its HTTP query API. Each target's {@code instance} label is its address as given, e.g.
 * {@code 127.0.0.1:9464}.
 *
 * <pre>{@code
 * try (RealPrometheus prometheus = RealPrometheus.start(dir, List.of("127.0.0.1:" + port), Duration.ofSeconds(1))) {
 *     prometheus.awaitValue("up{instance=\"127.0.0.1:" + port + "\"}", v -> v == 1, Duration.ofSeconds(20));
 *     prometheus.awaitValue("clawscope_link_reconnects_total{gateway=\"b\"}", v -> v > 0, Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * <p>Its working folder holds {@code prometheus.yml}, the database in {@code data/} (emptied at
 * start) and the server's output in {@code prometheus.log}, whose tail every failure quotes. Where
 * Prometheus is not installed, {@link #start} fails the test when the {@code CI} environment
 * variable is set and skips it otherwise ({@link PrometheusTools}). {@link #close} ends the
 * process and its children and waits for them; a JVM that exits without closing kills them too.
 */
public final class RealPrometheus implements AutoCloseable {

    /** The job name every target is scraped under. */
    public static final String JOB = "clawscope";

    static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    static final Duration POLL_EVERY = Duration.ofMillis(250);
    private static final int START_ATTEMPTS = 3;
    private static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
    private static final int LOG_TAIL_LINES = 30;
    private static final Pattern LOOPBACK_TARGET = Pattern.compile("(127\\.0\\.0\\.1|localhost|\\[::1]):\\d{1,5}");

    private final Path workDir;
    private final Process process;
    private final int port;
    private final Thread reaper;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RealPrometheus(Path workDir, Process process, int port) {
        this.workDir = workDir;
        this.process = process;
        this.port = port;
        this.reaper = new Thread(() -> destroyTree(process), "real-prometheus-reaper-" + process.pid());
    }

    /**
     * Writes {@code prometheus.yml} into {@code workDir}, starts Prometheus scraping
     * {@code targets} (each {@code 127.0.0.1:PORT}, {@code localhost:PORT} or {@code [::1]:PORT})
     * every {@code scrapeInterval}, and returns once it answers {@code /-/ready} (at most 30 s).
     * When the port it picked was taken in the meantime it tries another, three times in all.
     */
    public static RealPrometheus start(Path workDir, List<String> targets, Duration scrapeInterval)
            throws IOException, InterruptedException {
        return start(workDir, targets, scrapeInterval, RealPrometheus::freeLoopbackPort);
    }

    /** The port of each start attempt, picked by the caller (a test of the retry). */
    interface PortPicker {
        int next() throws IOException;
    }

    static RealPrometheus start(Path workDir, List<String> targets, Duration scrapeInterval, PortPicker ports)
            throws IOException, InterruptedException {
        for (String target : targets) {
            if (!LOOPBACK_TARGET.matcher(target).matches()) {
                throw new IllegalArgumentException("not a loopback HOST:PORT target: " + target);
            }
        }
        if (scrapeInterval.isNegative() || scrapeInterval.toMillis() < 1) {
            throw new IllegalArgumentException("scrape interval must be at least 1 ms: " + scrapeInterval);
        }
        Path binary = PrometheusTools.require("prometheus");
        Files.createDirectories(workDir);
        Path config = workDir.resolve("prometheus.yml");
        Files.writeString(config, config(targets, scrapeInterval), StandardCharsets.UTF_8);
        Path data = workDir.resolve("data");
        Path log = workDir.resolve("prometheus.log");
        String lastFailure = "";
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            deleteTree(data);
            int port = ports.next();
            Files.writeString(log, "--- start " + attempt + " on 127.0.0.1:" + port + " ---\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            Process process = new ProcessBuilder(binary.toString(),
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + data,
                    "--web.listen-address=127.0.0.1:" + port)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            RealPrometheus prometheus = new RealPrometheus(workDir, process, port);
            Runtime.getRuntime().addShutdownHook(prometheus.reaper);
            try {
                if (prometheus.awaitReady()) {
                    return prometheus;
                }
            } catch (IOException | InterruptedException | RuntimeException | Error e) {
                prometheus.close();
                throw e;
            }
            prometheus.close();
            lastFailure = PrometheusTools.tail(log, LOG_TAIL_LINES);
            if (!lastFailure.contains("address already in use")) {
                break;
            }
        }
        throw new AssertionError("Prometheus did not start; last lines of " + log + ":\n" + lastFailure);
    }

    static String config(List<String> targets, Duration scrapeInterval) {
        long intervalMs = scrapeInterval.toMillis();
        long timeoutMs = Math.min(intervalMs, 10_000);
        StringBuilder yml = new StringBuilder()
                .append("global:\n")
                .append("  scrape_interval: ").append(intervalMs).append("ms\n")
                .append("  scrape_timeout: ").append(timeoutMs).append("ms\n")
                .append("  evaluation_interval: ").append(intervalMs).append("ms\n")
                .append("scrape_configs:\n")
                .append("  - job_name: ").append(JOB).append('\n')
                .append("    static_configs:\n")
                .append("      - targets:");
        if (targets.isEmpty()) {
            yml.append(" []\n");
        } else {
            yml.append('\n');
            targets.forEach(target -> yml.append("          - \"").append(target).append("\"\n"));
        }
        return yml.toString();
    }

    /** Polls {@code /-/ready} until 200: true then; false when the process exited before. */
    private boolean awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(uri("/-/ready")).timeout(Duration.ofSeconds(2)).build();
        while (process.isAlive()) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200 && isOurs()) {
                    return true;
                }
            } catch (IOException notListeningYet) {
                // polled again below
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Prometheus on " + baseUrl() + " was not ready within "
                        + READY_TIMEOUT.toSeconds() + " s; last lines of its log:\n" + logTail());
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        return false;
    }

    /**
     * Whether the server on the port runs with this instance's configuration: another server that
     * took the port first answers {@code /-/ready} too, while this process fails to bind and exits.
     */
    private boolean isOurs() {
        try {
            JsonObject flags = JsonParser.parseString(get("/api/v1/status/flags")).getAsJsonObject().getAsJsonObject("data");
            JsonElement config = flags == null ? null : flags.get("config.file");
            return config != null && config.isJsonPrimitive()
                    && config.getAsString().equals(workDir.resolve("prometheus.yml").toString());
        } catch (RuntimeException notPrometheusOrNotOurs) {
            return false;
        }
    }

    /** The server's process id. */
    public long pid() {
        return process.pid();
    }

    /** The server's base URL, {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path workDir() {
        return workDir;
    }

    /** The last lines of {@code prometheus.log}. */
    public String logTail() {
        return PrometheusTools.tail(workDir.resolve("prometheus.log"), LOG_TAIL_LINES);
    }

    /**
     * Runs an instant query ({@code /api/v1/query}) and returns {@code data.result}: for a vector
     * an array of {@code {"metric": {...}, "value": [time, "v"]}}, for a scalar {@code [time, "v"]}.
     * Fails with the response's body when Prometheus does not answer {@code status: success}.
     */
    public JsonArray query(String promql) {
        return data(promql).getAsJsonArray("result");
    }

    /**
     * The value of an instant query that yields one series (or a scalar); empty when it yields no
     * series; fails when it yields several.
     */
    public OptionalDouble value(String promql) {
        JsonObject data = data(promql);
        JsonArray result = data.getAsJsonArray("result");
        String type = data.get("resultType").getAsString();
        if (type.equals("scalar")) {
            return OptionalDouble.of(sampleValue(result));
        }
        if (!type.equals("vector")) {
            throw new AssertionError("not an instant vector or scalar (" + type + "): " + promql);
        }
        if (result.isEmpty()) {
            return OptionalDouble.empty();
        }
        if (result.size() > 1) {
            throw new AssertionError(result.size() + " series for " + promql + ", expected one: " + result);
        }
        return OptionalDouble.of(sampleValue(result.get(0).getAsJsonObject().getAsJsonArray("value")));
    }

    /**
     * Queries {@code promql} every 250 ms until it yields one series whose value satisfies
     * {@code ok}, and returns that value; after {@code timeout} fails with the last result and the
     * tail of Prometheus's log. A query that yields several series fails at once: wrap it in
     * {@code sum(...)} or narrow its labels.
     */
    public double awaitValue(String promql, DoublePredicate ok, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            OptionalDouble value = value(promql);
            if (value.isPresent() && ok.test(value.getAsDouble())) {
                return value.getAsDouble();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no value of " + promql + " as wanted within " + timeout.toMillis()
                        + " ms; last result: " + query(promql) + "\nlast lines of Prometheus's log:\n" + logTail());
            }
            if (process.waitFor(POLL_EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("Prometheus exited with code " + process.exitValue()
                        + " while waiting for " + promql + "; last lines of its log:\n" + logTail());
            }
        }
    }

    /** Whether the last scrape of {@code instance} (e.g. {@code 127.0.0.1:9464}) succeeded: {@code up} is 1. */
    public boolean targetUp(String instance) {
        OptionalDouble up = value("up{instance=\"" + labelValue(instance) + "\"}");
        return up.isPresent() && up.getAsDouble() == 1;
    }

    /** Waits until {@link #targetUp} holds for {@code instance}. */
    public void awaitTargetUp(String instance, Duration timeout) throws InterruptedException {
        awaitValue("up{instance=\"" + labelValue(instance) + "\"}", v -> v == 1, timeout);
    }

    /** {@code text} as the inside of a PromQL string literal in double quotes. */
    public static String labelValue(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private JsonObject data(String promql) {
        String body = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        JsonObject answer;
        try {
            answer = JsonParser.parseString(body).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new AssertionError("Prometheus answered " + promql + " with no JSON object: " + shorten(body), e);
        }
        JsonElement status = answer.get("status");
        if (status == null || !status.isJsonPrimitive() || !status.getAsString().equals("success")
                || !answer.has("data") || !answer.get("data").isJsonObject()) {
            throw new AssertionError("query " + promql + " failed: " + shorten(body));
        }
        return answer.getAsJsonObject("data");
    }

    private String get(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                // A failed query (400, 422, 503) still carries the JSON error that says why.
                return new String(PrometheusTools.readBounded(in, MAX_RESPONSE_BYTES, "the answer to " + pathAndQuery),
                        StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + baseUrl() + pathAndQuery + " failed; last lines of Prometheus's log:\n"
                    + logTail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + pathAndQuery, e);
        }
    }

    private URI uri(String pathAndQuery) {
        return URI.create(baseUrl() + pathAndQuery);
    }

    private static double sampleValue(JsonArray sample) {
        String v = sample.get(1).getAsString();
        switch (v) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                return Double.parseDouble(v);
        }
    }

    private static String shorten(String body) {
        return body.length() <= PrometheusTools.TAIL_BYTES ? body
                : body.substring(0, PrometheusTools.TAIL_BYTES) + "… (" + body.length() + " chars)";
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return probe.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> paths;
        try (var walk = Files.walk(dir)) {
            paths = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
        }
        for (Path p : paths) {
            Files.delete(p);
        }
    }

    private static void destroyTree(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    /** Ends Prometheus (SIGTERM, SIGKILL after 10 s) and its children, and waits for it to exit. */
    @Override
    public void close() {
        destroyTree(process);
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs or ran already
        }
    }
}
