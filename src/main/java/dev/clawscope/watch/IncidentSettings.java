package dev.clawscope.watch;

import dev.clawscope.journal.JournalClock;
import dev.clawscope.journal.RedactionRules;
import dev.clawscope.proof.PngRenderer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How an {@link IncidentRecorder} cuts, keeps and caps its bundles.
 *
 * @param dir          where the bundles go, one folder each
 * @param before       how much of the journal before an outage's fault a bundle holds
 * @param after        how much after the last hello-ok; an outage that begins within it extends the incident
 * @param ongoingEvery an incident still down this long is written marked ongoing, and again every
 *                     such period, so a gateway that never comes back still leaves a bundle
 * @param maxBundles   bundles kept in {@code dir}, those of earlier runs included; the oldest go first
 * @param maxBytes     their total size in bytes
 * @param maxEntries   journal entries one incident holds at most; a flood beyond it keeps the first
 *                     and the last half and says how many were left out
 * @param redaction    the redaction applied to every bundle (the fixed rules always apply)
 * @param png          draws {@code timeline.png} when given; without it the manifest says it was skipped
 * @param clock        the time the windows are measured in: the journal's, which the link stamps with
 */
public record IncidentSettings(Path dir, Duration before, Duration after, Duration ongoingEvery, int maxBundles,
        long maxBytes, int maxEntries, RedactionRules redaction, Optional<PngRenderer> png, JournalClock clock) {

    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(30);
    public static final Duration DEFAULT_ONGOING_EVERY = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_BUNDLES = 100;
    public static final long DEFAULT_MAX_BYTES = 500L * 1000 * 1000;
    public static final int DEFAULT_MAX_ENTRIES = 10_000;

    public IncidentSettings {
        Objects.requireNonNull(dir, "dir");
        requireNonNegative(before, "before");
        requireNonNegative(after, "after");
        requireNonNegative(ongoingEvery, "ongoingEvery");
        if (ongoingEvery.isZero()) {
            throw new IllegalArgumentException("ongoingEvery must be positive");
        }
        if (maxBundles < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("the caps must be positive: " + maxBundles + " bundles, "
                    + maxBytes + " bytes");
        }
        if (maxEntries < 8) {
            throw new IllegalArgumentException("an incident must hold at least 8 entries, not " + maxEntries);
        }
        Objects.requireNonNull(redaction, "redaction");
        Objects.requireNonNull(png, "png");
        Objects.requireNonNull(clock, "clock");
    }

    /** 30 s either side, ongoing after 5 min, 100 bundles and 500 MB, 10 000 entries an incident, no PNG. */
    public static IncidentSettings defaults(Path dir) {
        return new IncidentSettings(dir, DEFAULT_WINDOW, DEFAULT_WINDOW, DEFAULT_ONGOING_EVERY, DEFAULT_MAX_BUNDLES,
                DEFAULT_MAX_BYTES, DEFAULT_MAX_ENTRIES, RedactionRules.defaults(), Optional.empty(),
                JournalClock.system());
    }

    public IncidentSettings withWindows(Duration newBefore, Duration newAfter) {
        return new IncidentSettings(dir, newBefore, newAfter, ongoingEvery, maxBundles, maxBytes, maxEntries,
                redaction, png, clock);
    }

    public IncidentSettings withOngoingEvery(Duration value) {
        return new IncidentSettings(dir, before, after, value, maxBundles, maxBytes, maxEntries, redaction, png, clock);
    }

    public IncidentSettings withCaps(int bundles, long bytes) {
        return new IncidentSettings(dir, before, after, ongoingEvery, bundles, bytes, maxEntries, redaction, png, clock);
    }

    public IncidentSettings withMaxEntries(int value) {
        return new IncidentSettings(dir, before, after, ongoingEvery, maxBundles, maxBytes, value, redaction, png,
                clock);
    }

    public IncidentSettings withRedaction(RedactionRules value) {
        return new IncidentSettings(dir, before, after, ongoingEvery, maxBundles, maxBytes, maxEntries, value, png,
                clock);
    }

    public IncidentSettings withPng(PngRenderer value) {
        return new IncidentSettings(dir, before, after, ongoingEvery, maxBundles, maxBytes, maxEntries, redaction,
                Optional.of(value), clock);
    }

    public IncidentSettings withClock(JournalClock value) {
        return new IncidentSettings(dir, before, after, ongoingEvery, maxBundles, maxBytes, maxEntries, redaction, png,
                value);
    }

    private static void requireNonNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
    }
}
