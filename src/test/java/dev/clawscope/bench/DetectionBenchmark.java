package dev.clawscope.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.clawscope.chaos.Fault;
import dev.clawscope.chaos.FaultProxy;
import dev.clawscope.protocol.Secret;
import dev.clawscope.sim.SimConfig;
import dev.clawscope.sim.SimGateway;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Dead-peer detection in real time. Each repetition of each fault has its own simulator (ticks every
 * 30 s and pings every 25 s with a 25 s pong deadline, as the real gateway), behind its own fault
 * proxy for the blackhole, and all three contenders connected to it at once, so they meet the same
 * fault at the same instant. After every client's hello-ok and a settling pause that differs per
 * case (2 s to 29.6 s, 1.45 s apart, across a whole ping and tick period), the fault starts: a proxy
 * blackhole (nothing passes either way, closes and resets from the far side included) or a
 * simulator freeze (sockets stay open, nothing is read or answered, as in {@code kill -STOP}).
 * "Noticed" is the first moment a client declares its connection down: Clawscope's
 * {@code liveness_timeout} (or a close), the reference client's {@code onClose}, the emulated tray's
 * close. A client that says nothing within the limit is reported as never. All repetitions run at
 * once, so the run takes about the longest settle plus the limit.
 */
final class DetectionBenchmark {

    /** @param repetitions per fault; @param limit how long a client gets to notice */
    record Options(int repetitions, Duration limit) {
        static Options defaults() {
            return new Options(10, Duration.ofSeconds(180));
        }

        static Options quick() {
            return new Options(2, Duration.ofSeconds(130));
        }
    }

    enum How {
        BLACKHOLE("proxy blackhole"), FREEZE("simulator freeze");

        final String label;

        How(String label) {
            this.label = label;
        }
    }

    private static final List<Contender> ORDER = List.of(Contender.CLAWSCOPE, Contender.REFERENCE,
            Contender.WINDOWS_TRAY);

    private DetectionBenchmark() {
    }

    /** One repetition of one fault: a simulator, maybe a proxy, and the three clients on it. */
    private static final class Case implements AutoCloseable {
        final int repetition;
        final How how;
        final long settleMs;
        final SimGateway sim;
        final FaultProxy proxy;
        final List<JavaClient> javaClients = new ArrayList<>();
        final Map<Contender, ClientWatch> watches = new LinkedHashMap<>();
        long faultAtMs;

        Case(int repetition, How how, Secret token) throws IOException {
            this.repetition = repetition;
            this.how = how;
            // Every case its own phase: the two faults of a repetition do not start at the same point of
            // the clients' ping and tick cycles, and together the cases cover 2 s to 29.6 s evenly.
            this.settleMs = 2_000 + ((2L * repetition + how.ordinal()) * 1_450) % 28_000;
            sim = SimGateway.start(SimConfig.defaults(token.reveal()));
            InetAddress loopback = InetAddress.getLoopbackAddress();
            proxy = how == How.BLACKHOLE
                    ? FaultProxy.start(new InetSocketAddress(loopback, 0), new InetSocketAddress(loopback, sim.port()))
                    : null;
        }

        URI url() {
            return proxy == null ? sim.url() : URI.create("ws://127.0.0.1:" + proxy.listenAddress().getPort());
        }

        void startFault() {
            faultAtMs = System.currentTimeMillis();
            if (proxy != null) {
                proxy.apply(new Fault.Blackhole(Optional.empty()));
            } else {
                sim.freeze();
            }
        }

        @Override
        public void close() {
            javaClients.forEach(JavaClient::close);
            if (proxy != null) {
                proxy.close();
            }
            sim.close();
        }
    }

