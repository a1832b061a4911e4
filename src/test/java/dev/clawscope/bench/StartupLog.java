package dev.clawscope.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The start-up marks the app writes to its log file ({@code dev.clawscope.ui.StartupMarks}), one
 * line each, once per process:
 *
 * <pre>2026-12-03T20:01:02.345Z [JavaFX Application Thread] INFO  dev.clawscope.ui.StartupMarks - start-up: window shown, 812 ms after the JVM started</pre>
 *
 * The timestamp is Logback's {@code yyyy-MM-dd'T'HH:mm:ss.SSSXXX} in UTC; the "N ms after the
 * process started" part is missing where the JVM could not tell when its process started.
 */
final class StartupLog {

    /** The words of the marks, as {@code StartupMarks.Mark} logs them (StartupLogTest holds them to the app's). */
    static final String WINDOW_SHOWN = "window shown";
    static final String INSPECTOR_SHOWN = "inspector shown";
    static final String CONNECTED = "connected (hello-ok)";
    static final String TRAY_ICON = "tray icon installed";

    private static final Pattern LINE = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:\\d{2})) \\[.*] INFO\\s+"
                    + "(?:\\S+\\.)?StartupMarks - start-up: (.+?)(?:, (\\d+) ms after the (?:JVM|process) started)?\\s*$");

    private StartupLog() {
    }

    /**
     * One mark.
     *
     * @param what the mark's words, e.g. {@value #WINDOW_SHOWN}
     * @param at the line's timestamp
     * @param afterProcessStartMs how long after its process started the app says it was, if it says
     */
    record Mark(String what, Instant at, OptionalLong afterProcessStartMs) {

        /** When the app's process started, by its own account: {@link #at} less the milliseconds it names. */
        Optional<Instant> processStart() {
            return afterProcessStartMs.isPresent() ? Optional.of(at.minusMillis(afterProcessStartMs.getAsLong()))
                    : Optional.empty();
        }
    }

    /** The mark on {@code line}, or empty when the line is not a start-up mark. */
    static Optional<Mark> parse(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(m.group(1)).toInstant();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        OptionalLong after = m.group(3) == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(m.group(3)));
        return Optional.of(new Mark(m.group(2), at, after));
    }

    /** The first line of each mark among {@code lines}, by its words, in the order they came. */
    static Map<String, Mark> marks(List<String> lines) {
        Map<String, Mark> marks = new LinkedHashMap<>();
        for (String line : lines) {
            parse(line).ifPresent(mark -> marks.putIfAbsent(mark.what(), mark));
        }
        return marks;
    }

    /** The marks in a log file so far; none when the file does not exist yet. A last line still being written is left out. */
    static Map<String, Mark> read(Path log) throws IOException {
        String text;
        try {
            text = Files.readString(log, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Map.of();
        }
        int end = text.lastIndexOf('\n');
        return end < 0 ? Map.of() : marks(text.substring(0, end).lines().toList());
    }
}
