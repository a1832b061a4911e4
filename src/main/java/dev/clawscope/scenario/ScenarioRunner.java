package dev.clawscope.scenario;

import dev.clawscope.Version;
import dev.clawscope.chaos.FaultProxy;
import dev.clawscope.journal.Journal;
import dev.clawscope.journal.JournalClock;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.Source;
import dev.clawscope.journal.Subscription;
import dev.clawscope.link.DeviceTokenStore;
import dev.clawscope.link.GatewayAddress;
import dev.clawscope.link.GatewayLink;
import dev.clawscope.link.LinkConfig;
import dev.clawscope.link.LinkHistory;
import dev.clawscope.link.LinkState;
import dev.clawscope.protocol.ClientId;
import dev.clawscope.protocol.ClientInfo;
import dev.clawscope.protocol.ClientMode;
import dev.clawscope.protocol.DeviceIdentity;
import dev.clawscope.protocol.Secret;
import dev.clawscope.sim.PairingMode;
import dev.clawscope.sim.SimGateway;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Runs a {@link Scenario} in real time: starts the simulator (or points at a real gateway), puts a
 * {@link FaultProxy} in front of it, runs one {@link GatewayLink} through the proxy and executes the
 * steps in order, stopping at the first check that fails. Everything is torn down before
 * {@link #run} returns, the link's disposal included, which the returned journal shows.
 */
public final class ScenarioRunner {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final Duration RACE_STEP_WAIT = Duration.ofSeconds(5);
    private static final List<String> SCOPES = List.of("operator.read");

    /**
     * Runs {@code scenario} against {@code target}.
     *
     * @throws IllegalArgumentException if the scenario needs the simulator and {@code target} is a real gateway
     * @throws IOException if the simulator or the proxy cannot start
     */
    public ScenarioResult run(Scenario scenario, GatewayTarget target, ScenarioListener listener) throws IOException {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(listener, "listener");
        if (target instanceof GatewayTarget.Remote && scenario.needsSimulator()) {
            throw new IllegalArgumentException("scenario " + scenario.name() + " drives the simulator ("
                    + String.join("; ", scenario.simulatorSteps().stream().map(Step::text).toList())
                    + ") and cannot run against a real gateway; use --gateway sim");
        }
        try (Setup setup = Setup.start(scenario, target, listener)) {
            return new Run(scenario, setup, listener).execute();
        }
    }

    /** The gateway, the proxy, the journal and the link of one run; closing tears all of them down. */
    private static final class Setup implements AutoCloseable {
        final SimGateway sim;
        final FaultProxy proxy;
        final Journal journal;
        final Subscription printing;
        final LinkConfig config;
        final GatewayLink link;
        /** The link to the gateway the scenario targets (not to the proxy in front of it). */
        final Source source;

        private Setup(SimGateway sim, FaultProxy proxy, Journal journal, Subscription printing, LinkConfig config,
                      GatewayLink link, Source source) {
            this.sim = sim;
            this.proxy = proxy;
            this.journal = journal;
            this.printing = printing;
            this.config = config;
            this.link = link;
            this.source = source;
        }

        static Setup start(Scenario scenario, GatewayTarget target, ScenarioListener listener) throws IOException {
            SimGateway sim = null;
            FaultProxy proxy = null;
            try {
                Secret token;
                InetSocketAddress upstream;
                String path = "/";
                if (target instanceof GatewayTarget.Remote remote) {
                    token = remote.token();
                    upstream = new InetSocketAddress(remote.address().uri().getHost(), remote.address().uri().getPort());
                    path = remote.address().uri().getRawPath();
                } else {
                    byte[] bytes = new byte[12];
                    new SecureRandom().nextBytes(bytes);
                    String secret = "scenario-" + HexFormat.of().formatHex(bytes);
                    sim = SimGateway.start(scenario.sim().toConfig(secret));
                    token = Secret.of(secret);
                    upstream = new InetSocketAddress(InetAddress.getLoopbackAddress(), sim.port());
                    listener.onNote("simulated gateway on " + sim.url() + " (" + describe(scenario.sim()) + ")");
                }
                proxy = FaultProxy.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), upstream);
                listener.onNote("fault proxy 127.0.0.1:" + proxy.listenAddress().getPort() + " -> "
                        + upstream.getHostString() + ":" + upstream.getPort());
                GatewayAddress address = GatewayAddress.parse(
                        "ws://127.0.0.1:" + proxy.listenAddress().getPort() + path, false);
                ClientInfo client = ClientInfo.of(ClientId.CLI, ClientMode.CLI, Version.get(), ClientInfo.currentPlatform())
                        .withDisplayName("Clawscope scenario " + scenario.name());
                LinkConfig config = scenario.link().apply(LinkConfig.defaults(address, token, client, SCOPES));
                listener.onNote("link " + scenario.link());
                Journal journal = new Journal(Journal.DEFAULT_CAPACITY, Journal.DEFAULT_QUEUE_CAPACITY, LINK_CLOCK);
                Subscription printing = journal.subscribe("scenario-listener", listener::onEntry);
                GatewayLink link = GatewayLink.create(config, journal, DeviceIdentity.generate(),
                        DeviceTokenStore.inMemory(), Optional.empty());
                String name = client.displayName();
                Source source = target instanceof GatewayTarget.Remote remote
                        ? Source.gatewayLink(name, remote.address().display())
                        : Source.simulatorLink("sim", name, "embedded simulator on " + sim.url());
                return new Setup(sim, proxy, journal, printing, config, link, source);
            } catch (IOException | RuntimeException e) {
                if (proxy != null) {
                    proxy.close();
                }
                if (sim != null) {
                    sim.close();
                }
                throw e;
            }
        }

        @Override
        public void close() {
            try {
                link.dispose();
                journal.close();
            } finally {
                proxy.close();
                if (sim != null) {
                    sim.close();
                }
            }
        }
    }

    /** Stamps scenario entries on the link's own clock ({@code System.nanoTime}), so mono_ms values compare. */
    private static final JournalClock LINK_CLOCK = new JournalClock() {
        @Override
        public double monoMs() {
            return System.nanoTime() / 1_000_000.0;
        }

        @Override
        public Instant now() {
            return Instant.now();
        }
    };

    private static String describe(SimSettings sim) {
        return "tick " + sim.tick().toMillis() + " ms, server ping " + sim.wsPing().toMillis() + " ms, pairing "
                + sim.pairing().name().toLowerCase(Locale.ROOT) + ", startup " + sim.startup().toMillis() + " ms";
    }

    /** One execution of the steps; lives on the caller's thread. */
    private static final class Run {
        private final Scenario scenario;
        private final Setup setup;
        private final ScenarioListener listener;
        private final List<ScenarioResult.StepTiming> timings = new ArrayList<>();
        private final long startNanos = System.nanoTime();
        /** Awaits look at entries after this seq: the last action's start or the last awaited entry. */
        private long cursor;
        /** What the links of {@code dispose_race} steps did, added up. */
        private LinkHistory raced = LinkHistory.NONE;

        Run(Scenario scenario, Setup setup, ScenarioListener listener) {
            this.scenario = scenario;
            this.setup = setup;
            this.listener = listener;
        }

        ScenarioResult execute() {
            Optional<String> failure = Optional.empty();
            List<Step> steps = scenario.steps();
            for (int i = 0; i < steps.size() && failure.isEmpty(); i++) {
                Step step = steps.get(i);
                Duration start = elapsed();
                listener.onStep(i + 1, steps.size(), step, start, scenario.budget());
                Optional<String> problem;
                try {
                    problem = perform(step);
                } catch (RuntimeException e) {
                    problem = Optional.of("error: " + e.getMessage());
                }
                timings.add(new ScenarioResult.StepTiming(i + 1, step.text(), start, elapsed().minus(start)));
                int index = i + 1;
                failure = problem.map(why -> "step " + index + " '" + step.text() + "': " + why);
            }
            Duration took = elapsed();
            setup.link.dispose();
            setup.journal.close();
            Journal.Kept kept = setup.journal.kept();
            return new ScenarioResult(scenario, failure, kept.entries(), took, timings,
                    raced.then(setup.link.history()), kept.dropped(), setup.source);
        }

        private Optional<String> perform(Step step) {
            if (step instanceof Step.Check check) {
                return check(check);
            }
            if (step instanceof Step.Await await) {
                return await(await);
            }
            if (step instanceof Step.Wait wait) {
                LockSupport.parkNanos(wait.duration().toNanos());
                return Optional.empty();
            }
            cursor = lastSeq();
            // Journaled before acting, so measurements from it never make the link look faster than it was.
            if (step instanceof Step.Connect) {
                setup.link.connect();
            } else if (step instanceof Step.Disconnect) {
                setup.link.disconnect();
            } else if (step instanceof Step.Dispose) {
                setup.link.dispose();
            } else if (step instanceof Step.InjectFault fault) {
                journalFault(fault.fault().kind());
                setup.proxy.apply(fault.fault());
            } else if (step instanceof Step.Sim sim) {
                return simAction(sim);
            } else if (step instanceof Step.DisposeRace race) {
                return disposeRace(race);
            }
            return Optional.empty();
        }

        private Optional<String> check(Step.Check check) {
            if (check instanceof Step.ExpectSim sim) {
                boolean held = eventually(sim.within(), () -> JournalChecks.compare(counter(sim.counter()), sim.op(),
                        sim.value()));
                return held ? Optional.empty() : Optional.of("simulator " + sim.counter().name().toLowerCase(Locale.ROOT)
                        + " is " + counter(sim.counter()) + ", expected " + sim.op() + " " + sim.value()
                        + (sim.within().isZero() ? "" : " within " + sim.within().toMillis() + " ms"));
            }
            return JournalChecks.evaluate(check, setup.journal.snapshot(), setup.link.state());
        }

        private Optional<String> await(Step.Await await) {
            long from = cursor;
            AtomicReference<JournalEntry> found = new AtomicReference<>();
            boolean seen = eventually(await.within(), () -> {
                setup.journal.snapshot().stream().filter(e -> e.seq() > from && await.event().matches(e)).findFirst()
                        .ifPresent(found::set);
                return found.get() != null;
            });
            if (!seen) {
                return Optional.of("no " + await.event() + " within " + await.within().toMillis() + " ms (link "
                        + setup.link.state().wire() + ")");
            }
            cursor = found.get().seq();
            return Optional.empty();
        }

        private Optional<String> simAction(Step.Sim step) {
            SimGateway sim = setup.sim;
            if (step.action() == Step.SimAction.APPROVE_PENDING && sim.pendingPairings().isEmpty()) {
                return Optional.of("no pairing request is pending");
            }
            journalFault(step.action().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            switch (step.action()) {
                case FREEZE -> sim.freeze();
                case UNFREEZE -> sim.unfreeze();
                case KILL -> sim.kill();
                case REVIVE -> sim.revive();
                case STOP -> sim.stop("scenario stop");
                case RESTART -> sim.restart(step.duration(), step.secondDuration(), Duration.ZERO);
                case STARTING -> sim.startupWindow(step.duration());
                case PAIRING -> sim.setPairingMode(PairingMode.valueOf(step.argument().toUpperCase(Locale.ROOT)));
                case SEQ_GAP -> sim.injectSeqGap(Integer.parseInt(step.argument()));
                case APPROVE_PENDING -> sim.pendingPairings().forEach(p -> sim.approvePairing(p.requestId()));
                default -> throw new IllegalStateException("unhandled " + step.action());
            }
            return Optional.empty();
        }

        /** Links that are disposed while connecting or handshaking; each must end cleanly and go quiet. */
        private Optional<String> disposeRace(Step.DisposeRace race) {
            List<Journal> journals = new ArrayList<>();
            try {
                for (int cycle = 0; cycle < race.cycles(); cycle++) {
                    Journal journal = new Journal(10_000, 100, LINK_CLOCK);
                    journals.add(journal);
                    GatewayLink link = GatewayLink.create(setup.config, journal, DeviceIdentity.generate(),
                            DeviceTokenStore.inMemory(), Optional.empty());
                    link.connect();
                    // Vary the moment: at once, once the socket is being opened, once the handshake is under way.
                    LinkState wanted = switch (cycle % 3) {
                        case 0 -> null;
                        case 1 -> LinkState.CONNECTING;
                        default -> LinkState.HANDSHAKING;
                    };
                    if (wanted != null) {
                        eventually(RACE_STEP_WAIT, () -> link.state().ordinal() >= wanted.ordinal());
                    }
                    link.dispose();
                    raced = raced.then(link.history());
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200)); // room for anything that would come late
                for (int cycle = 0; cycle < journals.size(); cycle++) {
                    List<JournalEntry> entries = journals.get(cycle).snapshot();
                    long begins = entries.stream().filter(e -> e.event() instanceof LinkEvent.DisposeBegin).count();
                    long ends = entries.stream().filter(e -> e.event() instanceof LinkEvent.DisposeEnd).count();
                    boolean quiet = !entries.isEmpty()
                            && entries.get(entries.size() - 1).event() instanceof LinkEvent.DisposeEnd;
                    if (begins != 1 || ends != 1 || !quiet) {
                        return Optional.of("cycle " + (cycle + 1) + ": " + begins + " dispose_begin, " + ends
                                + " dispose_end, last entry " + (entries.isEmpty() ? "none"
                                : entries.get(entries.size() - 1).event().type()));
                    }
                    for (JournalEntry e : entries) {
                        setup.journal.append(e.gen(), e.monoMs(), e.ts(), e.event());
                    }
                }
                return Optional.empty();
            } finally {
                journals.forEach(Journal::close);
            }
        }

        private void journalFault(String kind) {
            setup.journal.append(lastGen(), new LinkEvent.FaultInjected(kind));
        }

        private long counter(Step.SimCounter counter) {
            SimGateway sim = setup.sim;
            return switch (counter) {
                case SOCKETS -> sim.openSockets();
                case CONNECTED -> sim.connectedClients();
                case HANDSHAKES -> sim.handshakes();
                case CONNECT_ATTEMPTS -> sim.connectAttempts();
            };
        }

        private long lastSeq() {
            List<JournalEntry> entries = setup.journal.snapshot();
            return entries.isEmpty() ? 0 : entries.get(entries.size() - 1).seq();
        }

        private long lastGen() {
            List<JournalEntry> entries = setup.journal.snapshot();
            return entries.isEmpty() ? 0 : entries.get(entries.size() - 1).gen();
        }

        private Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - startNanos);
        }

        /** Polls {@code condition} until it holds or {@code within} has passed; always checks at least once. */
        private static boolean eventually(Duration within, BooleanSupplier condition) {
            long deadline = System.nanoTime() + within.toNanos();
            while (true) {
                if (condition.getAsBoolean()) {
                    return true;
                }
                if (System.nanoTime() - deadline >= 0) {
                    return false;
                }
                LockSupport.parkNanos(POLL_NANOS);
            }
        }
    }
}
