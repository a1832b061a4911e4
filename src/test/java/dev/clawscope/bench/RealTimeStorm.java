package dev.clawscope.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.clawscope.chaos.Fault;
import dev.clawscope.chaos.FaultProxy;
import dev.clawscope.protocol.Secret;
import dev.clawscope.sim.SimConfig;
import dev.clawscope.sim.SimGateway;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The storm in real time, scaled down, with the reference client itself: {@code clients} of each
 * contender connect to one simulator, each contender through its own {@link FaultProxy}; then every
 * proxy resets its connections and refuses every new one for {@code downMs}, and passes again.
 * Each proxy's accepted-connection counter is read once a second, so the attempts per second are
 * counted where the gateway would see them.
 */
final class RealTimeStorm {

    private static final List<Contender> ORDER = List.of(Contender.CLAWSCOPE, Contender.REFERENCE,
            Contender.WINDOWS_TRAY);
    private static final long AFTER_RETURN_MS = 75_000;

    private RealTimeStorm() {
    }

    /** One contender's storm in one repetition. */
    record Result(int peakWhileDown, long totalWhileDown, int peakAfterReturn, double medianBackMs, int notBack) {
    }

    static String run(int clients, long downMs, int repetitions, JsonObject json) throws Exception {
        Map<Contender, List<Result>> results = new EnumMap<>(Contender.class);
        for (int r = 0; r < repetitions; r++) {
            Bench.progress("storm: real time, %d clients per contender, %d s down, repetition %d of %d", clients,
                    downMs / 1000, r + 1, repetitions);
            Map<Contender, Result> one = once(clients, downMs, r);
            one.forEach((c, result) -> results.computeIfAbsent(c, k -> new ArrayList<>()).add(result));
        }
        StringBuilder md = new StringBuilder();
        md.append("| contender | peak attempts/s while down | attempts while down | peak attempts/s after the return"
                + " | median time back after return | not back within 75 s |\n");
        md.append("|---|---|---|---|---|---|\n");
        JsonObject real = new JsonObject();
        real.addProperty("clients", clients);
        real.addProperty("down_ms", downMs);
        for (Contender c : ORDER) {
            List<Result> rs = results.get(c);
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", c.label,
                    Stats.cell(rs.stream().mapToDouble(Result::peakWhileDown).toArray(), ""),
                    Stats.cell(rs.stream().mapToDouble(Result::totalWhileDown).toArray(), ""),
                    Stats.cell(rs.stream().mapToDouble(Result::peakAfterReturn).toArray(), ""),
                    Stats.cell(rs.stream().mapToDouble(x -> x.medianBackMs() / 1000).toArray(), " s"),
                    Stats.cell(rs.stream().mapToDouble(Result::notBack).toArray(), "")));
            JsonArray array = new JsonArray();
            for (Result x : rs) {
                JsonObject o = new JsonObject();
                o.addProperty("peak_per_s", x.peakWhileDown());
                o.addProperty("total_while_down", x.totalWhileDown());
                o.addProperty("peak_per_s_after_return", x.peakAfterReturn());
                o.addProperty("median_back_ms", x.medianBackMs());
                o.addProperty("not_back", x.notBack());
                array.add(o);
            }
            real.add(c.name().toLowerCase(Locale.ROOT), array);
        }
        json.add("real_time", real);
        return md.toString();
    }

    private static Map<Contender, Result> once(int clients, long downMs, int repetition) throws Exception {
        Secret token = Secret.of("bench-" + UUID.randomUUID());
        InetAddress loopback = InetAddress.getLoopbackAddress();
        Map<Contender, FaultProxy> proxies = new EnumMap<>(Contender.class);
        Map<Contender, List<ClientWatch>> watches = new EnumMap<>(Contender.class);
        List<JavaClient> javaClients = new ArrayList<>();
        ReferenceClients node = null;
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        try (SimGateway sim = SimGateway.start(SimConfig.defaults(token.reveal()))) {
            for (Contender c : ORDER) {
                proxies.put(c, FaultProxy.start(new InetSocketAddress(loopback, 0),
                        new InetSocketAddress(loopback, sim.port()), clients * 4));
            }
            List<Contender> order = new ArrayList<>(ORDER);
            Collections.rotate(order, repetition);
            for (Contender c : order) {
                URI url = URI.create("ws://127.0.0.1:" + proxies.get(c).listenAddress().getPort());
                if (c == Contender.REFERENCE) {
                    node = ReferenceClients.start(Collections.nCopies(clients, url), token);
                    watches.put(c, node.watches());
                } else {
                    List<ClientWatch> list = new ArrayList<>();
                    for (int i = 0; i < clients; i++) {
                        JavaClient client = new JavaClient(c, url, token).connect();
                        javaClients.add(client);
                        list.add(client.watch);
                    }
                    watches.put(c, list);
                }
            }
            long helloBy = System.currentTimeMillis() + 60_000;
            for (List<ClientWatch> list : watches.values()) {
                for (ClientWatch w : list) {
                    if (w.await(ClientWatch.Kind.HELLO, 0, helloBy).isEmpty()) {
                        throw new IllegalStateException(w.contender().label + " got no hello-ok before the storm");
                    }
                }
            }
            int bins = (int) ((downMs + AFTER_RETURN_MS) / 1000);
            Map<Contender, long[]> accepted = new EnumMap<>(Contender.class);
            ORDER.forEach(c -> accepted.put(c, new long[bins + 1]));
            int[] sample = {0};
            long t0 = System.currentTimeMillis();
            for (Contender c : ORDER) {
                FaultProxy proxy = proxies.get(c);
                accepted.get(c)[0] = proxy.stats().acceptedConnections();
                proxy.apply(new Fault.Refuse(Optional.of(Duration.ofMillis(downMs))));
                proxy.apply(new Fault.Reset());
            }
            var sampling = sampler.scheduleAtFixedRate(() -> {
                int i = ++sample[0];
                if (i <= bins) {
                    ORDER.forEach(c -> accepted.get(c)[i] = proxies.get(c).stats().acceptedConnections());
                }
            }, 1_000, 1_000, TimeUnit.MILLISECONDS);
            Bench.waitUntil(t0 + downMs + AFTER_RETURN_MS + 500);
            sampling.cancel(false);
            sampler.shutdown();
            sampler.awaitTermination(5, TimeUnit.SECONDS);
            Map<Contender, Result> results = new EnumMap<>(Contender.class);
            int downBins = (int) (downMs / 1000);
            for (Contender c : ORDER) {
                long[] cumulative = accepted.get(c);
                int[] perSecond = new int[bins];
                for (int i = 0; i < bins; i++) {
                    perSecond[i] = (int) (cumulative[i + 1] - cumulative[i]);
                }
                long total = cumulative[downBins] - cumulative[0];
                List<Long> back = new ArrayList<>();
                int notBack = 0;
                for (ClientWatch w : watches.get(c)) {
                    Optional<ClientWatch.Mark> m = w.await(ClientWatch.Kind.HELLO, t0 + downMs, t0 + downMs
                            + AFTER_RETURN_MS);
                    if (m.isPresent()) {
                        back.add(m.get().atMs() - (t0 + downMs));
                    } else {
                        notBack++;
                    }
                }
                results.put(c, new Result(Arrays.stream(perSecond, 0, downBins).max().orElse(0), total,
                        Arrays.stream(perSecond, downBins, bins).max().orElse(0),
                        back.isEmpty() ? Double.NaN : Stats.median(back), notBack));
            }
            return results;
        } finally {
            sampler.shutdownNow();
            if (node != null) {
                node.close();
            }
            javaClients.forEach(JavaClient::close);
            proxies.values().forEach(FaultProxy::close);
        }
    }
}
