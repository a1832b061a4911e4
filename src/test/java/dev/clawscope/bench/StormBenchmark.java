package dev.clawscope.bench;

import dev.clawscope.link.BackoffPolicies;
import dev.clawscope.link.BackoffPolicy;
import dev.clawscope.link.PacedJitterBackoff;
import dev.clawscope.link.ReconnectPlanner;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The reconnect storm in virtual time: {@code clients} links lose the same gateway at t = 0, it
 * refuses every connection for {@code downSeconds}, then accepts. Each client follows its policy
 * through the link's own {@link ReconnectPlanner} (so the attempt numbering, caps and jitter are
 * exactly what the link does); a refused attempt fails at once. Counts attempts per second while
 * the gateway is down and after its return (the herd), and how long each client takes to get back in.
 *
 * <p>Contenders: {@code paced-jitter} (Clawscope's default), candidate variants of it and
 * {@code full-jitter} (the default before it), {@code windows-tray} (the Windows
 * tray's 1, 2, 4, 8, 15, 30, 60 s table with 0–25 % added jitter, emulated) and
 * {@code openclaw-reference} (the reference client's schedule, 1 s doubling to 30 s, no jitter,
 * emulated). Several repetitions with different seeds, contenders alternating; prints a Markdown
 * table of medians with min–max and writes {@code target/bench/storm.json}.
 *
 * <p>A scaled-down run in real time ({@link RealTimeStorm}) puts the reference client itself next to
 * them. {@code --quick} for a short run. Not a test; see README.md in this directory.
 */
public final class StormBenchmark {

    /** The default's key in {@link #POLICIES} and in the JSON. */
    static final String DEFAULT = PacedJitterBackoff.NAME;
    static final String REFERENCE = "openclaw-reference";

    /**
     * The contenders: the default, candidates that trade its numbers against each other (not the
     * default; shown for the choice), the former default and the two emulations.
     */
    static final Map<String, BackoffPolicy> POLICIES = new LinkedHashMap<>();

    static {
        POLICIES.put(DEFAULT, BackoffPolicies.require(DEFAULT));
        POLICIES.put("candidate: paced 1.6–2.4 s", new PacedJitterBackoff(2_800, 30_000, 1_600, 2_400, 14_000, 22_000));
        POLICIES.put("candidate: steady 25–35 s", new PacedJitterBackoff(2_800, 30_000, 2_200, 3_200, 25_000, 35_000));
        POLICIES.put("candidate: paced 10 s, steady 25–35 s",
                new PacedJitterBackoff(2_800, 10_000, 2_200, 3_200, 25_000, 35_000));
        POLICIES.put("candidate: no paced phase, steady 30–60 s",
                new PacedJitterBackoff(2_800, 0, 2_000, 2_000, 30_000, 60_000));
        POLICIES.put("full-jitter (the default before)", BackoffPolicies.require("full-jitter"));
        POLICIES.put("windows-tray", BackoffPolicies.require("windows-tray"));
        POLICIES.put(REFERENCE, BackoffPolicies.require(REFERENCE));
    }

    /** Short outages whose recovery the table shows beside the storm: a simulator kill (5 s) and a real gateway's start (about 15 s to listen). */
    static final long SHORT_OUTAGE_MS = 5_000;
    static final long START_OUTAGE_MS = 15_000;

    private StormBenchmark() {
    }

    /** One contender's storm. */
    record Storm(String policy, int peakPerSecond, long totalWhileDown, int peakAfterReturn, double medianBackMs,
            double worstBackMs, double medianFirstMs) {
    }

    static Storm run(BackoffPolicy policy, int clients, long downMs, long seed) {
        int seconds = (int) (downMs / 1000) + 120;
        int[] perSecond = new int[seconds + 1];
        long totalWhileDown = 0;
        double[] back = new double[clients];
        double[] first = new double[clients];
        SplittableRandom seeds = new SplittableRandom(seed);
        for (int c = 0; c < clients; c++) {
            ReconnectPlanner planner = new ReconnectPlanner(policy,
                    new SplittableRandomGenerator(seeds.split()));
            long now = 0;
            for (;;) {
                ReconnectPlanner.Decision decision = planner.next(new ReconnectPlanner.Cause.Transient("refused"), now);
                now += ((ReconnectPlanner.Decision.Retry) decision).delayMs();
                if (planner.attempts() == 1) {
                    first[c] = now;
                }
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
        Arrays.sort(first);
        int herd = Arrays.stream(perSecond, downSeconds, perSecond.length).max().orElse(0);
        return new Storm(policy.name(), peak, totalWhileDown, herd, back[clients / 2], back[clients - 1],
                first[clients / 2]);
    }

    /** A {@link java.util.random.RandomGenerator} over a {@link SplittableRandom}, one per client. */
    private record SplittableRandomGenerator(SplittableRandom random) implements java.util.random.RandomGenerator {
        @Override
        public long nextLong() {
            return random.nextLong();
        }
    }

    /**
     * @param clients, downMs, repetitions the virtual-time storm
     * @param realClients, realDownMs, realRepetitions the scaled-down real-time storm, per contender
     */
    record Options(int clients, long downMs, int repetitions, int realClients, long realDownMs, int realRepetitions) {
        static Options defaults() {
            return new Options(200, 300_000, 5, 20, 90_000, 2);
        }

        static Options quick() {
            return new Options(200, 300_000, 2, 10, 30_000, 1);
        }
    }

    static Section run(Options o) throws Exception {
        JsonObject json = new JsonObject();
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "**Virtual time**, %d clients, gateway refusing for %d s, %d repetitions;"
                + " each client follows its policy through the link's own planner (Java emulations of the tray's"
                + " and the reference client's schedules).%n%n", o.clients(), o.downMs() / 1000, o.repetitions()));
        md.append(virtual(o, json));
        md.append(String.format(Locale.ROOT, "%n**Real time, scaled down**: %d clients per contender (the reference"
                + " client itself in Node, Clawscope's link, the tray emulation), each contender through its own"
                + " fault proxy to one simulator; every connection reset at once, then every attempt refused for"
                + " %d s; attempts counted at the proxy in 1 s bins; %d repetition(s).%n%n", o.realClients(),
                o.realDownMs() / 1000, o.realRepetitions()));
        md.append(RealTimeStorm.run(o.realClients(), o.realDownMs(), o.realRepetitions(), json));
        return new Section("storm", "Reconnect storm", md.toString(), json);
    }

    private static String virtual(Options o, JsonObject json) {
        List<String> names = List.copyOf(POLICIES.keySet());
        List<List<Storm>> byPolicy = new ArrayList<>();
        List<List<Storm>> byShort = new ArrayList<>();
        List<List<Storm>> byStart = new ArrayList<>();
        for (String name : names) {
            byPolicy.add(new ArrayList<>());
            byShort.add(new ArrayList<>());
            byStart.add(new ArrayList<>());
        }
        for (int r = 0; r < o.repetitions(); r++) {
            for (int p = 0; p < names.size(); p++) {
                BackoffPolicy policy = POLICIES.get(names.get(p));
                byPolicy.get(p).add(run(policy, o.clients(), o.downMs(), 1_000L * r + 17));
                byShort.get(p).add(run(policy, o.clients(), SHORT_OUTAGE_MS, 1_000L * r + 23));
                byStart.get(p).add(run(policy, o.clients(), START_OUTAGE_MS, 1_000L * r + 29));
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("| policy | peak attempts/s while down | attempts while down | peak attempts/s after the return "
                + "| median time back after return | slowest client back | a lone client's first retry (median) "
                + "| back after a 5 s outage (median) | back after a 15 s outage (median) |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        JsonObject virtual = new JsonObject();
        virtual.addProperty("clients", o.clients());
        virtual.addProperty("down_ms", o.downMs());
        for (int p = 0; p < names.size(); p++) {
            List<Storm> runs = byPolicy.get(p);
            List<Storm> shortRuns = byShort.get(p);
            List<Storm> startRuns = byStart.get(p);
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", names.get(p),
                    Stats.cell(runs.stream().mapToDouble(Storm::peakPerSecond).toArray(), ""),
                    Stats.cell(runs.stream().mapToDouble(Storm::totalWhileDown).toArray(), ""),
                    Stats.cell(runs.stream().mapToDouble(Storm::peakAfterReturn).toArray(), ""),
                    Stats.cell(runs.stream().mapToDouble(s -> s.medianBackMs() / 1000).toArray(), " s"),
                    Stats.cell(runs.stream().mapToDouble(s -> s.worstBackMs() / 1000).toArray(), " s"),
                    Stats.cell(runs.stream().mapToDouble(s -> s.medianFirstMs() / 1000).toArray(), " s"),
                    Stats.cell(shortRuns.stream().mapToDouble(s -> s.medianBackMs() / 1000).toArray(), " s"),
                    Stats.cell(startRuns.stream().mapToDouble(s -> s.medianBackMs() / 1000).toArray(), " s")));
            JsonArray array = new JsonArray();
            for (int r = 0; r < runs.size(); r++) {
                Storm s = runs.get(r);
                JsonObject one = new JsonObject();
                one.addProperty("peak_per_s", s.peakPerSecond());
                one.addProperty("total_while_down", s.totalWhileDown());
                one.addProperty("peak_per_s_after_return", s.peakAfterReturn());
                one.addProperty("median_back_ms", s.medianBackMs());
                one.addProperty("worst_back_ms", s.worstBackMs());
                one.addProperty("median_first_retry_ms", s.medianFirstMs());
                one.addProperty("median_back_after_5s_ms", shortRuns.get(r).medianBackMs());
                one.addProperty("median_back_after_15s_ms", startRuns.get(r).medianBackMs());
                array.add(one);
            }
            virtual.add(names.get(p), array);
        }
        json.add("virtual", virtual);
        return md.toString();
    }

    public static void main(String[] args) throws Exception {
        Section s = run(Bench.quick(args) ? Options.quick() : Options.defaults());
        System.out.println(s.markdown());
        Path out = Path.of("target", "bench", "storm.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, s.json().toString());
        System.out.println("wrote " + out);
        System.exit(0);
    }
}
