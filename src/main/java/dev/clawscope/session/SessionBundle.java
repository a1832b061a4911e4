package dev.clawscope.session;

import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.RedactionRules;
import dev.clawscope.journal.Redactor;
import dev.clawscope.proof.BundleExport;
import dev.clawscope.proof.BundleInfo;
import dev.clawscope.proof.PngRenderer;
import dev.clawscope.proof.ProofBundle;
import dev.clawscope.proof.ProofBundleWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** How a session writes its proof bundle, whichever the source: redacted with a key of its own, its files replaced. */
final class SessionBundle {

    private SessionBundle() {
    }

    /** Writes {@code entries} into {@code dir}, the PNG too when {@code png} is given. */
    static ProofBundle write(Path dir, PngRenderer png, RedactionRules rules, List<JournalEntry> entries,
            BundleInfo info) throws IOException {
        ProofBundleWriter writer = (png == null ? ProofBundleWriter.withoutPng() : new ProofBundleWriter(png))
                .withOverwrite(ProofBundleWriter.Overwrite.REPLACE_BUNDLE_FILES);
        return new BundleExport(Redactor.withRandomKey(rules), writer).export(dir, entries, info);
    }
}
