package dev.clawscope.journal;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Redacts one JSON object line: parsed strictly, walked recursively and written back with keys in
 * their order, numbers exactly as written and strings escaped like {@link JsonLine}, so a journal
 * line stays a journal line. Anything that is not one strict JSON object is replaced whole.
 */
final class JsonRedaction {

    /** What an unparseable line becomes: never the line itself. */
    static final String UNPARSEABLE = "{\"type\":\"redacted_line\",\"reason\":\"unparseable\"}";
    private static final TypeAdapter<JsonElement> ELEMENTS = new Gson().getAdapter(JsonElement.class);
    private static final String BOM = "\uFEFF";

    private final UnaryOperator<String> text;
    private final Pseudonyms pseudonyms;

    JsonRedaction(UnaryOperator<String> text, Pseudonyms pseudonyms) {
        this.text = text;
        this.pseudonyms = pseudonyms;
    }

    String redact(String line) {
        JsonObject object = parse(line.startsWith(BOM) ? line.substring(1) : line);
        if (object == null) {
            return UNPARSEABLE;
        }
        StringBuilder out = new StringBuilder(line.length() + 16);
        writeObject(object, out);
        return out.toString();
    }

    private static JsonObject parse(String line) {
        try {
            JsonReader reader = new JsonReader(new StringReader(line));
            reader.setStrictness(Strictness.STRICT);
            JsonElement root = ELEMENTS.read(reader);
            if (root == null || !root.isJsonObject() || reader.peek() != JsonToken.END_DOCUMENT) {
                return null;
            }
            return root.getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            // Malformed or non-standard JSON: the line cannot be trusted. (A repeated key keeps its
            // last value, and only what was parsed is ever written.)
            return null;
        } catch (StackOverflowError e) {
            return null;
        }
    }

    private void writeObject(JsonObject object, StringBuilder out) {
        out.append('{');
        boolean first = true;
        Set<String> taken = null;
        for (Map.Entry<String, JsonElement> member : object.entrySet()) {
            String key = member.getKey();
            String redactedKey = text.apply(key);
            if (!redactedKey.equals(key)) {
                // A redacted key must not collide with another key, or the line would lose a member.
                if (taken == null) {
                    taken = new HashSet<>(object.keySet());
                }
                String unique = redactedKey;
                for (int n = 2; taken.contains(unique); n++) {
                    unique = redactedKey + "#" + n;
                }
                redactedKey = unique;
                taken.add(redactedKey);
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            JsonLine.quote(out, redactedKey);
            out.append(':');
            JsonElement value = member.getValue();
            if (RedactionRules.isSecretKey(key) && !value.isJsonNull()) {
                JsonLine.quote(out, TextRedaction.REDACTED);
            } else {
                writeValue(value, RedactionRules.pseudonymKind(key), out);
            }
        }
        out.append('}');
    }

    /** {@code kind} is the pseudonym prefix when the value sits under an id key, else {@code null}. */
    private void writeValue(JsonElement value, String kind, StringBuilder out) {
        if (value.isJsonObject()) {
            writeObject(value.getAsJsonObject(), out);
        } else if (value.isJsonArray()) {
            JsonArray array = value.getAsJsonArray();
            out.append('[');
            for (int i = 0; i < array.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeValue(array.get(i), kind, out);
            }
            out.append(']');
        } else if (value.isJsonNull()) {
            out.append("null");
        } else {
            JsonPrimitive primitive = value.getAsJsonPrimitive();
            if (primitive.isString()) {
                String s = primitive.getAsString();
                JsonLine.quote(out, kind != null ? pseudonyms.of(kind, s) : text.apply(s));
            } else {
                // Strict parsing admits only JSON numbers and booleans here; both are written as read.
                out.append(primitive.getAsString());
            }
        }
    }
}
