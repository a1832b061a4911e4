package dev.clawscope.observe;

import dev.clawscope.chaos.Fault;
import dev.clawscope.chaos.FaultEvent;
import dev.clawscope.chaos.FaultProxy;
import dev.clawscope.chaos.ProxyStats;
import dev.clawscope.journal.Journal;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.Source;
import dev.clawscope.journal.Subscription;
import dev.clawscope.protocol.GatewayRejection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A relay on loopback between an OpenClaw client under test and a gateway: relays every byte
 * unchanged, decodes a copy into {@code peer_*} journal lines (never a payload), and injects faults,
 * those of the {@link FaultProxy} and those only a relay that speaks the protocol can
 * ({@link PeerFault}). One observer, one journal, one {@link Source} of kind {@code observed_client}.
 *
 * <p>Threads: the proxy's two ({@code fault-proxy-PORT-io} relays and reads frames,
 * {@code fault-proxy-PORT-events}), {@code observer-PORT-decode} (JSON and journal lines) and
 * {@code observer-PORT-timers} (fault expiry, the grace before a closed connection is reset).
 */
public final class Observer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Observer.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final Settings settings;
    private final Journal journal;
    private final Analyzer analyzer;
    private final Thread analyzerThread;
    private final ScheduledExecutorService timers;
    private final ObserverCore core;
    private final FaultProxy proxy;
    private final Subscription expiries;
    private final Source source;
    private ScheduledFuture<?> dropPongsExpiry;

    /**
     * What to observe.
     *
     * @param listen         a loopback address for the client under test (port 0 picks one)
     * @param target         where the gateway listens (for {@code wss://}, a local TLS bridge)
     * @param targetDisplay  the target as people read it, e.g. {@code ws://127.0.0.1:18789}
     * @param restartHook    restarts the target itself for {@code restart MS} (the embedded simulator),
     *                       or null to have the observer send the shutdown in the gateway's place
     * @param maxConnections connections relayed at once; more are reset
     */
    public record Settings(InetSocketAddress listen, InetSocketAddress target, String targetDisplay,
            LongConsumer restartHook, int maxConnections) {
        public Settings {
            Objects.requireNonNull(listen, "listen");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(targetDisplay, "targetDisplay");
        }

        public Settings(InetSocketAddress listen, InetSocketAddress target, String targetDisplay) {
            this(listen, target, targetDisplay, null, FaultProxy.DEFAULT_MAX_CONNECTIONS);
        }

        public Settings withRestartHook(LongConsumer hook) {
            return new Settings(listen, target, targetDisplay, hook, maxConnections);
        }

        public Settings withMaxConnections(int max) {
            return new Settings(listen, target, targetDisplay, restartHook, max);
        }
    }

    private Observer(Settings settings, Journal journal, long maxBacklogBytes) throws IOException {
        this.settings = settings;
        this.journal = journal;
        this.analyzer = new Analyzer(journal, maxBacklogBytes);
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "observer-timers");
            t.setDaemon(true);
            return t;
        });
        this.core = new ObserverCore(analyzer, timers);
        try {
            this.proxy = FaultProxy.start(settings.listen(), settings.target(), settings.maxConnections(), core);
        } catch (IOException | RuntimeException e) {
            timers.shutdownNow();
            throw e;
        }
        int port = proxy.listenAddress().getPort();
        this.analyzerThread = new Thread(analyzer, "observer-" + port + "-decode");
        analyzerThread.setDaemon(true);
        analyzerThread.start();
        core.runOnLoopWith(this::onLoopQuietly);
        this.expiries = proxy.addListener(this::proxyFaultEvent);
        this.source = new Source(Source.Kind.OBSERVED_CLIENT, "observe:" + settings.targetDisplay(),
                "client observed on " + clientUrl() + " \u2192 " + settings.targetDisplay());
        LOG.info("observer listening on {} -> {}", proxy.listenAddress(), settings.targetDisplay());
    }

    /**
     * Starts relaying; {@code journal} receives every line from now on.
     *
     * @throws IllegalArgumentException if the listen address is not loopback or the target is unresolved
     * @throws IOException if the address cannot be bound
     */
    public static Observer start(Settings settings, Journal journal) throws IOException {
        return start(settings, journal, Analyzer.MAX_BACKLOG_BYTES);
    }

    /** With a smaller decoding backlog than {@link Analyzer#MAX_BACKLOG_BYTES}, for tests that must fall behind. */
    static Observer start(Settings settings, Journal journal, long maxBacklogBytes) throws IOException {
        return new Observer(Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(journal, "journal"),
                maxBacklogBytes);
    }

    /** The most the decoding backlog held at once, in bytes (bounded by the analyzer's limit). */
    long peakDecodeBacklogBytes() {
        return analyzer.peakBacklogBytes();
    }

    public InetSocketAddress listenAddress() {
        return proxy.listenAddress();
    }

    /** The URL the client under test connects to, e.g. {@code ws://127.0.0.1:18790}; an IPv6 host in brackets. */
    public String clientUrl() {
        InetSocketAddress a = proxy.listenAddress();
        String host = a.getAddress().getHostAddress();
        return "ws://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    public String targetDisplay() {
        return settings.targetDisplay();
    }

    public Journal journal() {
        return journal;
    }

    public Source source() {
        return source;
    }

    /** The relay's counters: connections, bytes each way, bytes held by a fault. */
    public ProxyStats stats() {
        return proxy.stats();
    }

    /**
     * Applies {@code fault} and returns once it is in force; its {@code fault_injected} line comes
     * before anything it causes.
     *
     * @throws IllegalStateException if the observer is closed
     */
    public void apply(PeerFault fault) {
        Objects.requireNonNull(fault, "fault");
        long now = System.nanoTime();
        analyzer.post(new Seen.Injected(0, now, new LinkEvent.FaultInjected(fault.kind())));
        if (fault instanceof PeerFault.Bytes b) {
            applyBytes(b.fault(), now);
        } else if (fault instanceof PeerFault.Freeze f) {
            proxy.apply(new Fault.Blackhole(f.duration()));
            analyzer.post(new Seen.FaultChanged(0, now, "freeze", true));
        } else if (fault instanceof PeerFault.StallUpgrade s) {
            core.stallUpgrades(s.count());
        } else if (fault instanceof PeerFault.DropPongs d) {
            core.dropPongs(true);
            analyzer.post(new Seen.FaultChanged(0, now, "drop-pongs", true));
            scheduleDropPongsExpiry(d.duration());
        } else if (fault instanceof PeerFault.Restart r) {
            restart(r.restartExpectedMs(), now);
        } else if (fault instanceof PeerFault.Unavailable u) {
            core.armRejection(params -> GatewayRejection.unavailable(u.retryAfterMs()));
        } else if (fault instanceof PeerFault.AuthReject) {
            core.armRejection(params -> GatewayRejection.tokenMismatch(Hello.mayRetryWithDeviceToken(params)));
        }
    }

    private void applyBytes(Fault fault, long now) {
        proxy.apply(fault);
        if (fault instanceof Fault.Heal || fault instanceof Fault.Pass) {
            core.healProtocolFaults();
            cancelDropPongsExpiry();
            analyzer.post(new Seen.FaultChanged(0, now, null, false));
        } else if (!(fault instanceof Fault.Reset)) {
            analyzer.post(new Seen.FaultChanged(0, now, fault.kind(), new PeerFault.Bytes(fault).noticeable()));
        }
    }

    private void restart(long restartExpectedMs, long now) {
        if (settings.restartHook() != null) {
            settings.restartHook().accept(restartExpectedMs);
            return;
        }
        proxy.apply(new Fault.Refuse(Optional.of(Duration.ofMillis(restartExpectedMs))));
        proxy.execute(() -> List.copyOf(core.live()).forEach(c -> c.announceRestart(restartExpectedMs, now)));
    }

    private synchronized void scheduleDropPongsExpiry(Optional<Duration> duration) {
        cancelDropPongsExpiry();
        duration.ifPresent(d -> dropPongsExpiry = timers.schedule(() -> {
            core.dropPongs(false);
            long at = System.nanoTime();
            analyzer.post(new Seen.Injected(0, at, new LinkEvent.FaultInjected("heal")));
            analyzer.post(new Seen.FaultChanged(0, at, null, false));
        }, d.toMillis(), TimeUnit.MILLISECONDS));
    }

    private synchronized void cancelDropPongsExpiry() {
        if (dropPongsExpiry != null) {
            dropPongsExpiry.cancel(false);
            dropPongsExpiry = null;
        }
    }

    private void proxyFaultEvent(FaultEvent event) {
        if (event.cause() == FaultEvent.Cause.EXPIRED) {
            long at = System.nanoTime();
            analyzer.post(new Seen.Injected(0, at, new LinkEvent.FaultInjected("heal")));
            analyzer.post(new Seen.FaultChanged(0, at, null, false));
        }
    }

    /** Subscribes {@code listener} to the proxy's expiries, e.g. to print them. */
    public Subscription onFaultEvent(Consumer<FaultEvent> listener) {
        return proxy.addListener(listener::accept);
    }

    private void onLoopQuietly(Runnable task) {
        try {
            proxy.execute(task);
        } catch (IllegalStateException e) {
            LOG.debug("observer task skipped: {}", e.getMessage());
        }
    }

    /**
     * Closes the listening socket and every relayed connection (their {@code peer_disconnect} says
     * {@code by: "observer"}), then waits (bounded) until every line about them is in the journal.
     * Idempotent; the journal stays open (it is the caller's).
     */
    @Override
    public void close() {
        expiries.close();
        try {
            // The relay ends these connections, not the gateway: their peer_disconnect says so.
            proxy.execute(() -> core.live().forEach(ObservedConnection::markResetByObserver));
        } catch (IllegalStateException alreadyClosed) {
            LOG.trace("observer already closed", alreadyClosed);
        }
        proxy.close();
        timers.shutdownNow();
        analyzer.stop();
        try {
            analyzerThread.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Observer[" + clientUrl() + " -> " + settings.targetDisplay() + "]";
    }
}
