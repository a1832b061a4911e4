package dev.clawscope.journal;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Removes secrets and personal data from journal lines and log text by the rules of {@link
 * RedactionRules}, keeping what a proof reader needs: event types, timings, codes, method names,
 * and ids as stable pseudonyms ({@code device#3f2a9c}) so that lines about one device still
 * correlate.
 *
 * <p>Fails closed: a line that starts like JSON but is not one JSON object is replaced whole by
 * {@code {"type":"redacted_line","reason":"unparseable"}}. Idempotent: redacting a redacted line
 * with the same redactor changes nothing. Pseudonyms are stable within one redactor and differ
 * between keys, so use one redactor (one key) per bundle. Thread-safe.
 */
public final class Redactor {

    private static final int KEY_BYTES = 32;

    private final RedactionRules rules;
    private final Pseudonyms pseudonyms;
    private final TextRedaction text;
    private final JsonRedaction json;

    /** A redactor whose pseudonyms are keyed by {@code pseudonymKey} (at least 16 bytes). */
    public Redactor(RedactionRules rules, byte[] pseudonymKey) {
        this(rules, pseudonymKey, System.getProperty("user.home"));
    }

    Redactor(RedactionRules rules, byte[] pseudonymKey, String userHome) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.pseudonyms = new Pseudonyms(Objects.requireNonNull(pseudonymKey, "pseudonymKey"));
        this.text = new TextRedaction(rules, pseudonyms, userHome);
        this.json = new JsonRedaction(text::apply, pseudonyms);
    }

    /** A redactor with a fresh random key: its pseudonyms cannot be linked to any other bundle's. */
    public static Redactor withRandomKey(RedactionRules rules) {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return new Redactor(rules, key);
    }

    public RedactionRules rules() {
        return rules;
    }

    /**
     * One line of unknown kind: a line starting with {@code {} (after blanks or a byte order mark)
     * is treated as JSON, any other as text.
     */
    public String redactLine(String line) {
        Objects.requireNonNull(line, "line");
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '{') {
                return redactJsonLine(line);
            }
            if (c != ' ' && c != '\t' && c != '\uFEFF') {
                break;
            }
        }
        return redactText(line);
    }

    /**
     * One JSONL line: the object with secret values replaced, id values pseudonymised and every
     * other string (and key) redacted as text; keys keep their order and numbers their spelling,
     * so a journal line stays readable by {@link JournalJson#parse}. Anything but one JSON object
     * gives {@code {"type":"redacted_line","reason":"unparseable"}}.
     */
    public String redactJsonLine(String line) {
        return json.redact(Objects.requireNonNull(line, "line"));
    }

    /** Plain text, e.g. one log line. */
    public String redactText(String text) {
        return this.text.apply(Objects.requireNonNull(text, "text"));
    }

    /**
     * Redacts every line of {@code in} to {@code out} in order, each ended by {@code \n}, using
     * all processors for large inputs. Neither stream is closed; {@code out} is flushed.
     *
     * @return the number of lines written
     */
    public long redact(BufferedReader in, Writer out) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        long lines = LineBatches.redact(in, out, this::redactLine);
        out.flush();
        return lines;
    }

    /**
     * Redacts the UTF-8 file {@code in} into {@code out} (created or replaced); bytes that are not
     * UTF-8 are read as U+FFFD.
     *
     * @return the number of lines written
     */
    public long redactFile(Path in, Path out) throws IOException {
        try (BufferedReader reader = utf8Reader(Files.newInputStream(in));
                Writer writer = new BufferedWriter(
                        new OutputStreamWriter(Files.newOutputStream(out), StandardCharsets.UTF_8), 1 << 16)) {
            return redact(reader, writer);
        }
    }

    /** A reader that decodes UTF-8 and replaces malformed bytes instead of failing half-way. */
    public static BufferedReader utf8Reader(InputStream in) {
        Reader decoder = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
        return new BufferedReader(decoder, 1 << 16);
    }
}
