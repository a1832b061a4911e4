package dev.clawscope.journal;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Writes entries to a JSONL file, one {@link JournalJson#toLine line} each, flushed as written.
 * Use it directly or as a subscriber ({@code journal.subscribeWithBacklog("jsonl", writer)}).
 *
 * <p>The file never exceeds {@code maxBytes}: the first line that would not fit ends writing,
 * marks the file {@link #truncated()} and is counted in {@link #skipped()} with every later one,
 * so the file holds a gapless prefix of the journal. Memory use is one line. Thread-safe.
 */
public final class JsonlWriter implements Consumer<JournalEntry>, AutoCloseable {

    private static final byte[] NEWLINE = {'\n'};

    private final Path file;
    private final long maxBytes;
    // All below guarded by this.
    private final OutputStream out;
    private long bytesWritten;
    private long linesWritten;
    private long skipped;
    private boolean truncated;
    private boolean failed;
    private boolean closed;

    /** Creates or empties {@code file}. */
    public JsonlWriter(Path file, long maxBytes) throws IOException {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative, was " + maxBytes);
        }
        this.file = Objects.requireNonNull(file, "file");
        this.maxBytes = maxBytes;
        // A FileOutputStream, unlike a FileChannel, survives its thread being interrupted.
        this.out = new FileOutputStream(file.toFile(), false);
    }

    /**
     * Appends the entry's line; {@code false} when it was not written (cap reached, earlier write
     * failure, or closed).
     *
     * @throws UncheckedIOException when the file cannot be written; writing then stops for good
     */
    public synchronized boolean write(JournalEntry entry) {
        Objects.requireNonNull(entry, "entry");
        if (closed || failed) {
            return false;
        }
        if (truncated) {
            skipped++;
            return false;
        }
        byte[] line = JournalJson.toLine(entry).getBytes(StandardCharsets.UTF_8);
        if (bytesWritten + line.length + NEWLINE.length > maxBytes) {
            truncated = true;
            skipped++;
            return false;
        }
        try {
            out.write(line);
            out.write(NEWLINE);
            out.flush();
        } catch (IOException e) {
            failed = true;
            throw new UncheckedIOException("cannot write " + file, e);
        }
        bytesWritten += line.length + NEWLINE.length;
        linesWritten++;
        return true;
    }

    @Override
    public void accept(JournalEntry entry) {
        write(entry);
    }

    public Path file() {
        return file;
    }

    public synchronized long bytesWritten() {
        return bytesWritten;
    }

    public synchronized long linesWritten() {
        return linesWritten;
    }

    /** Whether the size cap stopped writing. */
    public synchronized boolean truncated() {
        return truncated;
    }

    /** Entries not written because of the size cap. */
    public synchronized long skipped() {
        return skipped;
    }

    /** Closes the file; later writes return {@code false}. Idempotent. */
    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            out.close();
        }
    }
}
