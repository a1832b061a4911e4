package dev.clawscope.bench;

import dev.clawscope.link.BackoffPolicies;
import dev.clawscope.link.ReconnectPlanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The reconnect storm in virtual time: {@code clients} links lose the same gateway at t = 0, it
 * refuses every connection for {@code downSeconds}, then accepts. Each client follows its policy
 * through the link's own {@link ReconnectPlanner} (so the attempt numbering, caps and jitter are
 * exactly what the link does); a refused attempt fails at once. Counts attempts per second while
 * the gateway is down and after its return (the herd), and how long each client takes to get back in.
 *
 * <p>Contenders: {@code full-jitter} (Clawscope's default), {@code windows-tray} (the Windows
 * tray's 1, 2, 4, 8, 15, 30, 60 s table with 0–25 % added jitter, emulated) and
 * {@code openclaw-reference} (the reference client's schedule, 1 s doubling to 30 s, no jitter,
 * emulated). Several repetitions with different seeds, contenders alternating; prints a Markdown
 * table of medians with min–max and writes {@code target/bench/storm.json}.
 *
 * <p>Arguments: {@code [clients] [downSeconds] [repetitions]} (default 200, 300, 5). Not a test;
 * see README.md in this directory.
 */
public final class StormBenchmark {

    static final List<String> POLICIES = List.of("full-jitter", "windows-tray", "openclaw-reference");

    private StormBenchmark() {
    }

    /** One contender's storm. */
    record Storm(String policy, int peakPerSecond, long totalWhileDown, int peakAfterReturn, double medianBackMs,
            double worstBackMs) {
    }

    static Storm run(String policy, int clients, long downMs, long seed) {
        int seconds = (int) (downMs / 1000) + 120;
        int[] perSecond = new int[seconds + 1];
        long totalWhileDown = 0;
        double[] back = new double[clients];
        SplittableRandom seeds = new SplittableRandom(seed);
        for (int c = 0; c < clients; c++) {
            ReconnectPlanner planner = new ReconnectPlanner(BackoffPolicies.require(policy),
                    new SplittableRandomGenerator(seeds.split()));
            long now = 0;
            for (;;) {
                ReconnectPlanner.Decision decision = planner.next(new ReconnectPlanner.Cause.Transient("refused"), now);
                now += ((ReconnectPlanner.Decision.Retry) decision).delayMs();
                int second = (int) Math.min(seconds, now / 1000);
                perSecond[second]++;
                if (now >= downMs) {
                    back[c] = now - downMs;
                    break;
                }
                totalWhileDown++;
            }
        }
        int downSeconds = (int) (downMs / 1000);
        int peak = Arrays.stream(perSecond, 0, downSeconds).max().orElse(0);
        Arrays.sort(back);
        int herd = Arrays.stream(perSecond, downSeconds, perSecond.length).max().orElse(0);
        return new Storm(policy, peak, totalWhileDown, herd, back[clients / 2], back[clients - 1]);
    }

    /** A {@link java.util.random.RandomGenerator} over a {@link SplittableRandom}, one per client. */
    private record SplittableRandomGenerator(SplittableRandom random) implements java.util.random.RandomGenerator {
        @Override
        public long nextLong() {
            return random.nextLong();
        }
    }

    public static void main(String[] args) throws IOException {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long downMs = (args.length > 1 ? Long.parseLong(args[1]) : 300) * 1000;
        int repetitions = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        List<List<Storm>> byPolicy = new ArrayList<>();
        POLICIES.forEach(p -> byPolicy.add(new ArrayList<>()));
        for (int r = 0; r < repetitions; r++) {
            for (int p = 0; p < POLICIES.size(); p++) {
                byPolicy.get(p).add(run(POLICIES.get(p), clients, downMs, 1_000L * r + 17));
            }
        }
        System.out.printf(Locale.ROOT, "Storm: %d clients, gateway refusing for %d s, %d repetitions (virtual time)%n%n",
                clients, downMs / 1000, repetitions);
        System.out.println("| policy | peak attempts/s while down | attempts while down | peak attempts/s after the return "
                + "| median time back after return | slowest client back |");
        System.out.println("|---|---|---|---|---|---|");
        StringBuilder json = new StringBuilder("{\"clients\":" + clients + ",\"down_ms\":" + downMs
                + ",\"repetitions\":" + repetitions + ",\"policies\":{");
        for (int p = 0; p < POLICIES.size(); p++) {
            List<Storm> runs = byPolicy.get(p);
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", POLICIES.get(p),
                    stat(runs.stream().mapToDouble(Storm::peakPerSecond).toArray(), ""),
                    stat(runs.stream().mapToDouble(Storm::totalWhileDown).toArray(), ""),
                    stat(runs.stream().mapToDouble(Storm::peakAfterReturn).toArray(), ""),
                    stat(runs.stream().mapToDouble(s -> s.medianBackMs() / 1000).toArray(), " s"),
                    stat(runs.stream().mapToDouble(s -> s.worstBackMs() / 1000).toArray(), " s"));
            json.append(p == 0 ? "" : ",").append('"').append(POLICIES.get(p)).append("\":[");
            for (int r = 0; r < runs.size(); r++) {
                Storm s = runs.get(r);
                json.append(r == 0 ? "" : ",").append(String.format(Locale.ROOT,
                        "{\"peak_per_s\":%d,\"total_while_down\":%d,\"peak_per_s_after_return\":%d,\"median_back_ms\":%.0f,"
                                + "\"worst_back_ms\":%.0f}", s.peakPerSecond(), s.totalWhileDown(), s.peakAfterReturn(),
                        s.medianBackMs(), s.worstBackMs()));
            }
            json.append(']');
        }
        json.append("}}\n");
        Path out = Path.of("target", "bench", "storm.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, json);
        System.out.println();
        System.out.println("wrote " + out);
    }

    /** {@code median (min–max)} of {@code values}. */
    static String stat(double[] values, String unit) {
        double[] v = values.clone();
        Arrays.sort(v);
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        String format = unit.isEmpty() ? "%.0f" : "%.1f";
        return String.format(Locale.ROOT, format + unit + " (" + format + "–" + format + ")", median, v[0], v[v.length - 1]);
    }
}
