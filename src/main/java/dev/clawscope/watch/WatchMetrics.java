package dev.clawscope.watch;

import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.LivenessKind;
import dev.clawscope.journal.Subscription;
import dev.clawscope.link.LinkState;
import dev.clawscope.link.LinkStatus;
import dev.clawscope.timeline.OutageSpan;
import dev.clawscope.timeline.OutageTracker;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What {@code clawscope watch} tells Prometheus, every series labelled with the config's
 * {@code gateway} name. What is current (state, up, handshakes, the journal's drops) is read from
 * each link's {@link LinkStatus} when scraped, so it is never stale; what happened (reconnects by
 * cause, liveness timeouts, round trips, handshake failures, outages) is counted from the journal
 * as it arrives.
 *
 * <p>Label values that come from a gateway (error codes, its version) are hostile input: they are
 * reduced to a safe alphabet and length, and a gateway gets {@link #MAX_CODES} distinct codes at
 * most before the rest count as {@code other}, so a gateway cannot grow the series without bound.
 */
public final class WatchMetrics {

    /** Distinct handshake error codes one gateway may add as label values. */
    static final int MAX_CODES = 16;
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.:-]{1,48}");
    private static final double[] RTT_BOUNDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
        30};
    private static final double[] DETECT_BOUNDS = {0.5, 1, 2, 5, 7.5, 10, 15, 20, 30, 60, 90, 120, 300};
    private static final double[] OUTAGE_BOUNDS = {0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200};

    private final PrometheusRegistry registry;
    private final List<Gateway> gateways = new CopyOnWriteArrayList<>();
    private final Counter reconnects;
    private final Counter livenessTimeouts;
    private final Counter handshakeFailures;
    private final Histogram rtt;
    private final Histogram timeToDetect;
    private final Histogram outageDuration;
    private final Counter outages;
    private final Info info;

    public WatchMetrics(PrometheusRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        GaugeWithCallback.builder().name("clawscope_link_state")
                .help("1 for the state the gateway's link is in now, 0 for the others")
                .labelNames("gateway", "state")
                .callback(callback -> each(g -> {
                    LinkState now = g.status.get().state();
                    for (LinkState state : LinkState.values()) {
                        callback.call(state == now ? 1 : 0, g.name, state.wire());
                    }
                }))
                .register(registry);
        GaugeWithCallback.builder().name("clawscope_link_up")
                .help("1 while the gateway's link is connected (after hello-ok), else 0")
                .labelNames("gateway")
                .callback(callback -> each(g -> callback.call(
                        g.status.get().state() == LinkState.CONNECTED ? 1 : 0, g.name)))
                .register(registry);
        GaugeWithCallback.builder().name("clawscope_link_state_since_seconds")
                .help("When the gateway's link entered its current state, as a Unix time")
                .unit(Unit.SECONDS)
                .labelNames("gateway")
                .callback(callback -> each(g -> callback.call(
                        g.status.get().since().toEpochMilli() / 1000.0, g.name)))
                .register(registry);
        CounterWithCallback.builder().name("clawscope_link_handshakes")
                .help("Handshakes that ended in hello-ok")
                .labelNames("gateway")
                .callback(callback -> each(g -> callback.call(g.status.get().helloOks(), g.name)))
                .register(registry);
        CounterWithCallback.builder().name("clawscope_journal_events_dropped")
                .help("Journal events the watch never read because it fell a whole queue behind (a flood)")
                .labelNames("gateway")
                .callback(callback -> each(g -> callback.call(g.dropped(), g.name)))
                .register(registry);
        reconnects = Counter.builder().name("clawscope_link_reconnects")
                .help("Reconnects scheduled, by the cause the link gave")
                .labelNames("gateway", "cause")
                .register(registry);
        livenessTimeouts = Counter.builder().name("clawscope_link_liveness_timeouts")
                .help("Times a silent peer was given up on, by the liveness layer that noticed")
                .labelNames("gateway", "kind")
                .register(registry);
        handshakeFailures = Counter.builder().name("clawscope_link_handshake_failures")
                .help("Handshakes the gateway refused, by its error code")
                .labelNames("gateway", "code")
                .register(registry);
        outages = Counter.builder().name("clawscope_link_outages")
                .help("Times the link left connected without being asked to")
                .labelNames("gateway")
                .register(registry);
        rtt = Histogram.builder().name("clawscope_link_heartbeat_rtt_seconds")
                .help("Heartbeat round trips: our WebSocket ping to its pong (ws_pong), the probe RPC (probe)")
                .unit(Unit.SECONDS)
                .labelNames("gateway", "kind")
                .classicOnly().classicUpperBounds(RTT_BOUNDS)
                .register(registry);
        timeToDetect = Histogram.builder().name("clawscope_link_time_to_detect_seconds")
                .help("From the last sign of life (or an injected fault) to the link noticing the outage")
                .unit(Unit.SECONDS)
                .labelNames("gateway")
                .classicOnly().classicUpperBounds(DETECT_BOUNDS)
                .register(registry);
        outageDuration = Histogram.builder().name("clawscope_link_outage_duration_seconds")
                .help("From the link noticing an outage to hello-ok again")
                .unit(Unit.SECONDS)
                .labelNames("gateway")
                .classicOnly().classicUpperBounds(OUTAGE_BOUNDS)
                .register(registry);
        info = Info.builder().name("clawscope_gateway_info")
                .help("The gateway's address and the server version of its last hello-ok")
                .labelNames("gateway", "url", "server_version")
                .register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /**
     * Starts the series of one gateway. The result takes its journal's entries in order, on one
     * thread at a time; close it when the gateway goes, which removes its series.
     *
     * @param status the link's current status, read at every scrape
     * @param drops  the journal subscription feeding the result, for its drop count
     */
    public Gateway gateway(String name, String url, Supplier<LinkStatus> status, Supplier<Subscription> drops) {
        Gateway gateway = new Gateway(name, url, status, drops);
        // Seed the counters so each gateway's series exist at 0 before the first event: a rate over
        // a counter that appears only at its first increment misses that increment.
        for (LivenessKind kind : LivenessKind.values()) {
            livenessTimeouts.labelValues(name, kind.wire());
        }
        outages.labelValues(name);
        timeToDetect.labelValues(name);
        outageDuration.labelValues(name);
        info.addLabelValues(name, url, "");
        gateways.add(gateway);
        return gateway;
    }

    private void each(Consumer<Gateway> action) {
        gateways.forEach(action);
    }

    /** A gateway's series; confined to its journal subscriber. */
    public final class Gateway implements Consumer<JournalEntry>, AutoCloseable {

        private final String name;
        private final String url;
        private final Supplier<LinkStatus> status;
        private final Supplier<Subscription> drops;
        private final OutageTracker outageTracker = new OutageTracker();
        private final Set<String> codes = new HashSet<>();
        private final Set<String> causes = new HashSet<>();
        private String version = "";
        private int seenOutages;
        private boolean lastRecovered = true;

        private Gateway(String name, String url, Supplier<LinkStatus> status, Supplier<Subscription> drops) {
            this.name = Objects.requireNonNull(name, "name");
            this.url = Objects.requireNonNull(url, "url");
            this.status = Objects.requireNonNull(status, "status");
            this.drops = Objects.requireNonNull(drops, "drops");
        }

        private long dropped() {
            Subscription subscription = drops.get();
            return subscription == null ? 0 : subscription.dropped();
        }

        @Override
        public void accept(JournalEntry entry) {
            LinkEvent event = entry.event();
            if (event instanceof LinkEvent.ReconnectScheduled scheduled) {
                String cause = bounded(scheduled.cause(), causes);
                reconnects.labelValues(name, cause).inc();
            } else if (event instanceof LinkEvent.LivenessTimeout timeout) {
                livenessTimeouts.labelValues(name, timeout.kind().wire()).inc();
            } else if (event instanceof LinkEvent.WsPong pong) {
                observeRtt("ws_pong", pong.rttMs());
            } else if (event instanceof LinkEvent.ProbeOk probe) {
                observeRtt("probe", probe.rttMs());
            } else if (event instanceof LinkEvent.HandshakeFailed failed) {
                handshakeFailures.labelValues(name, bounded(failed.errorCode(), codes)).inc();
            } else if (event instanceof LinkEvent.HelloOk hello) {
                String next = safe(hello.serverVersion());
                if (!next.equals(version)) {
                    info.remove(name, url, version);
                    info.addLabelValues(name, url, next);
                    version = next;
                }
            }
            outageTracker.accept(entry.monoMs(), event);
            outagesChanged();
        }

        private void observeRtt(String kind, double ms) {
            if (Double.isFinite(ms) && ms >= 0) {
                rtt.labelValues(name, kind).observe(ms / 1000.0);
            }
        }

        /** Counts an outage when it begins (with its time to detect) and again when it ends. */
        private void outagesChanged() {
            List<OutageSpan> spans = outageTracker.outages();
            if (spans.isEmpty()) {
                return;
            }
            OutageSpan last = spans.get(spans.size() - 1);
            if (spans.size() > seenOutages) {
                seenOutages = spans.size();
                lastRecovered = false;
                outages.labelValues(name).inc();
                timeToDetect.labelValues(name).observe(last.undetectedMs() / 1000.0);
            }
            if (!lastRecovered && last.recovered()) {
                lastRecovered = true;
                double after = last.recoveredAfterMs();
                if (Double.isFinite(after) && after >= 0) {
                    outageDuration.labelValues(name).observe(after / 1000.0);
                }
                // Only the open outage matters from here; the tracker's list must not grow all year.
                outageTracker.dropOldest(spans.size());
                seenOutages = 0;
            }
        }

        private String bounded(String raw, Set<String> seen) {
            String value = safe(raw);
            if (value.isEmpty()) {
                return "none";
            }
            if (seen.contains(value)) {
                return value;
            }
            if (seen.size() >= MAX_CODES) {
                return "other";
            }
            seen.add(value);
            return value;
        }

        /** Removes the gateway's series. */
        @Override
        public void close() {
            gateways.remove(this);
            for (LivenessKind kind : LivenessKind.values()) {
                livenessTimeouts.remove(name, kind.wire());
            }
            codes.forEach(code -> handshakeFailures.remove(name, code));
            causes.forEach(cause -> reconnects.remove(name, cause));
            handshakeFailures.remove(name, "other");
            reconnects.remove(name, "other");
            rtt.remove(name, "ws_pong");
            rtt.remove(name, "probe");
            outages.remove(name);
            timeToDetect.remove(name);
            outageDuration.remove(name);
            info.remove(name, url, version);
        }
    }

    /** A label value from outside: its safe characters only, 48 at most, or empty. */
    static String safe(String raw) {
        if (raw == null) {
            return "";
        }
        String trimmed = raw.length() > 48 ? raw.substring(0, 48) : raw;
        if (CODE.matcher(trimmed).matches()) {
            return trimmed;
        }
        StringBuilder kept = new StringBuilder();
        for (char c : trimmed.toCharArray()) {
            if (c < 128 && (Character.isLetterOrDigit(c) || "_.:-".indexOf(c) >= 0)) {
                kept.append(c);
            }
        }
        return kept.toString();
    }
}
