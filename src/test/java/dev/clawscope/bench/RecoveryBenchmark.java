package dev.clawscope.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.clawscope.protocol.Secret;
import dev.clawscope.realgateway.RealGateway;
import dev.clawscope.realgateway.RealGatewayExtension;
import dev.clawscope.sim.SimConfig;
import dev.clawscope.sim.SimGateway;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Recovery after the gateway goes away and comes back: the time from the gateway being ready again
 * to each client's hello-ok. All three contenders are connected to the same gateway, fresh for
 * each repetition, and meet the same event:
 * <ul>
 *   <li>simulator restart: {@code shutdown{restartExpectedMs: 1500}}, close 1012, the port closed,
 *       and the simulator listening again exactly 1500 ms later, as announced;
 *   <li>simulator kill: every socket dropped without a frame, the port closed for 5 s;
 *   <li>real gateway restart: {@code SIGUSR2}, the gateway's in-process restart (it announces
 *       {@code restartExpectedMs: 1500} and takes as long as it takes);
 *   <li>real gateway kill: {@code kill -9} of its process group and a fresh start.
 * </ul>
 * "Ready" is exact for the simulator (its listener is back); for the real gateway it is the first
 * hello-ok of a handshake probe that retries every 100 ms from the moment the clients saw the
 * gateway go, so a client can beat it by up to a probe interval and show a small negative time.
 */
final class RecoveryBenchmark {

    /** @param simRepetitions per simulator event; @param realRepetitions per real-gateway event, 0 for none */
    record Options(int simRepetitions, int realRepetitions) {
        static Options defaults() {
            return new Options(5, 3);
        }

        static Options quick() {
            return new Options(2, 1);
        }
    }

    enum Event {
        SIM_RESTART("simulator", "restart, restartExpectedMs 1500"),
        SIM_KILL("simulator", "kill, 5 s down"),
        REAL_RESTART("real gateway", "SIGUSR2 restart (restartExpectedMs 1500)"),
        REAL_KILL("real gateway", "kill -9, then start");

        final String gateway;
        final String label;

        Event(String gateway, String label) {
            this.gateway = gateway;
            this.label = label;
        }
    }

    private static final List<Contender> ORDER = List.of(Contender.CLAWSCOPE, Contender.REFERENCE,
            Contender.WINDOWS_TRAY);
    private static final Duration RESTART_EXPECTED = Duration.ofMillis(1500);
    private static final Duration KILL_DOWN = Duration.ofSeconds(5);
    private static final Duration PROBE_EVERY = Duration.ofMillis(100);
    private static final long BACK_WITHIN_MS = 120_000;

    /** One repetition: when the gateway went, when it was ready, and each contender's hello-ok. */
    record Run(Event event, int repetition, long goneAtMs, long readyAtMs, Map<Contender, Long> helloAtMs) {
    }

    private RecoveryBenchmark() {
    }

    static Section run(Options o) throws Exception {
        Secret token = Secret.of("bench-" + UUID.randomUUID());
        List<Run> runs = new ArrayList<>();
        try (SimGateway sim = SimGateway.start(SimConfig.defaults(token.reveal()))) {
            for (Event event : List.of(Event.SIM_RESTART, Event.SIM_KILL)) {
                for (int r = 0; r < o.simRepetitions(); r++) {
                    Bench.progress("recovery: %s, %s, repetition %d of %d", event.gateway, event.label, r + 1,
                            o.simRepetitions());
                    runs.add(once(event, r, sim.url(), token, () -> simEvent(sim, event)));
                }
            }
        }
        String realNote = "";
        if (o.realRepetitions() > 0) {
            try {
                runs.addAll(real(o.realRepetitions()));
            } catch (IllegalStateException e) {
                realNote = "Real gateway not measured: " + e.getMessage().lines().findFirst().orElse("") + "\n";
                Bench.progress("recovery: %s", realNote.strip());
            }
        }
        return report(runs, realNote);
    }

    /** The gateway-side event of one repetition; returns the wall-clock ms at which the gateway was ready. */
    private interface GatewayEvent {
        long fire() throws Exception;
    }

    private static long simEvent(SimGateway sim, Event event) throws InterruptedException {
        long gone = System.currentTimeMillis();
        if (event == Event.SIM_RESTART) {
            sim.announceRestart(RESTART_EXPECTED);
            Bench.waitUntil(gone + RESTART_EXPECTED.toMillis());
        } else {
            sim.kill();
            Bench.waitUntil(gone + KILL_DOWN.toMillis());
        }
        sim.revive();
        return System.currentTimeMillis();
    }

    private static List<Run> real(int repetitions) throws Exception {
        RealGatewayExtension.install();
        List<Run> runs = new ArrayList<>();
        RealGateway gateway = RealGateway.prepare(Path.of("target", "bench", "real-gateway").toAbsolutePath());
        try {
            Bench.progress("recovery: starting the real gateway");
            gateway.start();
            URI url = URI.create(gateway.url());
            for (Event event : List.of(Event.REAL_RESTART, Event.REAL_KILL)) {
                for (int r = 0; r < repetitions; r++) {
                    Bench.progress("recovery: %s, %s, repetition %d of %d", event.gateway, event.label, r + 1,
                            repetitions);
                    runs.add(once(event, r, url, gateway.token(), () -> realEvent(gateway, event)));
                }
            }
        } finally {
            gateway.close();
        }
        return runs;
    }

