package dev.clawscope.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlWriterTest {

    private static final Instant TS = Instant.parse("2026-11-27T23:05:14.090Z");

    @TempDir
    Path dir;

    private static JournalEntry entry(long seq, LinkEvent event) {
        return new JournalEntry(seq, TS, seq * 1.5, 1, event);
    }

    @Test
    void eachLineIsOnDiskAsSoonAsItIsWritten() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        try (JsonlWriter writer = new JsonlWriter(file, 1 << 20)) {
            JournalEntry first = entry(1, new LinkEvent.StateChanged("IDLE", "CONNECTING"));
            assertTrue(writer.write(first));
            assertEquals(List.of(JournalJson.toLine(first)), Files.readAllLines(file), "flushed before close");
            JournalEntry second = entry(2, new LinkEvent.Error("reader", "line\nbreak ünïcode 🦀"));
            writer.accept(second);
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            assertEquals(2, lines.size(), "a newline inside a value is escaped");
            assertEquals(Optional.of(second), JournalJson.parse(lines.get(1)));
            assertEquals(Files.size(file), writer.bytesWritten());
            assertEquals(2, writer.linesWritten());
        }
    }

    @Test
    void capStopsWritingAtALineBoundaryAndSaysSo() throws IOException {
        Path file = dir.resolve("capped.jsonl");
        List<JournalEntry> entries = LongStream.rangeClosed(1, 10)
                .mapToObj(seq -> entry(seq, new LinkEvent.Tick(seq))).toList();
        long threeLines = entries.subList(0, 3).stream()
                .mapToLong(e -> JournalJson.toLine(e).getBytes(StandardCharsets.UTF_8).length + 1).sum();
        try (JsonlWriter writer = new JsonlWriter(file, threeLines + 10)) {
            entries.forEach(writer::accept);
            assertTrue(writer.truncated());
            assertEquals(7, writer.skipped());
            assertEquals(3, writer.linesWritten());
            assertEquals(threeLines, Files.size(file));
            assertEquals(entries.subList(0, 3),
                    Files.readAllLines(file).stream().map(l -> JournalJson.parse(l).orElseThrow()).toList());
            assertFalse(writer.write(entry(11, new LinkEvent.SocketOpen())), "a short line after the cap is not written either");
            assertEquals(8, writer.skipped());
        }
    }

    @Test
    void capCountsUtf8Bytes() throws IOException {
        JournalEntry wide = entry(1, new LinkEvent.Error("ui", "🦀".repeat(100)));
        int chars = JournalJson.toLine(wide).length() + 1;
        try (JsonlWriter writer = new JsonlWriter(dir.resolve("wide.jsonl"), chars)) {
            assertFalse(writer.write(wide), "the line has more bytes than chars");
            assertTrue(writer.truncated());
            assertEquals(0, Files.size(writer.file()));
        }
    }

    @Test
    void asASubscriberWithBacklogItWritesTheWholeJournal() throws IOException {
        Path file = dir.resolve("subscribed.jsonl");
        Journal journal = new Journal(100, 100, new ManualClock());
        try (JsonlWriter writer = new JsonlWriter(file, 1 << 20)) {
            journal.append(0, new LinkEvent.Tick(0));
            journal.subscribeWithBacklog("jsonl", writer);
            for (int i = 1; i < 20; i++) {
                journal.append(0, new LinkEvent.Tick(i));
            }
            journal.close();
            assertEquals(journal.snapshot(),
                    Files.readAllLines(file).stream().map(l -> JournalJson.parse(l).orElseThrow()).toList());
        }
    }

    @Test
    void writesAfterCloseAreRefusedAndCloseIsIdempotent() throws IOException {
        JsonlWriter writer = new JsonlWriter(dir.resolve("closed.jsonl"), 1 << 20);
        writer.close();
        writer.close();
        assertFalse(writer.write(entry(1, new LinkEvent.SocketOpen())));
        assertEquals(0, writer.linesWritten());
        assertFalse(writer.truncated());
    }

    @Test
    void replacesAnExistingFileAndRejectsANegativeCap() throws IOException {
        Path file = dir.resolve("old.jsonl");
        Files.writeString(file, "stale\n");
        new JsonlWriter(file, 100).close();
        assertEquals(0, Files.size(file));
        assertThrows(IllegalArgumentException.class, () -> new JsonlWriter(file, -1));
    }

    @Test
    void aFailedWriteThrowsOnceThenWritingStops() throws IOException {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "needs /dev/full, which fails every write");
        try (JsonlWriter writer = new JsonlWriter(full, 1 << 20)) {
            UncheckedIOException failure =
                    assertThrows(UncheckedIOException.class, () -> writer.write(entry(1, new LinkEvent.SocketOpen())));
            assertTrue(failure.getMessage().contains("/dev/full"), failure::getMessage);
            assertFalse(writer.write(entry(2, new LinkEvent.SocketOpen())));
            assertEquals(0, writer.linesWritten());
        }
    }

    @Test
    void aDirectoryCannotBeOpened() {
        assertThrows(IOException.class, () -> new JsonlWriter(dir, 100));
    }
}
