package dev.clawscope.scenario;

import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.JournalJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** Writes what a scenario run leaves behind for review into a folder. */
public final class ScenarioOutput {

    public static final String JOURNAL_FILE = "journal.jsonl";

    private ScenarioOutput() {
    }

    /**
     * Writes {@code journal.jsonl} into {@code dir} (created when missing) and returns its path.
     * The proof bundle's summary.md and timeline.svg are not written yet: their writer
     * ({@code dev.clawscope.proof}) is to be called from {@link #writeProofBundle}.
     */
    public static Path write(Path dir, ScenarioResult result) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(result, "result");
        Files.createDirectories(dir);
        Path journal = dir.resolve(JOURNAL_FILE);
        StringBuilder text = new StringBuilder();
        for (JournalEntry entry : result.entries()) {
            text.append(JournalJson.toLine(entry)).append('\n');
        }
        Files.writeString(journal, text, StandardCharsets.UTF_8);
        writeProofBundle(dir, result);
        return journal;
    }

    /** The place for the proof bundle writer (summary.md, timeline.svg); it does nothing until that writer exists. */
    private static void writeProofBundle(Path dir, ScenarioResult result) {
        // Intentionally empty: dev.clawscope.proof is not part of the build yet.
    }
}
