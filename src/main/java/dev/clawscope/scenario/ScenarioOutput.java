package dev.clawscope.scenario;

import dev.clawscope.journal.RedactionRules;
import dev.clawscope.journal.Redactor;
import dev.clawscope.proof.BundleExport;
import dev.clawscope.proof.BundleInfo;
import dev.clawscope.proof.PngRenderer;
import dev.clawscope.proof.ProofBundle;
import dev.clawscope.proof.ProofBundleWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Writes what a scenario run leaves behind for review: a redacted proof bundle. */
public final class ScenarioOutput {

    private ScenarioOutput() {
    }

    /**
     * Writes the proof bundle of {@code result} into {@code dir} (created when missing; earlier
     * bundle files there are replaced).
     *
     * @param png draws {@code timeline.png}, or null to leave the PNG out (the manifest says so)
     */
    public static ProofBundle write(Path dir, ScenarioResult result, String gateway, PngRenderer png)
            throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(result, "result");
        Scenario scenario = result.scenario();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("description", scenario.description());
        settings.put("simulator", scenario.sim().toString());
        settings.put("link", scenario.link().toString());
        settings.put("outcome", result.passed() ? "every check held" : "FAILED: " + result.failure().orElse(""));
        ProofBundleWriter writer = (png == null ? ProofBundleWriter.withoutPng() : new ProofBundleWriter(png))
                .withOverwrite(ProofBundleWriter.Overwrite.REPLACE_BUNDLE_FILES);
        return new BundleExport(Redactor.withRandomKey(RedactionRules.defaults()), writer)
                .export(dir, result.entries(), new BundleInfo(scenario.name(), gateway, settings, List.of())
                        .withLink(result.history(), result.droppedEntries()).withSource(result.source()));
    }
}
