package dev.clawscope.bench;

import dev.clawscope.journal.ClosedBy;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.JournalJson;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.RedactionRules;
import dev.clawscope.journal.Redactor;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Redacts a generated ~100 MB JSONL journal five times with {@link Redactor#redactFile} and prints
 * MB/s per run, the median, and the ratio to a plain line-by-line read and write of the same file.
 * Not a unit test; see README.md in this directory for how to run it. {@link #measure} runs the same
 * measurement for another benchmark (CostBenchmark) and returns the numbers.
 *
 * <p>Arguments: {@code [megabytes] [runs]} (default 100 and 5).
 */
public final class RedactBenchmark {

    private static final List<String> METHODS = methods();
    /** CPU time shows the cost even on a machine busy with other work, where wall time is noisy. */
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private RedactBenchmark() {
    }

    /**
     * One measurement: the generated input and, per run, the redaction rate (wall clock and per
     * CPU second of this process) and the plain line-by-line copy rate measured just before it.
     */
    record Result(double inputMegabytes, long lines, List<Double> redactMbPerSecond,
            List<Double> redactMbPerCpuSecond, List<Double> copyMbPerSecond, double outputMegabytes) {

        double medianRedact() {
            return median(redactMbPerSecond);
        }

        double medianCopy() {
            return median(copyMbPerSecond);
        }

        /** Median redaction rate over median plain-copy rate. */
        double ratio() {
            return medianRedact() / medianCopy();
        }
    }

    public static void main(String[] args) throws IOException {
        long megabytes = args.length > 0 ? Long.parseLong(args[0]) : 100;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Result result = measure(megabytes, runs, System.out::println);
        System.out.printf(Locale.ROOT, "median: redact %.1f MB/s, plain copy %.1f MB/s, ratio %.2f%n",
                result.medianRedact(), result.medianCopy(), result.ratio());
        System.out.printf(Locale.ROOT, "output: %.1f MB%n", result.outputMegabytes());
    }

    /**
     * Generates a journal of about {@code megabytes} MB in a temporary folder, redacts it once as a
     * warm-up, then {@code runs} times, each after a plain copy of the same file; deletes the files.
     *
     * @param log receives the input line and one line per run, as {@link #main} prints them
     */
    static Result measure(long megabytes, int runs, Consumer<String> log) throws IOException {
        Path dir = Files.createTempDirectory("clawscope-redact-bench");
        Path journal = dir.resolve("journal.jsonl");
        Path copy = dir.resolve("copy.jsonl");
        Path redacted = dir.resolve("redacted.jsonl");
        try {
            long lines = generate(journal, megabytes * 1_000_000);
            double mb = Files.size(journal) / 1e6;
            log.accept(String.format(Locale.ROOT, "input: %.1f MB, %d lines, %d processors, Java %s",
                    mb, lines, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
            Redactor redactor = Redactor.withRandomKey(RedactionRules.defaults());
            redactor.redactFile(journal, redacted); // warm-up
            plainCopy(journal, copy);
            List<Double> redactRates = new ArrayList<>();
            List<Double> cpuRates = new ArrayList<>();
            List<Double> copyRates = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                long start = System.nanoTime();
                plainCopy(journal, copy);
                double copyRate = mb / ((System.nanoTime() - start) / 1e9);
                long cpuStart = OS.getProcessCpuTime();
                start = System.nanoTime();
                redactor.redactFile(journal, redacted);
                double redactRate = mb / ((System.nanoTime() - start) / 1e9);
                double cpuRate = mb / ((OS.getProcessCpuTime() - cpuStart) / 1e9);
                copyRates.add(copyRate);
                redactRates.add(redactRate);
                cpuRates.add(cpuRate);
                log.accept(String.format(Locale.ROOT,
                        "run %d: redact %.1f MB/s (%.1f MB per CPU second), plain copy %.1f MB/s",
                        run, redactRate, cpuRate, copyRate));
            }
            return new Result(mb, lines, List.copyOf(redactRates), List.copyOf(cpuRates), List.copyOf(copyRates),
                    Files.size(redacted) / 1e6);
        } finally {
            Files.deleteIfExists(journal);
            Files.deleteIfExists(copy);
            Files.deleteIfExists(redacted);
            Files.deleteIfExists(dir);
        }
    }

    /** Reads and writes the file line by line with the same readers and writers, without redacting. */
    private static void plainCopy(Path in, Path out) throws IOException {
        try (BufferedReader reader = Redactor.utf8Reader(Files.newInputStream(in));
                Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                writer.write(line);
                writer.write('\n');
            }
        }
    }

    private static long generate(Path file, long bytes) throws IOException {
        Random random = new Random(42);
        long written = 0;
        long seq = 0;
        Instant ts = Instant.parse("2026-11-27T23:05:14.090Z");
        double mono = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            while (written < bytes) {
                seq++;
                mono += random.nextDouble() * 500;
                String line = JournalJson.toLine(new JournalEntry(seq, ts.plusMillis((long) mono), mono, seq / 40 + 1,
                        event(random, seq)));
                out.write(line);
                out.write('\n');
                written += line.length() + 1;
            }
        }
        return seq;
    }

    private static LinkEvent event(Random random, long seq) {
        int pick = random.nextInt(100);
        String token = randomToken(random);
        if (pick < 3) {
            return new LinkEvent.HelloOk("2026.9.6", 4, 30_000, METHODS, List.of("operator.read", "operator.write"));
        } else if (pick < 30) {
            return new LinkEvent.Tick(seq);
        } else if (pick < 45) {
            return new LinkEvent.WsPong(random.nextDouble() * 40);
        } else if (pick < 55) {
            return new LinkEvent.WsPingSent();
        } else if (pick < 62) {
            return new LinkEvent.StateChanged("CONNECTING", "HANDSHAKING");
        } else if (pick < 68) {
            return new LinkEvent.ConnectAttempt(random.nextInt(9) + 1,
                    "wss://operator:" + token + "@gateway.example.com:18789/ws?token=" + token);
        } else if (pick < 74) {
            return new LinkEvent.Closed(1006, "abnormal close from wss://gateway.example.com/?auth=" + token
                    + " (Authorization: Bearer " + token + ")", ClosedBy.TRANSPORT);
        } else if (pick < 80) {
            return new LinkEvent.Error("device-store", "cannot read /home/alice/.openclaw/devices/"
                    + "0123456789abcdef0123456789abcdef01234567.json: access denied for alice@example.com");
        } else if (pick < 85) {
            return new LinkEvent.ReconnectScheduled(random.nextInt(9) + 1, random.nextInt(30_000), "full-jitter",
                    "closed 1006");
        } else if (pick < 90) {
            return new LinkEvent.HandshakeFailed("AUTH_TOKEN_MISMATCH", "token-mismatch", false, null, 1008);
        } else if (pick < 94) {
            return new LinkEvent.ProbeOk("health", random.nextDouble() * 100);
        } else if (pick < 97) {
            return new LinkEvent.ListenerFault("timeline",
                    "java.lang.IllegalStateException: device token=" + token + " rejected at C:\\Users\\bob\\x");
        } else {
            return new LinkEvent.ShutdownNotice("gateway restarting", 8_000L);
        }
    }

    private static String randomToken(Random random) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        StringBuilder token = new StringBuilder(43);
        for (int i = 0; i < 43; i++) {
            token.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return token.toString();
    }

    /** A realistic advertised method list: a few hundred dotted names. */
    private static List<String> methods() {
        String[] areas = {"sessions", "chat", "node", "config", "agents", "exec.approval", "device.pair", "channels",
            "cron", "skills", "models", "logs", "system", "talk", "wizard", "voicewake"};
        String[] verbs = {"list", "get", "set", "send", "patch", "delete", "resolve", "status", "subscribe",
            "unsubscribe", "history", "abort", "invoke", "describe", "reset", "preview", "run", "update", "events",
            "approve", "reject", "tail", "info", "probe"};
        return IntStream.range(0, areas.length * verbs.length)
                .mapToObj(i -> areas[i / verbs.length] + "." + verbs[i % verbs.length])
                .toList();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
