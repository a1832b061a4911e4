package dev.clawscope.proof;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the journal cannot say about a run.
 *
 * @param scenario        e.g. {@code gateway-restart} or {@code probe}
 * @param gatewayUrl      the gateway's display form (no credentials)
 * @param settings        the settings that shaped the run, shown in this order
 * @param redactionRules  the redaction applied to the journal, one rule per string
 */
public record BundleInfo(String scenario, String gatewayUrl, Map<String, String> settings, List<String> redactionRules) {

    public BundleInfo {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(gatewayUrl, "gatewayUrl");
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        settings.forEach((k, v) -> {
            Objects.requireNonNull(k, "setting name");
            Objects.requireNonNull(v, "setting " + k);
        });
        redactionRules = List.copyOf(redactionRules);
    }
}
