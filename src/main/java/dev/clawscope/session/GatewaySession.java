package dev.clawscope.session;

import dev.clawscope.Version;
import dev.clawscope.chaos.Fault;
import dev.clawscope.chaos.FaultEvent;
import dev.clawscope.chaos.FaultProxy;
import dev.clawscope.journal.Journal;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.RedactionRules;
import dev.clawscope.journal.Source;
import dev.clawscope.journal.Subscription;
import dev.clawscope.link.DeviceTokenStore;
import dev.clawscope.link.GatewayAddress;
import dev.clawscope.link.GatewayLink;
import dev.clawscope.link.LinkConfig;
import dev.clawscope.link.LinkHistory;
import dev.clawscope.link.LinkState;
import dev.clawscope.link.LinkStatus;
import dev.clawscope.observe.PeerFault;
import dev.clawscope.operator.Operator;
import dev.clawscope.proof.BundleInfo;
import dev.clawscope.proof.PngRenderer;
import dev.clawscope.proof.ProofBundle;
import dev.clawscope.protocol.ClientId;
import dev.clawscope.protocol.ClientInfo;
import dev.clawscope.protocol.ClientMode;
import dev.clawscope.protocol.DeviceIdentity;
import dev.clawscope.protocol.DeviceIdentityStore;
import dev.clawscope.protocol.Secret;
import dev.clawscope.settings.FileDeviceTokenStore;
import dev.clawscope.sim.SimConfig;
import dev.clawscope.sim.SimGateway;
import java.io.IOException;
import java.net.InetAddress;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * One gateway's session, without any toolkit: what the inspector window and the tray drive for one
 * source. One journal for the whole session, the
 * link (recreated on demand, into the same journal), an optional fault proxy the link connects
 * through, and for the demo an embedded simulator. Every method may block briefly (a fault is in
 * force when {@link #inject} returns; export writes files), so callers keep it off a UI thread.
 */
public final class GatewaySession implements SourceSession {

    /** How the demo simulator ticks: often enough that heartbeats show within seconds. */
    public static final Duration DEMO_TICK = Duration.ofSeconds(2);
    /** Read and write, and what the tray's approvals need; a gateway grants what it allows. */
    public static final List<String> SCOPES = List.of("operator.read", "operator.write", Operator.PAIRING_SCOPE,
            Operator.APPROVALS_SCOPE);

    private static final List<FaultOption> FAULTS = List.of(
            FaultOption.of("fault-blackhole-30", "Blackhole 30 s", "blackhole 30s", FaultOption.Section.BYTES),
            FaultOption.of("fault-blackhole-90", "Blackhole 90 s", "blackhole 90s", FaultOption.Section.BYTES),
            FaultOption.of("fault-reset", "Reset connections", "reset", FaultOption.Section.BYTES),
            FaultOption.of("fault-delay", "Delay 2 s", "delay 2000", FaultOption.Section.BYTES),
            FaultOption.of("fault-jitter", "Jitter 0–2 s", "delay 0-2000", FaultOption.Section.BYTES),
            FaultOption.of("fault-refuse", "Refuse 20 s", "refuse 20s", FaultOption.Section.BYTES),
            FaultOption.of("fault-heal", "Heal", "heal", FaultOption.Section.HEAL));

    private final GatewayChoice choice;
    private final LinkTuning tuning;
    private final Journal journal;
    private final SimGateway sim;
    private final FaultProxy proxy;
    private final GatewayAddress linkAddress;
    private final Secret token;
    private final DeviceIdentity identity;
    private final DeviceTokenStore tokens;
    private final String clientName;
    private final Source source;
    /** Written under this, read anywhere: a reader never waits for a recreate to finish. */
    private volatile GatewayLink link;
    /** Written under this, read anywhere; recreated with the link. */
    private volatile Operator operator;
    /** Guarded by this: what the links before the current one did, added up. */
    private LinkHistory earlierLinks = LinkHistory.NONE;
    /** Written under this: retries the links before the current one scheduled. */
    private volatile long earlierReconnects;
    /** Guarded by this. */
    private boolean closed;
    /** Guards the status listeners' link subscriptions; never held across a dispose, so a UI thread may take it. */
    private final Object statusLock = new Object();
    private final List<StatusListener> statusListeners = new CopyOnWriteArrayList<>();
    private final Subscription faultEvents;

    private GatewaySession(GatewayChoice choice, LinkTuning tuning, Journal journal, SimGateway sim,
            FaultProxy proxy, GatewayAddress linkAddress, Secret token, DeviceIdentity identity,
            DeviceTokenStore tokens, String clientName) {
        this.choice = choice;
        this.tuning = tuning;
        this.journal = journal;
        this.sim = sim;
        this.proxy = proxy;
        this.linkAddress = linkAddress;
        this.token = token;
        this.identity = identity;
        this.tokens = tokens;
        this.clientName = clientName;
        this.source = sim == null ? Source.gatewayLink(clientName, choice.label())
                : Source.simulatorLink("demo", clientName, gatewayLabel());
        // A timed fault that runs out heals by itself; the timeline shows that as its own event.
        this.faultEvents = proxy == null ? () -> { } : proxy.addListener(event -> {
            if (event.cause() == FaultEvent.Cause.EXPIRED) {
                journal.append(journal.highestGen(), new LinkEvent.FaultInjected("heal"));
            }
        });
        this.link = newLink();
        this.operator = new Operator(link, journal);
    }

    /**
     * Opens a session: starts the demo simulator when {@code choice} is the demo, and a fault
     * proxy in front of the gateway when {@code faultInjection} is on. The link is created, not
     * connected.
     *
     * @param settingsDir where the device identity and device tokens live
     */
    public static GatewaySession open(GatewayChoice choice, boolean faultInjection, LinkTuning tuning,
            Path settingsDir) throws IOException {
        return open(choice, faultInjection, tuning, "Clawscope inspector", settingsDir);
    }

    /** As {@link #open(GatewayChoice, boolean, LinkTuning, Path)}, naming the client {@code clientName}. */
    public static GatewaySession open(GatewayChoice choice, boolean faultInjection, LinkTuning tuning,
            String clientName, Path settingsDir) throws IOException {
        Objects.requireNonNull(choice, "choice");
        Objects.requireNonNull(tuning, "tuning");
        Journal journal = new Journal();
        SimGateway sim = null;
        FaultProxy proxy = null;
        try {
            GatewayAddress target;
            Secret token;
            if (choice instanceof GatewayChoice.Demo) {
                String demoToken = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
                sim = SimGateway.start(SimConfig.defaults(demoToken).withTickInterval(DEMO_TICK));
                target = GatewayAddress.parse(sim.url().toString(), false);
                token = Secret.of(demoToken);
            } else {
                GatewayChoice.Remote remote = (GatewayChoice.Remote) choice;
                target = remote.address();
                token = remote.token();
            }
            GatewayAddress linkAddress = target;
            if (faultInjection || sim != null) {
                proxy = startProxy(target);
                linkAddress = GatewayAddress.parse("ws://127.0.0.1:" + proxy.listenAddress().getPort()
                        + target.uri().getRawPath(), false);
            }
            DeviceIdentity identity = DeviceIdentityStore.loadOrCreate(settingsDir);
            return new GatewaySession(choice, tuning, journal, sim, proxy, linkAddress, token, identity,
                    new FileDeviceTokenStore(settingsDir), clientName);
        } catch (IOException | RuntimeException e) {
            if (proxy != null) {
                proxy.close();
            }
            if (sim != null) {
                sim.close();
            }
            journal.close();
            throw e;
        }
    }

    private static FaultProxy startProxy(GatewayAddress target) throws IOException {
        if (target.uri().getScheme().equals("wss")) {
            throw new IOException("fault injection needs a ws:// gateway; a TLS gateway is connected to directly");
        }
        int port = target.uri().getPort() > 0 ? target.uri().getPort() : GatewayAddress.DEFAULT_PORT;
        return FaultProxy.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new InetSocketAddress(target.uri().getHost(), port));
    }

    private GatewayLink newLink() {
        ClientInfo client = ClientInfo.of(ClientId.CLI, ClientMode.CLI, Version.get(), ClientInfo.currentPlatform())
                .withDisplayName(clientName);
        LinkConfig config = tuning.apply(LinkConfig.defaults(linkAddress, token, client, SCOPES));
        return GatewayLink.create(config, journal, identity, tokens, Optional.empty());
    }

    public GatewayChoice choice() {
        return choice;
    }

    public boolean isDemo() {
        return sim != null;
    }

    /** Whether faults can be injected (the link runs through the proxy). */
    public boolean faultInjection() {
        return proxy != null;
    }

    public LinkTuning tuning() {
        return tuning;
    }

    /** The gateway as shown to people: the demo simulator's address, or the gateway's URL without its query. */
    public String gatewayLabel() {
        return sim == null ? choice.label() : "embedded simulator on " + sim.url();
    }

    /** The gateway as shown to people ({@link #gatewayLabel()}). */
    @Override
    public String label() {
        return gatewayLabel();
    }

    /** Where the gateway came from (the settings, the local OpenClaw config, the demo's reason). */
    @Override
    public String origin() {
        return choice.origin();
    }

    /** Whose journal this session keeps: this app's link to the gateway; what the window and a bundle name. */
    @Override
    public Source source() {
        return source;
    }

    @Override
    public Journal journal() {
        return journal;
    }

    /** The demo simulator, when this is the demo. */
    public Optional<SimGateway> sim() {
        return Optional.ofNullable(sim);
    }

    /** Approvals and the gateway glance for the current link. */
    public Operator operator() {
        return operator;
    }

    /** What is true of the current link now, its reconnects counted over the whole session. */
    public LinkStatus status() {
        return sessionWide(link.status());
    }

    /**
     * Hands {@code listener} the current link's status through {@code executor} (which must run
     * tasks in order), then every later one that is still the latest, following a recreated link.
     */
    public Subscription onStatus(String name, Executor executor, Consumer<LinkStatus> listener) {
        StatusListener subscriber = new StatusListener(name, executor, listener);
        synchronized (statusLock) {
            statusListeners.add(subscriber);
            subscriber.follow(link);
        }
        return () -> {
            statusListeners.remove(subscriber);
            subscriber.release();
        };
    }

    private LinkStatus sessionWide(LinkStatus status) {
        long earlier = earlierReconnects;
        return earlier == 0 ? status : status.withReconnects(status.reconnects() + earlier);
    }

    /** A session's status listener: subscribed to one link at a time. */
    private final class StatusListener {
        private final String name;
        private final Executor executor;
        private final Consumer<LinkStatus> listener;
        /** Guarded by statusLock. */
        private Subscription current = Subscription.NONE;
        private volatile boolean released;

        StatusListener(String name, Executor executor, Consumer<LinkStatus> listener) {
            this.name = Objects.requireNonNull(name, "name");
            this.executor = Objects.requireNonNull(executor, "executor");
            this.listener = Objects.requireNonNull(listener, "listener");
        }

        void follow(GatewayLink next) {
            current.close();
            current = next.onStatus(name, executor, status -> {
                if (!released) {
                    listener.accept(sessionWide(status));
                }
            });
        }

        void release() {
            released = true;
            synchronized (statusLock) {
                current.close();
            }
        }
    }

    /**
     * The gateway's Control UI: the URL hello-ok names, else http on the gateway's own host and
     * port (never the fault proxy's).
     */
    public Optional<String> dashboardUrl() {
        Optional<String> fromHello = link.currentHello().map(h -> h.controlUiUrl()).filter(u -> u != null && !u.isBlank());
        if (fromHello.isPresent()) {
            return fromHello;
        }
        java.net.URI target = sim != null ? sim.url() : ((GatewayChoice.Remote) choice).address().uri();
        int port = target.getPort() > 0 ? target.getPort() : GatewayAddress.DEFAULT_PORT;
        String scheme = target.getScheme().equals("wss") ? "https" : "http";
        String host = target.getHost().contains(":") ? "[" + target.getHost() + "]" : target.getHost();
        return Optional.of(scheme + "://" + host + ":" + port + "/");
    }

    public LinkState state() {
        return link.state();
    }

    public synchronized void connect() {
        requireOpen();
        link.connect();
    }

    public synchronized void disconnect() {
        requireOpen();
        link.disconnect();
    }

    /** Drops the current connection or wait and connects at once, as a user's explicit retry. */
    public synchronized void reconnectNow() {
        requireOpen();
        link.disconnect();
        link.connect();
    }

    /** Disposes the link and creates a new one in its place, connected when the old one was wanted. */
    public synchronized void recreateLink() {
        requireOpen();
        LinkState before = link.state();
        operator.close();
        link.dispose();
        earlierLinks = earlierLinks.then(link.history());
        earlierReconnects += link.status().reconnects();
        link = newLink();
        operator = new Operator(link, journal);
        synchronized (statusLock) {
            for (StatusListener listener : statusListeners) {
                listener.follow(link);
            }
        }
        if (before != LinkState.IDLE && before != LinkState.DISCONNECTED) {
            link.connect();
        }
    }

    /** The fault proxy's faults, when the link runs through it: blackholes, a reset, a delay, refusal, heal. */
    @Override
    public List<FaultOption> faults() {
        return proxy == null ? List.of() : FAULTS;
    }

    /**
     * Puts one of {@link #faults()} in force.
     *
     * @throws IllegalArgumentException for a fault only an observer can inject
     */
    @Override
    public void inject(FaultOption option) {
        if (!(option.fault() instanceof PeerFault.Bytes bytes)) {
            throw new IllegalArgumentException(option.fault().kind() + " needs an observed client; this is a link");
        }
        inject(bytes.fault());
    }

    /** Journals {@code fault_injected{kind}} and puts the fault in force. */
    public synchronized void inject(Fault fault) {
        requireOpen();
        if (proxy == null) {
            throw new IllegalStateException("fault injection is off for this gateway");
        }
        journal.append(journal.highestGen(), new LinkEvent.FaultInjected(fault.kind()));
        proxy.apply(fault);
    }

    /** Writes a redacted proof bundle of everything journaled so far into {@code dir}. */
    @Override
    public ProofBundle exportProof(Path dir, PngRenderer png, RedactionRules rules) throws IOException {
        LinkHistory history;
        synchronized (this) {
            history = earlierLinks.then(link.history());
        }
        Journal.Kept kept = journal.kept();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("gateway", isDemo() ? "embedded demo simulator" : choice.origin());
        settings.put("fault injection", proxy == null ? "off" : "through an embedded fault proxy");
        settings.put("ws ping", tuning.wsPing().toMillis() + " ms, pong deadline " + tuning.pongDeadline().toMillis()
                + " ms");
        settings.put("probe", "health every " + tuning.probeInterval().toMillis() + " ms when allowed");
        settings.put("backoff", tuning.backoff());
        return SessionBundle.write(dir, png, rules, kept.entries(),
                new BundleInfo("inspector", gatewayLabel(), settings, List.of()).withLink(history, kept.dropped())
                        .withSource(source));
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the session is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            operator.close();
            link.dispose();
        } finally {
            faultEvents.close();
            for (StatusListener listener : statusListeners) {
                listener.release();
            }
            if (proxy != null) {
                proxy.close();
            }
            if (sim != null) {
                sim.close();
            }
            journal.close();
        }
    }

    @Override
    public String toString() {
        return "the session of " + source.displayName();
    }
}
