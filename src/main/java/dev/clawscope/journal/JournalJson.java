package dev.clawscope.journal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * The journal line contract: {@code {"seq":N,"ts":"2026-11-27T23:05:14.090Z","mono_ms":M,"gen":G,
 * "type":"…",…fields}}, keys in exactly that order, then the event's fields in declaration order.
 *
 * <p>Writing: an optional field that is {@code null} is left out; a required field is always
 * present. {@code ts} is UTC with exactly three fraction digits; {@code mono_ms} and other
 * doubles are plain decimals with a fraction ({@code 12.0}), never an exponent.
 *
 * <p>Reading is tolerant: unknown fields are ignored, numbers may be written in any JSON form
 * that holds the value exactly, and a leading byte order mark is skipped. A line of an unknown
 * {@code type}, or one that is not a complete entry, reads as empty: {@link LinkEvent} stays the
 * closed set of the contract, and tools that must keep every line (such as redaction) work on the
 * text instead.
 */
public final class JournalJson {

    private static final DateTimeFormatter TS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** Some editors start a UTF-8 file with a byte order mark; it is not part of the first line. */
    private static final String BOM = "\uFEFF";

    private JournalJson() {
    }

    /** The entry as one line of JSON, without a line terminator. */
    public static String toLine(JournalEntry entry) {
        Objects.requireNonNull(entry, "entry");
        JsonLine line = new JsonLine()
                .add("seq", entry.seq())
                .add("ts", TS.format(entry.ts()))
                .add("mono_ms", entry.monoMs())
                .add("gen", entry.gen())
                .add("type", entry.event().type());
        EventCodec.writeFields(entry.event(), line);
        return line.end();
    }

    /** The entry on {@code line}, or empty when the line is not an entry of a known type. */
    public static Optional<JournalEntry> parse(String line) {
        Objects.requireNonNull(line, "line");
        try {
            JsonElement root = JsonParser.parseString(line.startsWith(BOM) ? line.substring(1) : line);
            if (!root.isJsonObject()) {
                return Optional.empty();
            }
            JsonObject object = root.getAsJsonObject();
            Optional<Long> seq = integer(object, "seq");
            Optional<Long> gen = integer(object, "gen");
            Optional<Double> monoMs = number(object, "mono_ms").map(BigDecimal::doubleValue);
            Optional<String> ts = string(object, "ts");
            Optional<String> type = string(object, "type");
            if (seq.isEmpty() || gen.isEmpty() || monoMs.isEmpty() || ts.isEmpty() || type.isEmpty()
                    || !Double.isFinite(monoMs.get())) {
                return Optional.empty();
            }
            Instant instant = Instant.parse(ts.get());
            return EventCodec.read(type.get(), object)
                    .map(event -> new JournalEntry(seq.get(), instant, monoMs.get(), gen.get(), event));
        } catch (JsonParseException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> string(JsonObject object, String name) {
        return primitive(object, name).filter(JsonPrimitive::isString).map(JsonPrimitive::getAsString);
    }

    private static Optional<Long> integer(JsonObject object, String name) {
        try {
            return number(object, name).map(BigDecimal::longValueExact);
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }

    private static Optional<BigDecimal> number(JsonObject object, String name) {
        try {
            return primitive(object, name).filter(JsonPrimitive::isNumber)
                    .map(p -> new BigDecimal(p.getAsString()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<JsonPrimitive> primitive(JsonObject object, String name) {
        JsonElement element = object.get(name);
        return element != null && element.isJsonPrimitive()
                ? Optional.of(element.getAsJsonPrimitive()) : Optional.empty();
    }
}
