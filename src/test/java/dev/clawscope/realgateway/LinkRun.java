package dev.clawscope.realgateway;

import dev.clawscope.journal.Journal;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.RedactionRules;
import dev.clawscope.journal.Redactor;
import dev.clawscope.journal.Subscription;
import dev.clawscope.link.DeviceTokenStore;
import dev.clawscope.link.GatewayLink;
import dev.clawscope.link.LinkConfig;
import dev.clawscope.proof.BundleExport;
import dev.clawscope.proof.BundleInfo;
import dev.clawscope.proof.ProofBundle;
import dev.clawscope.proof.ProofBundleWriter;
import dev.clawscope.protocol.DeviceIdentity;
import dev.clawscope.render.AwtPngRenderer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A real-time {@link GatewayLink} against the real gateway, its journal, and waits on that journal.
 * Closing it disposes the link and writes the redacted proof bundle to
 * {@code target/proof-real/<name>/}, whether the test passed or not.
 */
final class LinkRun implements AutoCloseable {

    private static final dev.clawscope.journal.JournalClock CLOCK = dev.clawscope.journal.JournalClock.system();
    static final Path PROOF_ROOT = Path.of("target", "proof-real").toAbsolutePath();

    private final String name;
    private final LinkConfig config;
    private final Journal journal = new Journal();
    private final List<JournalEntry> seen = new ArrayList<>();
    private final Subscription subscription;
    private final Map<String, String> notes = new LinkedHashMap<>();
    final GatewayLink link;

    LinkRun(String name, LinkConfig config, DeviceIdentity identity, DeviceTokenStore tokens) {
        this.name = name;
        this.config = config;
        this.subscription = journal.subscribeWithBacklog("test-watch", this::seen);
        this.link = GatewayLink.create(config, journal, identity, tokens, Optional.empty());
    }

    /**
     * Journals what the test does to the gateway ({@code fault_injected{kind}}) just before it
     * does it, so the timeline shows the cause next to what the link saw.
     */
    void gatewayAction(String kind) {
        long gen;
        synchronized (this) {
            gen = seen.isEmpty() ? 0 : seen.get(seen.size() - 1).gen();
        }
        journal.append(gen, new LinkEvent.FaultInjected(kind));
    }

    /** Adds a line to the bundle's settings table (what the gateway did, and when). */
    void note(String key, String value) {
        notes.put(key, value);
    }

    private synchronized void seen(JournalEntry entry) {
        seen.add(entry);
        notifyAll();
    }

    /** Milliseconds on the journal's clock ({@code mono_ms}). */
    static double nowMs() {
        return CLOCK.monoMs();
    }

    /** The first entry after {@code afterSeq} of this type that matches, waiting up to {@code within}. */
    <T extends LinkEvent> Hit<T> await(Class<T> type, Predicate<T> match, long afterSeq, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        synchronized (this) {
            for (;;) {
                for (JournalEntry entry : seen) {
                    if (entry.seq() > afterSeq && type.isInstance(entry.event()) && match.test(type.cast(entry.event()))) {
                        return new Hit<>(entry, type.cast(entry.event()));
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + type.getSimpleName() + " after seq " + afterSeq + " within "
                            + within.toSeconds() + " s; journal since then:\n" + describeAfter(afterSeq));
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    <T extends LinkEvent> Hit<T> await(Class<T> type, long afterSeq, Duration within) throws InterruptedException {
        return await(type, e -> true, afterSeq, within);
    }

    /**
     * Watches the journal until {@code until} (journal clock) and fails at the first entry after
     * {@code afterSeq} that matches. The wait is the observation window itself.
     */
    <T extends LinkEvent> void expectNone(Class<T> type, Predicate<T> match, long afterSeq, double untilMonoMs)
            throws InterruptedException {
        synchronized (this) {
            for (;;) {
                for (JournalEntry entry : seen) {
                    if (entry.seq() > afterSeq && entry.monoMs() <= untilMonoMs && type.isInstance(entry.event())
                            && match.test(type.cast(entry.event()))) {
                        throw new AssertionError("unexpected " + entry.event() + " at mono " + entry.monoMs()
                                + "; journal since seq " + afterSeq + ":\n" + describeAfter(afterSeq));
                    }
                }
                double left = untilMonoMs - nowMs();
                if (left <= 0) {
                    return;
                }
                wait(Math.max(1, (long) Math.ceil(left)));
            }
        }
    }

    synchronized List<JournalEntry> entries() {
        return List.copyOf(seen);
    }

    /** Entries with {@code fromSeq < seq <= toSeq}. */
    synchronized List<JournalEntry> between(long fromSeq, long toSeq) {
        return seen.stream().filter(e -> e.seq() > fromSeq && e.seq() <= toSeq).toList();
    }

    synchronized long lastSeq() {
        return seen.isEmpty() ? 0 : seen.get(seen.size() - 1).seq();
    }

    synchronized String describeAfter(long afterSeq) {
        StringBuilder out = new StringBuilder();
        for (JournalEntry entry : seen) {
            if (entry.seq() > afterSeq) {
                out.append(String.format(java.util.Locale.ROOT, "  %6d %10.0f %s%n", entry.seq(), entry.monoMs(),
                        entry.event()));
            }
        }
        return out.toString();
    }

    @Override
    public void close() throws IOException {
        try {
            link.dispose();
        } finally {
            subscription.close();
            journal.close();
            writeBundle();
        }
    }

    private ProofBundle writeBundle() throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("gateway", "real OpenClaw gateway (npm openclaw), 127.0.0.1, token auth");
        settings.put("client", config.client().id().wire() + "/" + config.client().mode().wire()
                + (config.signDevice() ? ", device-signed" : ", token only"));
        settings.put("backoff", config.backoffPolicy());
        settings.put("ws ping", config.wsPingInterval().toMillis() + " ms, pong deadline "
                + config.pongDeadline().toMillis() + " ms");
        settings.put("tick watchdog", config.tickWatchdogMultiplier() + " x tickIntervalMs");
        settings.put("probe", config.probeMethod() == null || config.probeInterval().isZero() ? "off"
                : config.probeMethod() + " every " + config.probeInterval().toMillis() + " ms");
        settings.putAll(notes);
        ProofBundleWriter writer = new ProofBundleWriter(new AwtPngRenderer())
                .withOverwrite(ProofBundleWriter.Overwrite.REPLACE_BUNDLE_FILES);
        Journal.Kept kept = journal.kept();
        return new BundleExport(Redactor.withRandomKey(RedactionRules.defaults()), writer)
                .export(PROOF_ROOT.resolve(name), kept.entries(),
                        new BundleInfo("real-gateway/" + name, config.address().display(), settings, List.of())
                                .withLink(link.history(), kept.dropped()));
    }

    record Hit<T extends LinkEvent>(JournalEntry entry, T event) {
        long seq() {
            return entry.seq();
        }

        double monoMs() {
            return entry.monoMs();
        }
    }
}
