package dev.clawscope.grade;

import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.JournalJson;
import dev.clawscope.proof.BundleExport;
import dev.clawscope.proof.BundleInfo;
import dev.clawscope.proof.ProofBundle;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes a check's redacted proof bundle; when the bundle cannot be made, at least its redacted journal. */
final class Bundles {

    private static final Logger LOG = LoggerFactory.getLogger(Bundles.class);

    private Bundles() {
    }

    /** Writes the bundle into {@code dir}; returns why it is incomplete, if it is. */
    static Optional<String> export(GradeContext context, Path dir, List<JournalEntry> entries, BundleInfo info)
            throws IOException {
        try {
            ProofBundle bundle = new BundleExport(context.redactor(), context.writer()).export(dir, entries, info);
            return bundle.pngSkipped().map(why -> "no timeline.png: " + why);
        } catch (IOException | RuntimeException e) {
            LOG.debug("the proof bundle in {} could not be made; writing its redacted journal alone", dir, e);
            Files.createDirectories(dir);
            try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(ProofBundle.JOURNAL), StandardCharsets.UTF_8)) {
                for (JournalEntry entry : entries) {
                    out.write(context.redactor().redactJsonLine(JournalJson.toLine(entry)));
                    out.write('\n');
                }
            }
            return Optional.of("only journal.jsonl written, the bundle failed: " + e.getMessage());
        }
    }
}
