package dev.clawscope.cli;

import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.RedactionRules;
import dev.clawscope.journal.Redactor;
import dev.clawscope.proof.BundleExport;
import dev.clawscope.proof.BundleInfo;
import dev.clawscope.proof.ProofBundle;
import dev.clawscope.proof.ProofBundleWriter;
import dev.clawscope.render.AwtPngRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --out DIR [--redact-ips] [--redact-hosts]}: where a command writes its redacted proof bundle
 * when it stops, and how much beyond the defaults is redacted.
 */
final class ProofOutput {

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write a redacted proof bundle into this folder on exit: journal.jsonl, summary.md, "
                    + "timeline.svg, timeline.png, manifest.json.")
    Path dir;

    @Option(names = "--redact-ips", description = "Also replace IP addresses other than loopback in the bundle.")
    boolean redactIps;

    @Option(names = "--redact-hosts", description = "Also replace host names other than localhost in the bundle.")
    boolean redactHosts;

    boolean wanted() {
        return dir != null;
    }

    /**
     * Writes the bundle of {@code entries}, redacted on the way out, and says where on {@code out};
     * false, said on {@code err}, when it cannot be written.
     */
    boolean write(List<JournalEntry> entries, BundleInfo info, PrintWriter out, PrintWriter err) {
        RedactionRules rules = RedactionRules.defaults().withIps(redactIps).withHostNames(redactHosts);
        Redactor redactor = Redactor.withRandomKey(rules);
        ProofBundleWriter writer = new ProofBundleWriter(new AwtPngRenderer())
                .withOverwrite(ProofBundleWriter.Overwrite.REPLACE_BUNDLE_FILES);
        try {
            ProofBundle bundle = new BundleExport(redactor, writer).export(dir, entries, info);
            out.println("proof bundle written to " + bundle.dir()
                    + bundle.pngSkipped().map(why -> " (no PNG: " + why + ")").orElse(""));
            return true;
        } catch (IOException | RuntimeException e) {
            cannotWrite(err, e);
            return false;
        }
    }

    /** The line that says the bundle cannot be written. */
    void cannotWrite(PrintWriter err, Exception e) {
        err.println("error: cannot write the proof bundle to " + dir + ": " + e.getMessage());
    }
}
