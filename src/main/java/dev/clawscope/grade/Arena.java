package dev.clawscope.grade;

import dev.clawscope.journal.Journal;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.observe.Observer;
import dev.clawscope.observe.PeerFault;
import dev.clawscope.proof.BundleInfo;
import dev.clawscope.sim.SimConfig;
import dev.clawscope.sim.SimGateway;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one check runs on: its own simulator (a fresh token, the real gateway's method list
 * advertised), its own {@link Observer} in front of it with a journal of its own, the client's
 * processes and their {@code client.log}. The observer's {@code restart} drives the simulator's own
 * restart. Closing stops the processes first, so that their last connections are journaled, then
 * drains the observer.
 */
final class Arena implements AutoCloseable {

    /** How long a stopped client has between SIGTERM and the kill. */
    static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(Arena.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CheckId id;
    private final GradeContext context;
    private final String token;
    private final SimGateway sim;
    private final Journal journal;
    private final Observer observer;
    private final Recorder recorder;
    private final List<ClientProcess> clients = new ArrayList<>();
    private final List<String> secrets = new ArrayList<>();
    private ClientLog log;
    private boolean closed;

    private Arena(CheckId id, GradeContext context, String token, SimGateway sim, Journal journal, Observer observer) {
        this.id = id;
        this.context = context;
        this.token = token;
        this.sim = sim;
        this.journal = journal;
        this.observer = observer;
        this.recorder = new Recorder(journal, "grade-" + id.id());
        secrets.add(token);
    }

    static Arena open(CheckId id, GradeContext context) throws IOException {
        String token = newToken();
        SimGateway sim = SimGateway.start(SimConfig.defaults(token).withAdvertisedMethods(GatewayMethods.all()));
        Journal journal = new Journal();
        try {
            Observer.Settings settings = new Observer.Settings(new InetSocketAddress("127.0.0.1", 0),
                    new InetSocketAddress("127.0.0.1", sim.port()), sim.url().toString())
                    .withRestartHook(ms -> sim.restart(Duration.ofMillis(ms), Duration.ofMillis(ms), Duration.ZERO));
            return new Arena(id, context, token, sim, journal, Observer.start(settings, journal));
        } catch (IOException | RuntimeException e) {
            journal.close();
            sim.close();
            throw e;
        }
    }

    /** A random token, 48 hex digits. */
    static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    Recorder recorder() {
        return recorder;
    }

    GradeContext context() {
        return context;
    }

    String url() {
        return observer.clientUrl();
    }

    /** Starts one more copy of the client with the simulator's token. */
    ClientProcess launch() throws IOException {
        return launch(token);
    }

    /** Starts one more copy of the client presenting {@code clientToken}. */
    synchronized ClientProcess launch(String clientToken) throws IOException {
        if (!secrets.contains(clientToken)) {
            secrets.add(clientToken);
        }
        if (log == null) {
            log = new ClientLog(context.out().resolve(id.id()).resolve("client.log"), context.redactor(), secrets,
                    context.maxLogBytes());
        }
        int n = clients.size() + 1;
        String line = context.command().render(url(), clientToken);
        ClientProcess process = ClientProcess.start(line, ClientCommand.environment(url(), clientToken), log,
                "grade-" + id.id() + "-client-" + n, id == CheckId.JITTERED_RECONNECTS ? "[" + n + "] " : "");
        process.onExit(recorder::poke);
        clients.add(process);
        return process;
    }

    /** Whether every client process has ended (none started counts as ended). */
    synchronized boolean clientsGone() {
        return clients.stream().noneMatch(ClientProcess::alive);
    }

    /** The exit codes of the processes that have ended, as text, e.g. {@code exited with 1}. */
    synchronized String exits() {
        List<String> codes = clients.stream().filter(p -> !p.alive())
                .map(p -> String.valueOf(p.exitCode().orElse(-1))).toList();
        if (codes.isEmpty()) {
            return "";
        }
        return clients.size() == 1 ? "the client exited with code " + codes.get(0)
                : codes.size() + " of " + clients.size() + " copies exited (codes " + String.join(", ", codes) + ")";
    }

    /** SIGTERM to every client process tree, without waiting. */
    synchronized void terminateClients() {
        clients.forEach(ClientProcess::terminate);
    }

    void apply(PeerFault fault) {
        observer.apply(fault);
    }

    /** Whether the client opened any connection. */
    boolean connected() {
        return !recorder.all(LinkEvent.PeerConnect.class, 0, c -> true).isEmpty();
    }

    /**
     * Stops the clients (SIGTERM, killed after {@link #STOP_GRACE}), drains the observer and writes
     * the check's redacted proof bundle into {@code DIR/<id>/}; returns why the bundle is incomplete,
     * if it is.
     */
    Optional<String> finish(Map<String, String> settings) throws IOException {
        stopEverything();
        Journal.Kept kept = journal.kept();
        BundleInfo info = new BundleInfo("grade " + id.id(), sim.url().toString(), settings, List.of(),
                Optional.empty(), kept.dropped(), Optional.of(observer.source()));
        return Bundles.export(context, context.out().resolve(id.id()), kept.entries(), info);
    }

    private synchronized void stopEverything() {
        if (closed) {
            return;
        }
        closed = true;
        List<Thread> stoppers = new ArrayList<>();
        for (ClientProcess client : clients) {
            Thread t = new Thread(() -> client.stop(STOP_GRACE), "grade-" + id.id() + "-stop-" + client.pid());
            t.setDaemon(true);
            t.start();
            stoppers.add(t);
        }
        for (Thread t : stoppers) {
            try {
                t.join(STOP_GRACE.toMillis() + 10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        observer.close();
        if (log != null) {
            log.close();
        }
    }

    @Override
    public void close() {
        try {
            stopEverything();
        } catch (RuntimeException e) {
            LOG.warn("stopping the check {} failed", id, e);
        }
        recorder.close();
        journal.close();
        sim.close();
    }
}