    static Section run(Options o) throws Exception {
        Secret token = Secret.of("bench-" + UUID.randomUUID());
        List<Case> cases = new ArrayList<>();
        ReferenceClients node = null;
        try {
            for (int r = 0; r < o.repetitions(); r++) {
                for (How how : How.values()) {
                    cases.add(new Case(r, how, token));
                }
            }
            node = ReferenceClients.start(cases.stream().map(Case::url).toList(), token);
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                // Contenders alternate in the order they connect.
                List<Contender> order = new ArrayList<>(ORDER);
                Collections.rotate(order, c.repetition);
                for (Contender contender : order) {
                    if (contender == Contender.REFERENCE) {
                        c.watches.put(contender, node.watch(i));
                    } else {
                        JavaClient client = new JavaClient(contender, c.url(), token).connect();
                        c.javaClients.add(client);
                        c.watches.put(contender, client.watch);
                    }
                }
            }
            long helloBy = System.currentTimeMillis() + 60_000;
            for (Case c : cases) {
                for (ClientWatch w : c.watches.values()) {
                    if (w.await(ClientWatch.Kind.HELLO, 0, helloBy).isEmpty()) {
                        throw new IllegalStateException(w.contender().label + " got no hello-ok from the simulator"
                                + (w.contender() == Contender.REFERENCE ? ": " + node.stderrTail() : ""));
                    }
                }
            }
            Bench.progress("detection: %d clients connected; faults start over the next %d s, then up to %d s each",
                    cases.size() * 3, cases.stream().mapToLong(c -> c.settleMs).max().orElse(0) / 1000,
                    o.limit().toSeconds());
            long t0 = System.currentTimeMillis();
            List<Case> bySettle = cases.stream().sorted(Comparator.comparingLong(c -> c.settleMs)).toList();
            for (Case c : bySettle) {
                Bench.waitUntil(t0 + c.settleMs);
                c.startFault();
            }
            Map<Case, Map<Contender, Optional<ClientWatch.Mark>>> noticed = new LinkedHashMap<>();
            for (Case c : cases) {
                Map<Contender, Optional<ClientWatch.Mark>> byContender = new LinkedHashMap<>();
                for (Contender contender : ORDER) {
                    byContender.put(contender, c.watches.get(contender).await(ClientWatch.Kind.DOWN, c.faultAtMs,
                            c.faultAtMs + o.limit().toMillis()));
                }
                noticed.put(c, byContender);
            }
            return report(o, cases, noticed);
        } finally {
            if (node != null) {
                node.close();
            }
            cases.forEach(Case::close);
        }
    }

    private static Section report(Options o, List<Case> cases,
            Map<Case, Map<Contender, Optional<ClientWatch.Mark>>> noticed) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%d repetitions per fault, all contenders on the same simulator at once;"
                + " limit %d s.%n%n", o.repetitions(), o.limit().toSeconds()));
        md.append("| fault | contender | noticed after: median (min–max) | never | how | reference's median ÷ this |\n");
        md.append("|---|---|---|---|---|---|\n");
        JsonObject json = new JsonObject();
        json.addProperty("repetitions", o.repetitions());
        json.addProperty("limit_ms", o.limit().toMillis());
        for (How how : How.values()) {
            JsonObject byContender = new JsonObject();
            Map<Contender, List<Long>> times = new LinkedHashMap<>();
            for (Contender contender : ORDER) {
                List<Long> ms = new ArrayList<>();
                List<String> hows = new ArrayList<>();
                JsonArray runs = new JsonArray();
                for (Case c : cases) {
                    if (c.how != how) {
                        continue;
                    }
                    Optional<ClientWatch.Mark> mark = noticed.get(c).get(contender);
                    JsonObject run = new JsonObject();
                    run.addProperty("repetition", c.repetition);
                    run.addProperty("settle_ms", c.settleMs);
                    if (mark.isPresent()) {
                        long t = mark.get().atMs() - c.faultAtMs;
                        ms.add(t);
                        hows.add(mark.get().detail());
                        run.addProperty("noticed_ms", t);
                        run.addProperty("how", mark.get().detail());
                    } else {
                        run.add("noticed_ms", JsonNull.INSTANCE);
                    }
                    runs.add(run);
                }
                times.put(contender, ms);
                byContender.add(contender.name().toLowerCase(Locale.ROOT), runs);
            }
            json.add(how.name().toLowerCase(Locale.ROOT), byContender);
            double reference = times.get(Contender.REFERENCE).size() == o.repetitions()
                    ? Stats.median(times.get(Contender.REFERENCE)) : Double.NaN;
            for (Contender contender : ORDER) {
                List<Long> ms = times.get(contender);
                int never = o.repetitions() - ms.size();
                String cell = ms.isEmpty() ? "> " + o.limit().toSeconds() + " s (never)"
                        : Stats.cell(Stats.seconds(ms), " s");
                String ratio = never > 0 || contender == Contender.REFERENCE ? "–"
                        : Stats.ratio(reference, Stats.median(ms));
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %d of %d | %s | %s |%n", how.label,
                        contender.label, cell, never, o.repetitions(), howNoticed(cases, noticed, how, contender),
                        ratio));
            }
        }
        return new Section("detection", "Dead-peer detection", md.toString(), json);
    }

    /** The ways a contender noticed, most frequent first, e.g. {@code liveness_timeout{ws_pong} ×10}. */
    private static String howNoticed(List<Case> cases, Map<Case, Map<Contender, Optional<ClientWatch.Mark>>> noticed,
            How how, Contender contender) {
        Map<String, Long> counts = cases.stream().filter(c -> c.how == how)
                .map(c -> noticed.get(c).get(contender)).flatMap(Optional::stream).map(ClientWatch.Mark::detail)
                .collect(Collectors.groupingBy(Function.identity(), LinkedHashMap::new, Collectors.counting()));
        if (counts.isEmpty()) {
            return "–";
        }
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> "`" + e.getKey() + "` ×" + e.getValue()).collect(Collectors.joining(", "));
    }

    public static void main(String[] args) throws Exception {
        Section s = run(Bench.quick(args) ? Options.quick() : Options.defaults());
        System.out.println(s.markdown());
        System.exit(0);
    }
}
