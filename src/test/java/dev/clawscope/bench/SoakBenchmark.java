package dev.clawscope.bench;

import com.google.gson.JsonObject;
import dev.clawscope.chaos.Fault;
import dev.clawscope.chaos.FaultParseResult;
import dev.clawscope.chaos.FaultProxy;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.protocol.Secret;
import dev.clawscope.sim.SimConfig;
import dev.clawscope.sim.SimGateway;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * No false alarms under jitter: Clawscope's link at its defaults, through a {@link FaultProxy} whose
 * {@code delay 0-2000} holds every chunk for its own random 0 to 2 s each way (in order), to a
 * {@link SimGateway} with its defaults (tick 30 s, server ping 25 s), for a given time. Nothing is
 * down, so every {@code liveness_timeout} and every reconnect is a false alarm. Says how it goes once
 * a minute.
 */
final class SoakBenchmark {

    static final String ID = "soak";
    static final String TITLE = "No false alarms under jitter";
    static final String TARGET = "Soak through the fault proxy's `delay 0-2000`: false liveness timeouts and"
            + " reconnects = 0";
    static final Fault JITTER = new Fault.Delay(0, 2_000, Optional.empty());

    /** @param duration how long the link runs through the jitter */
    record Options(Duration duration) {
        static Options quick() {
            return new Options(Duration.ofMinutes(5));
        }

        static Options defaults() {
            return new Options(Duration.ofMinutes(10));
        }
    }

    private SoakBenchmark() {
    }

    /** {@code 90s}, {@code 5m} or {@code 1h} (a bare number is seconds): the fault proxy's durations. */
    static Duration parseDuration(String text) {
        if (Fault.parse("blackhole " + text) instanceof FaultParseResult.Parsed parsed
                && parsed.fault().duration().isPresent()) {
            return parsed.fault().duration().get();
        }
        throw new IllegalArgumentException("--soak needs a positive duration such as 90s, 5m or 1h, got '" + text + "'");
    }