    private static long realEvent(RealGateway gateway, Event event) throws Exception {
        if (event == Event.REAL_RESTART) {
            gateway.signal("USR2");
            return gateway.awaitHelloOk(PROBE_EVERY, Duration.ofSeconds(90));
        }
        gateway.kill9();
        CompletableFuture<Void> started = CompletableFuture.runAsync(() -> {
            try {
                gateway.start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long ready = gateway.awaitHelloOk(PROBE_EVERY, Duration.ofSeconds(150));
        started.join();
        return ready;
    }

    private static Run once(Event event, int repetition, URI url, Secret token, GatewayEvent fire) throws Exception {
        List<JavaClient> javaClients = new ArrayList<>();
        Map<Contender, ClientWatch> watches = new LinkedHashMap<>();
        try (ReferenceClients node = ReferenceClients.start(List.of(url), token)) {
            List<Contender> order = new ArrayList<>(ORDER);
            Collections.rotate(order, repetition);
            for (Contender contender : order) {
                if (contender == Contender.REFERENCE) {
                    watches.put(contender, node.watch(0));
                } else {
                    JavaClient client = new JavaClient(contender, url, token).connect();
                    javaClients.add(client);
                    watches.put(contender, client.watch);
                }
            }
            long helloBy = System.currentTimeMillis() + 30_000;
            for (ClientWatch w : watches.values()) {
                if (w.await(ClientWatch.Kind.HELLO, 0, helloBy).isEmpty()) {
                    throw new IllegalStateException(w.contender().label + " got no hello-ok before the event"
                            + (w.contender() == Contender.REFERENCE ? ": " + node.stderrTail() : ""));
                }
            }
            // Connected for a while first, at a different moment of the tick period each time.
            Bench.waitUntil(System.currentTimeMillis() + 2_000 + repetition * 700L);
            long goneAt = System.currentTimeMillis();
            long readyAt = fire.fire();
            Map<Contender, Long> hello = new LinkedHashMap<>();
            for (Contender contender : ORDER) {
                Optional<ClientWatch.Mark> back = watches.get(contender).await(ClientWatch.Kind.HELLO, goneAt,
                        readyAt + BACK_WITHIN_MS);
                hello.put(contender, back.map(ClientWatch.Mark::atMs).orElse(null));
            }
            return new Run(event, repetition, goneAt, readyAt, hello);
        } finally {
            javaClients.forEach(JavaClient::close);
        }
    }

    private static Section report(List<Run> runs, String realNote) {
        StringBuilder md = new StringBuilder();
        md.append("Time from the gateway being ready again to the client's hello-ok. Each repetition starts"
                + " with fresh clients, all three on the same gateway.\n\n");
        md.append("| gateway | event | ready after the event | contender | hello-ok after ready: median (min–max) "
                + "| not back within 120 s | this ÷ Clawscope |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        JsonObject json = new JsonObject();
        for (Event event : Event.values()) {
            List<Run> of = runs.stream().filter(r -> r.event() == event).toList();
            if (of.isEmpty()) {
                continue;
            }
            JsonArray array = new JsonArray();
            for (Run r : of) {
                JsonObject o = new JsonObject();
                o.addProperty("repetition", r.repetition());
                o.addProperty("ready_after_event_ms", r.readyAtMs() - r.goneAtMs());
                for (Contender c : ORDER) {
                    Long at = r.helloAtMs().get(c);
                    if (at == null) {
                        o.add(c.name().toLowerCase(Locale.ROOT) + "_ms", JsonNull.INSTANCE);
                    } else {
                        o.addProperty(c.name().toLowerCase(Locale.ROOT) + "_ms", at - r.readyAtMs());
                    }
                }
                array.add(o);
            }
            json.add(event.name().toLowerCase(Locale.ROOT), array);
            String ready = Stats.cell(Stats.seconds(of.stream().map(r -> r.readyAtMs() - r.goneAtMs()).toList()), " s");
            double clawscope = Stats.median(after(of, Contender.CLAWSCOPE));
            for (Contender c : ORDER) {
                List<Long> ms = after(of, c);
                long missing = of.size() - ms.size();
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d of %d | %s |%n", event.gateway,
                        event.label, ready, c.label, Stats.cell(Stats.seconds(ms), " s", 2), missing, of.size(),
                        c == Contender.CLAWSCOPE || ms.isEmpty() ? "–" : ratioOrDash(Stats.median(ms), clawscope)));
            }
        }
        md.append('\n').append(realNote);
        return new Section("recovery", "Recovery after a gateway restart", md.toString(), json);
    }

    private static String ratioOrDash(double a, double b) {
        return b <= 0.05 ? "–" : Stats.ratio(a, b);
    }

    private static List<Long> after(List<Run> runs, Contender c) {
        List<Long> ms = new ArrayList<>();
        for (Run r : runs) {
            Long at = r.helloAtMs().get(c);
            if (at != null) {
                ms.add(at - r.readyAtMs());
            }
        }
        return ms;
    }

    public static void main(String[] args) throws Exception {
        Section s = run(Bench.quick(args) ? Options.quick() : Options.defaults());
        System.out.println(s.markdown());
        System.exit(0);
    }
}
