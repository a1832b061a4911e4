package dev.clawscope.proof;

import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.JournalJson;
import dev.clawscope.journal.Redactor;
import dev.clawscope.journal.Source;
import dev.clawscope.link.LinkHistory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Exports a journal as a proof bundle with redaction applied on the way out. Journal events carry
 * no secrets by construction; this pass is the second line of defence, and everything in the
 * bundle (summary, timeline, manifest) is built from the redacted lines only.
 */
public final class BundleExport {

    private final Redactor redactor;
    private final ProofBundleWriter writer;

    public BundleExport(Redactor redactor, ProofBundleWriter writer) {
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    public ProofBundle export(Path dir, List<JournalEntry> entries, BundleInfo info) throws IOException {
        return writer.write(dir, redacted(entries), redacted(info));
    }

    /** Each entry after a round trip through its redacted line; a line redacted whole is left out. */
    List<JournalEntry> redacted(List<JournalEntry> entries) {
        List<JournalEntry> safe = new ArrayList<>(entries.size());
        for (JournalEntry entry : entries) {
            Optional<JournalEntry> parsed = JournalJson.parse(redactor.redactJsonLine(JournalJson.toLine(entry)));
            parsed.ifPresent(safe::add);
        }
        return safe;
    }

    private BundleInfo redacted(BundleInfo info) {
        Map<String, String> settings = new LinkedHashMap<>();
        info.settings().forEach((k, v) -> settings.put(k, redactor.redactText(v)));
        List<String> rules = new ArrayList<>(info.redactionRules());
        redactor.rules().describe().stream().filter(r -> !rules.contains(r)).forEach(rules::add);
        Optional<LinkHistory> history = info.history().map(h -> new LinkHistory(h.connectAttempts(), h.helloOks(),
                redactedOrNull(h.pauseReason()), redactedOrNull(h.pauseDetail())));
        Optional<Source> source = info.source().map(s -> new Source(s.kind(), redactor.redactText(s.id()),
                redactor.redactText(s.displayName())));
        return new BundleInfo(redactor.redactText(info.scenario()), redactor.redactText(info.gatewayUrl()), settings,
                rules, history, info.droppedEntries(), source);
    }

    private String redactedOrNull(String text) {
        return text == null ? null : redactor.redactText(text);
    }
}
