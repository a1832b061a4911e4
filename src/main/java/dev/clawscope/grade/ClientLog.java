package dev.clawscope.grade;

import dev.clawscope.journal.Redactor;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code client.log} of one check: what the client's processes printed (stdout and stderr), one
 * line at a time, each flushed as it comes and redacted before it is written: the tokens the grader
 * handed out are replaced wherever they appear, then the {@link Redactor}'s rules apply. Bounded: lines are cut at
 * {@link #MAX_LINE_CHARS} and the file at {@code maxBytes}; what did not fit is counted in its
 * last line. Thread-safe; several processes (the copies of {@code jittered_reconnects}) share one.
 */
final class ClientLog implements AutoCloseable {

    static final int MAX_LINE_CHARS = 4_096;
    static final String SECRET = "<redacted>";
    private static final Logger LOG = LoggerFactory.getLogger(ClientLog.class);

    private final Path file;
    private final Redactor redactor;
    private final List<String> secrets;
    private final long maxBytes;
    private Writer out;
    private long written;
    private long droppedLines;
    private boolean closed;

    ClientLog(Path file, Redactor redactor, Collection<String> secrets, long maxBytes) throws IOException {
        this.file = Objects.requireNonNull(file, "file");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.secrets = secrets.stream().filter(s -> s != null && !s.isEmpty()).toList();
        this.maxBytes = maxBytes;
        Files.createDirectories(file.getParent());
        this.out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    Path file() {
        return file;
    }

    /** Writes one line as {@code prefix + text}, redacted; counts it instead when the file is full. */
    synchronized void line(String prefix, String text) {
        if (closed) {
            return;
        }
        String safe = prefix + redactor.redactLine(withoutSecrets(text));
        long size = safe.getBytes(StandardCharsets.UTF_8).length + 1L;
        if (written + size > maxBytes) {
            droppedLines++;
            return;
        }
        try {
            out.write(safe);
            out.write('\n');
            out.flush();
            written += size;
        } catch (IOException e) {
            LOG.warn("cannot write {}: {}", file, e.getMessage());
            droppedLines++;
        }
    }

    /** Reads {@code in} to its end, line by line, into this log; runs on the caller's thread. */
    void pump(InputStream in, String prefix) {
        try (Reader reader = Redactor.utf8Reader(in)) {
            StringBuilder line = new StringBuilder();
            boolean cut = false;
            char[] buffer = new char[8_192];
            for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    char c = buffer[i];
                    if (c == '\n') {
                        emit(prefix, line, cut);
                        line.setLength(0);
                        cut = false;
                    } else if (c != '\r' && line.length() < MAX_LINE_CHARS) {
                        line.append(c);
                    } else if (c != '\r') {
                        cut = true;
                    }
                }
            }
            if (line.length() > 0) {
                emit(prefix, line, cut);
            }
        } catch (IOException e) {
            // The process ended or its pipe was closed: nothing more to read.
            LOG.debug("client output of {} ended: {}", file, e.getMessage());
        }
    }

    private void emit(String prefix, StringBuilder line, boolean cut) {
        String text = line.toString();
        if (cut) {
            // The cut may split a token: drop any tail that could be the start of one.
            text = withoutSecretPrefixAtEnd(text) + " [line cut at " + MAX_LINE_CHARS + " characters]";
        }
        line(prefix, text);
    }

    private String withoutSecrets(String text) {
        String t = text;
        for (String secret : secrets) {
            t = t.replace(secret, SECRET);
        }
        return t;
    }

    private String withoutSecretPrefixAtEnd(String text) {
        String t = withoutSecrets(text);
        for (String secret : secrets) {
            for (int k = Math.min(secret.length() - 1, t.length()); k > 0; k--) {
                if (t.endsWith(secret.substring(0, k))) {
                    t = t.substring(0, t.length() - k);
                    break;
                }
            }
        }
        return t;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (droppedLines > 0) {
                out.write("[" + droppedLines + " more lines not kept: client.log is bounded at " + maxBytes
                        + " bytes]\n");
            }
            out.close();
        } catch (IOException e) {
            LOG.warn("cannot finish {}: {}", file, e.getMessage());
        }
    }
}
