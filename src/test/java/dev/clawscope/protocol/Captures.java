package dev.clawscope.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Loads the real 2026.9.6 gateway captures copied into {@code src/test/resources/frames}. */
final class Captures {

    /** Direction markers used by the capture tool: server to client, client to server, note. */
    static final String FROM_SERVER = "<<";
    static final String TO_SERVER = ">>";

    /** {@code [   0.011] << {json}}: timestamp in seconds, direction, body. */
    private static final Pattern LOG_LINE = Pattern.compile("^\\[\\s*([0-9.]+)] (<<|>>|--) (.*)$");
    /** {@code {"t":45,"dir":"<<","frame":…}}: the frame text is kept as sent. */
    private static final Pattern JSONL_LINE =
            Pattern.compile("^\\{\"t\":(\\d+),\"dir\":\"(<<|>>|--)\",\"frame\":(.*)}$");
    /** The capture tool shortened long frames to a prefix plus {@code …(N chars)}. */
    private static final Pattern TRUNCATED = Pattern.compile("…\\(\\d+ chars\\)$");

    /** One captured line; {@code body} is frame JSON, or a note when it is not an object. */
    record Line(String dir, String body) {

        boolean isFrame() {
            return body.startsWith("{");
        }

        boolean fromServer() {
            return dir.equals(FROM_SERVER) && isFrame();
        }

        boolean toServer() {
            return dir.equals(TO_SERVER) && isFrame();
        }

        boolean truncated() {
            return TRUNCATED.matcher(body).find();
        }
    }

    /** The lines of a {@code .log} capture and how many lines were not capture lines (process output). */
    record Log(List<Line> lines, int foreignLines) {

        List<Line> fromServer() {
            return lines.stream().filter(Line::fromServer).toList();
        }

        List<Line> toServer() {
            return lines.stream().filter(Line::toServer).toList();
        }
    }

    private Captures() {
    }

    static String text(String name) {
        try (InputStream in = Captures.class.getResourceAsStream("/frames/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no capture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Log log(String name) {
        List<Line> lines = new ArrayList<>();
        int foreign = 0;
        for (String raw : text(name).split("\n")) {
            Matcher m = LOG_LINE.matcher(raw);
            if (m.matches()) {
                lines.add(new Line(m.group(2), m.group(3)));
            } else if (!raw.isEmpty()) {
                foreign++;
            }
        }
        return new Log(List.copyOf(lines), foreign);
    }

    /** A {@code .jsonl} capture; a string {@code frame} (a note such as a WS ping) has a body starting with a quote. */
    static List<Line> jsonl(String name) {
        List<Line> lines = new ArrayList<>();
        for (String raw : text(name).split("\n")) {
            if (raw.isEmpty()) {
                continue;
            }
            Matcher m = JSONL_LINE.matcher(raw);
            if (!m.matches()) {
                throw new IllegalStateException("unexpected capture line format in " + name);
            }
            lines.add(new Line(m.group(2), m.group(3)));
        }
        return List.copyOf(lines);
    }
}
