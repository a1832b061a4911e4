package dev.clawscope.proof;

import dev.clawscope.journal.Source;
import dev.clawscope.link.LinkHistory;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the journal cannot say about a run.
 *
 * @param scenario        e.g. {@code gateway-restart} or {@code probe}
 * @param gatewayUrl      the gateway's display form (no credentials)
 * @param settings        the settings that shaped the run, shown in this order
 * @param redactionRules  the redaction applied to the journal, one rule per string
 * @param history         the link's own record of the run, when the caller had a link: the truth for
 *                        connect attempts, hello-oks and pauses, whatever the journal kept
 * @param droppedEntries  entries the journal's ring dropped before the first entry given: the run's
 *                        first {@code droppedEntries} entries are not in the bundle
 * @param source          whose journal this is, when the caller knows
 */
public record BundleInfo(String scenario, String gatewayUrl, Map<String, String> settings, List<String> redactionRules,
                         Optional<LinkHistory> history, long droppedEntries, Optional<Source> source) {

    public BundleInfo {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(gatewayUrl, "gatewayUrl");
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        settings.forEach((k, v) -> {
            Objects.requireNonNull(k, "setting name");
            Objects.requireNonNull(v, "setting " + k);
        });
        redactionRules = List.copyOf(redactionRules);
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(source, "source");
        if (droppedEntries < 0) {
            throw new IllegalArgumentException("droppedEntries must not be negative: " + droppedEntries);
        }
    }

    /** A run known from its journal alone, nothing dropped. */
    public BundleInfo(String scenario, String gatewayUrl, Map<String, String> settings, List<String> redactionRules) {
        this(scenario, gatewayUrl, settings, redactionRules, Optional.empty(), 0, Optional.empty());
    }

    /** A run whose source is not named. */
    public BundleInfo(String scenario, String gatewayUrl, Map<String, String> settings, List<String> redactionRules,
                      Optional<LinkHistory> history, long droppedEntries) {
        this(scenario, gatewayUrl, settings, redactionRules, history, droppedEntries, Optional.empty());
    }

    /** The same run with the link's own record and the count of entries its journal dropped. */
    public BundleInfo withLink(LinkHistory value, long dropped) {
        return new BundleInfo(scenario, gatewayUrl, settings, redactionRules, Optional.of(value), dropped, source);
    }

    /** The same run, naming whose journal it is. */
    public BundleInfo withSource(Source value) {
        return new BundleInfo(scenario, gatewayUrl, settings, redactionRules, history, droppedEntries,
                Optional.of(value));
    }
}
