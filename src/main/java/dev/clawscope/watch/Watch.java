package dev.clawscope.watch;

import dev.clawscope.journal.Journal;
import dev.clawscope.journal.JournalClock;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.Subscription;
import dev.clawscope.link.DeviceTokenStore;
import dev.clawscope.link.GatewayLink;
import dev.clawscope.link.LinkConfig;
import dev.clawscope.protocol.ClientInfo;
import dev.clawscope.protocol.DeviceIdentity;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Many gateways followed by one headless process: per gateway of a {@link WatchConfig} a hardened
 * {@link GatewayLink} with a journal of its own, read by one subscriber that feeds the metrics, the
 * incident recorder and the state-change lines. Nothing here draws or waits on a display.
 *
 * <pre>{@code
 * try (Watch watch = Watch.start(config, metrics, Optional.of(recorder), options)) {
 *     ... // until SIGTERM
 * } // links disposed, journals drained, incidents in progress written unfinished
 * }</pre>
 */
public final class Watch implements AutoCloseable {

    /** Entries a watched gateway's journal keeps at least. */
    static final int MIN_JOURNAL = 256;
    /** And at most, however long the incident window. */
    static final int MAX_JOURNAL = 20_000;
    /** Links disposed side by side when the watch stops. */
    private static final int DISPOSERS = 8;
    private static final Duration DISPOSE_WAIT = Duration.ofSeconds(20);

    /**
     * How the links are made.
     *
     * @param client    the client the links present themselves as
     * @param identity  this machine's device identity, empty when no gateway signs with it
     * @param tokens    where device tokens the gateways hand out are kept
     * @param lines     where the state-change lines go
     * @param journalCapacity entries each gateway's journal keeps
     */
    public record Options(ClientInfo client, Optional<DeviceIdentity> identity, DeviceTokenStore tokens,
            PrintWriter lines, int journalCapacity) {

        public Options {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(tokens, "tokens");
            Objects.requireNonNull(lines, "lines");
            if (journalCapacity < 16) {
                throw new IllegalArgumentException("journalCapacity must be at least 16");
            }
        }
    }

    /**
     * How many entries each gateway's journal keeps for incidents that look back {@code before}:
     * eight a second (a healthy link journals about one every two seconds), at least {@link
     * #MIN_JOURNAL}. The incident's own entries from the drop on are held by the recorder, so the
     * ring only needs the look back; 200 gateways at the default 30 s keep about 51 000 entries.
     */
    public static int journalCapacity(Duration before) {
        long wanted = Math.max(MIN_JOURNAL, Math.multiplyExact(Math.max(0, before.toSeconds()) + 1, 8));
        return (int) Math.min(MAX_JOURNAL, wanted);
    }

    private final List<Watched> watched;
    private boolean closed;

    private Watch(List<Watched> watched) {
        this.watched = watched;
    }

    /** Starts every gateway's link; each connects on its own. */
    public static Watch start(WatchConfig config, WatchMetrics metrics, Optional<IncidentRecorder> incidents,
            Options options) {
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(incidents, "incidents");
        List<Watched> started = new ArrayList<>();
        Watch watch = new Watch(started);
        try {
            for (WatchConfig.Gateway gateway : config.gateways()) {
                try {
                    started.add(Watched.start(gateway, metrics, incidents, options));
                } catch (IllegalArgumentException | IllegalStateException e) {
                    throw new IllegalStateException("gateway " + gateway.name() + ": " + e.getMessage(), e);
                }
            }
        } catch (RuntimeException e) {
            watch.close();
            throw e;
        }
        return watch;
    }

    /**
     * Disposes every link (several side by side), then drains each journal into its readers and
     * ends the gateway's incident feed and series. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        AtomicInteger count = new AtomicInteger();
        ExecutorService disposers = Executors.newFixedThreadPool(Math.max(1, Math.min(DISPOSERS, watched.size())),
                task -> {
                    Thread thread = new Thread(task, "watch-dispose-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        watched.forEach(w -> disposers.execute(w.link::dispose));
        disposers.shutdown();
        try {
            disposers.awaitTermination(DISPOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watched.forEach(Watched::close);
    }

    /** One gateway: its link, its journal and the one subscriber that reads it. */
    private static final class Watched implements Consumer<JournalEntry> {

        private final WatchConfig.Gateway gateway;
        private final Journal journal;
        private final GatewayLink link;
        private final WatchMetrics.Gateway series;
        private final Optional<IncidentRecorder.Feed> incidents;
        private final StateLines lines;
        private volatile Subscription subscription = Subscription.NONE;

        private Watched(WatchConfig.Gateway gateway, Journal journal, GatewayLink link, WatchMetrics metrics,
                Optional<IncidentRecorder> recorder, PrintWriter out) {
            this.gateway = gateway;
            this.journal = journal;
            this.link = link;
            String label = gateway.address().display();
            this.series = metrics.gateway(gateway.name(), label, link::status, () -> subscription);
            this.incidents = recorder.map(r -> r.feed(gateway.name(), label, journal));
            this.lines = new StateLines(gateway.name(), out);
        }

        static Watched start(WatchConfig.Gateway gateway, WatchMetrics metrics, Optional<IncidentRecorder> recorder,
                Options options) {
            WatchConfig.LinkOptions settings = gateway.link();
            LinkConfig config = LinkConfig.defaults(gateway.address(), gateway.token().orElse(null), options.client(),
                            settings.scopes())
                    .withBackoff(settings.backoff())
                    .withWsPing(Duration.ofMillis(settings.pingMs()), Duration.ofMillis(settings.pongDeadlineMs()))
                    .withSignDevice(settings.signDevice() && options.identity().isPresent());
            Journal journal = new Journal(options.journalCapacity(), Journal.DEFAULT_QUEUE_CAPACITY,
                    JournalClock.system());
            GatewayLink link = GatewayLink.create(config, journal, options.identity().orElse(null), options.tokens(),
                    settings.tlsFingerprint());
            Watched watched = new Watched(gateway, journal, link, metrics, recorder, options.lines());
            watched.subscription = journal.subscribe("watch:" + gateway.name(), watched);
            link.connect();
            return watched;
        }

        @Override
        public void accept(JournalEntry entry) {
            series.accept(entry);
            incidents.ifPresent(feed -> feed.accept(entry));
            lines.accept(entry);
        }

        void close() {
            journal.close();
            lines.flush();
            incidents.ifPresent(IncidentRecorder.Feed::close);
            series.close();
        }
    }
}