    /** The shortest of {@code 1h}, {@code 5m}, {@code 90s} that says {@code d} exactly. */
    static String format(Duration d) {
        long s = d.toSeconds();
        return s % 3_600 == 0 ? s / 3_600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    /** What the link's journal said during the soak; fed on the journal's subscriber thread. */
    private static final class Tally {
        private final Map<String, Long> byType = new TreeMap<>();
        private final List<Double> rtts = new ArrayList<>();
        private final List<Double> probeRtts = new ArrayList<>();
        private final List<String> falseAlarms = new ArrayList<>();
        private long largestDeadlineMs;
        private long liveness;
        private long reconnects;
        private boolean stopped;

        synchronized void add(JournalEntry e) {
            if (stopped) {
                return;
            }
            LinkEvent event = e.event();
            byType.merge(event.type(), 1L, Long::sum);
            if (event instanceof LinkEvent.WsPong pong) {
                rtts.add(pong.rttMs());
            } else if (event instanceof LinkEvent.ProbeOk ok) {
                probeRtts.add(ok.rttMs());
            } else if (event instanceof LinkEvent.WsPingSent ping && ping.deadlineMs() != null) {
                largestDeadlineMs = Math.max(largestDeadlineMs, ping.deadlineMs());
            } else if (event instanceof LinkEvent.LivenessTimeout t) {
                liveness++;
                alarm(e, "liveness_timeout{" + t.kind() + ", silence " + t.silenceMs() + " ms, deadline "
                        + t.deadlineMs() + " ms}");
            } else if (event instanceof LinkEvent.ReconnectScheduled r) {
                reconnects++;
                alarm(e, "reconnect_scheduled{" + r.cause() + "}");
            }
        }

        private void alarm(JournalEntry e, String what) {
            if (falseAlarms.size() < 20) {
                falseAlarms.add(e.ts() + " " + what);
            }
        }

        synchronized long count(String type) {
            return byType.getOrDefault(type, 0L);
        }

        synchronized double worstRtt() {
            return rtts.isEmpty() ? Double.NaN : Collections.max(rtts);
        }

        synchronized long falseTimeouts() {
            return liveness;
        }

        /** The soak is over: what the link journals while it is disposed is not part of it. */
        synchronized void stop() {
            stopped = true;
        }
    }

    static Section run(Options o) throws Exception {
        Secret token = Secret.of("bench-" + UUID.randomUUID());
        InetAddress loopback = InetAddress.getLoopbackAddress();
        Tally tally = new Tally();
        long startedMs;
        long endedMs;
        long dropped;
        try (SimGateway sim = SimGateway.start(SimConfig.defaults(token.reveal()));
             FaultProxy proxy = FaultProxy.start(new InetSocketAddress(loopback, 0),
                     new InetSocketAddress(loopback, sim.port()))) {
            proxy.apply(JITTER);
            URI url = URI.create("ws://127.0.0.1:" + proxy.listenAddress().getPort());
            try (JavaClient client = new JavaClient(Contender.CLAWSCOPE, url, token)) {
                client.journal().subscribe("soak-tally", tally::add);
                startedMs = System.currentTimeMillis();
                client.connect();
                long end = startedMs + o.duration().toMillis();
                Bench.progress("soak: the link runs through delay 0-2000 for %s", format(o.duration()));
                for (long next = startedMs + 60_000; ; next += 60_000) {
                    Bench.waitUntil(Math.min(next, end));
                    Bench.progress("soak: %s of %s, %d pings, %d pongs, worst RTT %.0f ms, %d false timeouts,"
                            + " %d reconnects", format(Duration.ofSeconds((Math.min(next, end) - startedMs) / 1_000)),
                            format(o.duration()), tally.count("ws_ping_sent"), tally.count("ws_pong"),
                            tally.worstRtt(), tally.falseTimeouts(), tally.count("reconnect_scheduled"));
                    if (next >= end) {
                        break;
                    }
                }
                endedMs = System.currentTimeMillis();
                tally.stop();
                dropped = client.journal().dropped();
            }
        }
        return report(o, tally, endedMs - startedMs, dropped);
    }

    private static Section report(Options o, Tally t, long ranMs, long dropped) {
        synchronized (t) {
            boolean clean = t.liveness == 0 && t.reconnects == 0 && t.count("hello_ok") == 1 && !t.rtts.isEmpty();
            StringBuilder md = new StringBuilder();
            md.append(String.format(Locale.ROOT, "Clawscope's link at its defaults for %s through a `FaultProxy` with"
                    + " `delay 0-2000` (every chunk held for its own random 0–2 s, each way, in order) to the"
                    + " simulator (tick every 30 s, server ping every 25 s). Nothing is down: any liveness timeout or"
                    + " reconnect is a false alarm.%n%n", format(o.duration())));
            md.append("| | |\n|---|---|\n");
            md.append(String.format(Locale.ROOT, "| ran | %.1f min |%n", ranMs / 60_000.0));
            md.append("| journal events | ").append(t.byType.entrySet().stream()
                    .map(e -> "`" + e.getKey() + "` " + e.getValue()).collect(Collectors.joining(", ")))
                    .append(dropped == 0 ? "" : " (" + dropped + " dropped by the journal)").append(" |\n");
            md.append(String.format(Locale.ROOT, "| pings sent / pongs | %d / %d |%n", t.count("ws_ping_sent"),
                    t.count("ws_pong")));
            md.append(String.format(Locale.ROOT, "| pong round trip | median %s, worst %s |%n", seconds(t.rtts, true),
                    seconds(t.rtts, false)));
            md.append(String.format(Locale.ROOT, "| largest pong deadline used | %.1f s |%n",
                    t.largestDeadlineMs / 1000.0));
            md.append(String.format(Locale.ROOT, "| `health` probes answered | %d, median %s, worst %s |%n",
                    t.count("probe_ok"), seconds(t.probeRtts, true), seconds(t.probeRtts, false)));
            md.append(String.format(Locale.ROOT, "| **false liveness timeouts** | **%d** |%n", t.liveness));
            md.append(String.format(Locale.ROOT, "| reconnects | %d (hello-ok %d) |%n", t.reconnects,
                    t.count("hello_ok")));
            if (!t.falseAlarms.isEmpty()) {
                md.append("\nFalse alarms (first 20):\n\n");
                t.falseAlarms.forEach(a -> md.append("- ").append(a).append('\n'));
            }

            JsonObject json = new JsonObject();
            json.addProperty("duration_ms", o.duration().toMillis());
            json.addProperty("ran_ms", ranMs);
            json.addProperty("fault", JITTER.describe());
            JsonObject types = new JsonObject();
            t.byType.forEach(types::addProperty);
            json.add("events", types);
            json.addProperty("journal_dropped", dropped);
            json.add("rtt_ms", Stats.json(t.rtts));
            json.add("probe_rtt_ms", Stats.json(t.probeRtts));
            json.addProperty("largest_deadline_ms", t.largestDeadlineMs);
            json.addProperty("false_liveness_timeouts", t.liveness);
            json.addProperty("reconnects", t.reconnects);
            json.addProperty("clean", clean);
            return new Section(ID, TITLE, md.toString(), json);
        }
    }

    private static String seconds(List<Double> ms, boolean median) {
        if (ms.isEmpty()) {
            return "–";
        }
        double v = median ? Stats.median(ms) : Collections.max(ms);
        return String.format(Locale.ROOT, "%.2f s", v / 1000);
    }

    /** The target row: no false liveness timeout and no reconnect, over a run with pongs and one hello-ok. */
    static List<BenchSuite.Target> targets(JsonObject soak) {
        if (soak == null || !soak.has("clean")) {
            return List.of(new BenchSuite.Target(TARGET, "not measured", false));
        }
        JsonObject events = soak.getAsJsonObject("events");
        long pongs = events.has("ws_pong") ? events.get("ws_pong").getAsLong() : 0;
        double worst = 0;
        for (var rtt : soak.getAsJsonArray("rtt_ms")) {
            worst = Math.max(worst, rtt.getAsDouble());
        }
        String measured = String.format(Locale.ROOT, "%d false timeouts, %d reconnects in %s (%d pongs, worst RTT"
                + " %.2f s, largest deadline %.1f s)", soak.get("false_liveness_timeouts").getAsLong(),
                soak.get("reconnects").getAsLong(), format(Duration.ofMillis(soak.get("duration_ms").getAsLong())),
                pongs, worst / 1000, soak.get("largest_deadline_ms").getAsLong() / 1000.0);
        return List.of(new BenchSuite.Target(TARGET, measured, soak.get("clean").getAsBoolean()));
    }

    public static void main(String[] args) throws Exception {
        Options o = args.length > 0 && !args[0].equals("--quick") ? new Options(parseDuration(args[0]))
                : Bench.quick(args) ? Options.quick() : Options.defaults();
        Section s = run(o);
        System.out.println(s.markdown());
        targets(s.json()).forEach(t -> System.out.println(t.target() + ": " + t.measured() + (t.met() ? " (met)"
                : " (missed)")));
        System.exit(0);
    }
}
