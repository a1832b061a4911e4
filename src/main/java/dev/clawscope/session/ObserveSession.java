package dev.clawscope.session;

import dev.clawscope.journal.Journal;
import dev.clawscope.journal.RedactionRules;
import dev.clawscope.journal.Source;
import dev.clawscope.journal.Subscription;
import dev.clawscope.link.GatewayAddress;
import dev.clawscope.link.StatusPublisher;
import dev.clawscope.observe.ObserveRoute;
import dev.clawscope.observe.Observer;
import dev.clawscope.proof.BundleInfo;
import dev.clawscope.proof.PngRenderer;
import dev.clawscope.proof.ProofBundle;
import dev.clawscope.protocol.Secret;
import dev.clawscope.sim.SimConfig;
import dev.clawscope.sim.SimGateway;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * One observed client's session, without any toolkit: an {@link Observer} on loopback between the
 * client under test and a gateway or, for {@code sim}, an embedded simulator started for the session
 * (its token generated here, for the user to give the client). One journal for the session; the
 * client's current {@link ObservedStatus} follows it. The window, like {@code clawscope observe},
 * takes one of these per observed client.
 *
 * <p>Threads: the observer's, the simulator's, and one journal subscriber ({@code
 * journal-subscriber-N}) that keeps the status. Methods may block briefly (a fault is in force when
 * {@link #inject} returns; export writes files): callers keep them off a UI thread.
 */
public final class ObserveSession implements SourceSession {

    private static final List<FaultOption> FAULTS = List.of(
            FaultOption.of("fault-freeze", "Freeze until healed", "freeze", FaultOption.Section.PROTOCOL),
            FaultOption.of("fault-freeze-60", "Freeze 60 s", "freeze 60s", FaultOption.Section.PROTOCOL),
            FaultOption.of("fault-stall-upgrade", "Stall the next upgrade", "stall-upgrade 1",
                    FaultOption.Section.PROTOCOL),
            FaultOption.of("fault-drop-pongs", "Drop pongs 60 s", "drop-pongs 60s", FaultOption.Section.PROTOCOL),
            FaultOption.of("fault-restart", "Restart, back in 5 s", "restart 5000", FaultOption.Section.PROTOCOL),
            FaultOption.of("fault-unavailable", "Unavailable, retry after 5 s", "unavailable 5000",
                    FaultOption.Section.PROTOCOL),
            FaultOption.of("fault-auth-reject", "Reject the next connect (auth)", "auth-reject",
                    FaultOption.Section.PROTOCOL),
            FaultOption.of("fault-blackhole-30", "Blackhole 30 s", "blackhole 30s", FaultOption.Section.BYTES),
            FaultOption.of("fault-reset", "Reset connections", "reset", FaultOption.Section.BYTES),
            FaultOption.of("fault-delay", "Delay 2 s", "delay 2000", FaultOption.Section.BYTES),
            FaultOption.of("fault-jitter", "Jitter 0–2 s", "delay 0-2000", FaultOption.Section.BYTES),
            FaultOption.of("fault-refuse", "Refuse 20 s", "refuse 20s", FaultOption.Section.BYTES),
            FaultOption.of("fault-heal", "Heal", "heal", FaultOption.Section.HEAL));

    private final ObserveRoute route;
    private final String origin;
    private final Journal journal;
    private final SimGateway sim;
    private final Secret simToken;
    private final Observer observer;
    private final ObservedStatusTracker tracker = new ObservedStatusTracker();
    private final StatusPublisher<ObservedStatus> status = new StatusPublisher<>(ObservedStatus.NONE);
    private final Subscription following;
    /** Guarded by this. */
    private boolean closed;

    private ObserveSession(ObserveRoute route, String origin, Journal journal, SimGateway sim, Secret simToken,
            Observer observer) {
        this.route = route;
        this.origin = origin;
        this.journal = journal;
        this.sim = sim;
        this.simToken = simToken;
        this.observer = observer;
        this.following = journal.subscribeWithBacklog("observed-status", entry -> {
            if (tracker.accept(entry)) {
                status.publish(tracker.status());
            }
        });
    }

    /**
     * Starts observing: the simulator first when the route's target is {@code sim}, then the
     * observer on the route's listen address.
     *
     * @param origin where the route came from, e.g. {@code the start option --observe}
     * @throws IllegalArgumentException for a {@code wss://} target, which the window does not relay
     * @throws IOException if the listen address cannot be bound, the simulator cannot start or the
     *                     target's host cannot be resolved
     */
    public static ObserveSession open(ObserveRoute route, String origin) throws IOException {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(origin, "origin");
        if (route.gateway().map(GatewayAddress::secure).orElse(false)) {
            throw new IllegalArgumentException("the window relays to a ws:// gateway or the embedded simulator; "
                    + "observe a wss:// gateway with clawscope observe");
        }
        Journal journal = new Journal();
        SimGateway sim = null;
        Observer observer = null;
        try {
            InetSocketAddress upstream;
            Secret token = null;
            if (route.sim()) {
                token = Secret.of(HexFormat.of().formatHex(new SecureRandom().generateSeed(16)));
                sim = SimGateway.start(SimConfig.defaults(token.reveal()));
                upstream = new InetSocketAddress("127.0.0.1", sim.port());
            } else {
                GatewayAddress gateway = route.gateway().orElseThrow();
                String host = gateway.uri().getHost();
                upstream = new InetSocketAddress(host.startsWith("[") ? host.substring(1, host.length() - 1) : host,
                        gateway.uri().getPort());
                if (upstream.isUnresolved()) {
                    throw new IOException("cannot resolve the target's host " + host);
                }
            }
            Observer.Settings settings = new Observer.Settings(route.listen(), upstream, route.target());
            if (sim != null) {
                SimGateway gateway = sim;
                settings = settings.withRestartHook(ms -> gateway.restart(Duration.ofMillis(ms), Duration.ofMillis(ms),
                        Duration.ZERO));
            }
            observer = Observer.start(settings, journal);
            return new ObserveSession(route, origin, journal, sim, token, observer);
        } catch (IOException | RuntimeException e) {
            if (observer != null) {
                observer.close();
            }
            if (sim != null) {
                sim.close();
            }
            journal.close();
            throw e;
        }
    }

    public ObserveRoute route() {
        return route;
    }

    /** The URL to give the client under test, e.g. {@code ws://127.0.0.1:18790}. */
    public String clientUrl() {
        return observer.clientUrl();
    }

    /** The embedded simulator's token, for the user to give the client; empty against a gateway. */
    public Optional<Secret> simToken() {
        return Optional.ofNullable(simToken);
    }

    /** The embedded simulator, when the target is {@code sim}. */
    public Optional<SimGateway> sim() {
        return Optional.ofNullable(sim);
    }

    /** Where the observer relays to, as people read it: the gateway, or the simulator and its address. */
    public String targetLabel() {
        return sim == null ? route.target() : "the embedded simulator on ws://127.0.0.1:" + sim.port();
    }

    /** The observer's source: {@code observe:TARGET}, named by the client URL and the target. */
    @Override
    public Source source() {
        return observer.source();
    }

    @Override
    public Journal journal() {
        return journal;
    }

    @Override
    public String origin() {
        return origin;
    }

    /** {@code client observed on ws://127.0.0.1:18790 → sim}. */
    @Override
    public String label() {
        return observer.source().displayName();
    }

    /** What is true of the observed client now. */
    public ObservedStatus status() {
        return status.current();
    }

    /**
     * Hands {@code listener} the current status through {@code executor} (which must run tasks in
     * order), then every later one that is still the latest when its turn comes.
     */
    public Subscription onStatus(String name, Executor executor, Consumer<ObservedStatus> listener) {
        return status.subscribe(name, executor, listener);
    }

    /** The observer's faults, then the fault proxy's, then heal. */
    @Override
    public List<FaultOption> faults() {
        return FAULTS;
    }

    /** Journals {@code fault_injected{kind}} and puts the fault in force; it is when this returns. */
    @Override
    public synchronized void inject(FaultOption fault) {
        if (closed) {
            throw new IllegalStateException("the session is closed");
        }
        observer.apply(fault.fault());
    }

    /** Writes the observed client's redacted proof bundle into {@code dir}: its summary names the client. */
    @Override
    public ProofBundle exportProof(Path dir, PngRenderer png, RedactionRules rules) throws IOException {
        Journal.Kept kept = journal.kept();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("client URL", observer.clientUrl());
        settings.put("target", sim == null ? route.target() : "sim (embedded simulator, real gateway defaults)");
        if (sim != null) {
            settings.put("simulator token", "generated for this session");
            settings.put("restart", "restarts the simulator itself");
        }
        return SessionBundle.write(dir, png, rules, kept.entries(),
                new BundleInfo("inspector", route.target(), settings, List.of(), Optional.empty(), kept.dropped())
                        .withSource(observer.source()));
    }

    /**
     * Closes the observer (its last lines reach the journal), the simulator and the journal, bounded
     * by the observer's own wait for its decoding thread. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            observer.close();
        } finally {
            if (sim != null) {
                sim.close();
            }
            following.close();
            journal.close();
        }
    }

    @Override
    public String toString() {
        return "the session of " + observer.source().displayName();
    }
}
