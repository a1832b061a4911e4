package dev.clawscope.journal;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.function.UnaryOperator;

/**
 * Redacts one JSON object line in a single streaming pass: keys keep their order, numbers are
 * written exactly as read and strings are escaped like {@link JsonLine}, so a journal line stays a
 * journal line. Anything that is not exactly one strict JSON object is replaced whole; the output
 * is built aside and only returned once the whole line has parsed.
 */
final class JsonRedaction {

    /** What an unparseable line becomes: never the line itself. */
    static final String UNPARSEABLE = "{\"type\":\"redacted_line\",\"reason\":\"unparseable\"}";
    private static final String BOM = "\uFEFF";

    private final UnaryOperator<String> text;
    private final Pseudonyms pseudonyms;

    JsonRedaction(UnaryOperator<String> text, Pseudonyms pseudonyms) {
        this.text = text;
        this.pseudonyms = pseudonyms;
    }

    String redact(String line) {
        JsonReader reader = new JsonReader(new StringReader(line.startsWith(BOM) ? line.substring(1) : line));
        reader.setStrictness(Strictness.STRICT);
        StringBuilder out = new StringBuilder(line.length() + 16);
        try {
            if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                return UNPARSEABLE;
            }
            writeObject(reader, out);
            return reader.peek() == JsonToken.END_DOCUMENT ? out.toString() : UNPARSEABLE;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            // Malformed or non-standard JSON, or nesting deeper than the reader allows.
            return UNPARSEABLE;
        }
    }

    private void writeObject(JsonReader reader, StringBuilder out) throws IOException {
        reader.beginObject();
        out.append('{');
        boolean first = true;
        while (reader.hasNext()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            String key = reader.nextName();
            // Keys are redacted too: a map keyed by token must not keep the token.
            JsonLine.quote(out, text.apply(key));
            out.append(':');
            KeyKind kind = KeyKind.of(key);
            if (kind.secret()) {
                if (reader.peek() == JsonToken.NULL) {
                    reader.nextNull();
                    out.append("null");
                } else {
                    reader.skipValue();
                    JsonLine.quote(out, TextRedaction.REDACTED);
                }
            } else {
                writeValue(reader, kind.pseudonym(), out);
            }
        }
        reader.endObject();
        out.append('}');
    }

    /** {@code pseudonym} is the prefix when the value sits under an id key, else {@code null}. */
    private void writeValue(JsonReader reader, String pseudonym, StringBuilder out) throws IOException {
        switch (reader.peek()) {
            case BEGIN_OBJECT -> writeObject(reader, out);
            case BEGIN_ARRAY -> {
                reader.beginArray();
                out.append('[');
                boolean first = true;
                while (reader.hasNext()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    writeValue(reader, pseudonym, out);
                }
                reader.endArray();
                out.append(']');
            }
            case STRING -> {
                String value = reader.nextString();
                JsonLine.quote(out, pseudonym != null ? pseudonyms.of(pseudonym, value) : text.apply(value));
            }
            // A strict reader returns a number's own spelling, so 12.0 stays 12.0.
            case NUMBER -> out.append(reader.nextString());
            case BOOLEAN -> out.append(reader.nextBoolean());
            case NULL -> {
                reader.nextNull();
                out.append("null");
            }
            default -> throw new IllegalStateException("unexpected " + reader.peek());
        }
    }
}
