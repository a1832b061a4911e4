package dev.clawscope.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Typed access to the fields of one JSON object, reporting the dotted path of a bad field through
 * {@link FieldException}. Optional getters treat an absent field and JSON {@code null} alike.
 */
final class FieldReader {

    /** The longest number literal read as a hint, Gson's own limit; a frame's reader stops far shorter ones. */
    static final int MAX_NUMBER_CHARS = 10_000;
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);

    private final JsonObject object;
    private final String path;

    private FieldReader(JsonObject object, String path) {
        this.object = object;
        this.path = path;
    }

    /** Reads a typed payload out of a named event; a field problem becomes an invalid result. */
    static <T> PayloadResult<T> eventPayload(EventFrame frame, String event, PayloadParser<T> parser) {
        Objects.requireNonNull(frame, "frame");
        if (!event.equals(frame.event())) {
            return new PayloadResult.Invalid<>("event", FieldProblem.WRONG_VALUE, "not a " + event + " event");
        }
        try {
            return new PayloadResult.Valid<>(parser.parse(of(frame.payload(), "payload")));
        } catch (FieldException e) {
            return e.toResult();
        }
    }

    /** Builds a value from a payload's fields. */
    @FunctionalInterface
    interface PayloadParser<T> {
        T parse(FieldReader payload) throws FieldException;
    }

    /** Reads {@code element} as the object at {@code path}. */
    static FieldReader of(JsonElement element, String path) {
        return new FieldReader(requireObject(element, path), path);
    }

    /** Reads {@code element}, called {@code name} in errors, with member paths relative to it. */
    static FieldReader root(JsonElement element, String name) {
        return new FieldReader(requireObject(element, name), "");
    }

    /** The JSON type of {@code element} in words; never its content. */
    static String typeName(JsonElement element) {
        if (element == null || element.isJsonNull()) {
            return "null";
        }
        if (element.isJsonObject()) {
            return "object";
        }
        if (element.isJsonArray()) {
            return "array";
        }
        JsonPrimitive p = element.getAsJsonPrimitive();
        return p.isBoolean() ? "boolean" : p.isNumber() ? "number" : "string";
    }

    /** The object this reader reads. */
    JsonObject json() {
        return object;
    }

    /** The field as on the wire: {@code null} when absent, {@code JsonNull} when {@code null}. */
    JsonElement raw(String name) {
        return object.get(name);
    }

    boolean has(String name) {
        JsonElement e = object.get(name);
        return e != null && !e.isJsonNull();
    }

    String string(String name) {
        return stringOf(required(name), at(name));
    }

    /** A required string that is not empty or whitespace only. */
    String nonBlankString(String name) {
        String value = string(name);
        if (value.isBlank()) {
            throw new FieldException(FieldProblem.WRONG_TYPE, at(name),
                    "field '" + at(name) + "' must be a non-empty string, got an empty string");
        }
        return value;
    }

    String optString(String name) {
        return has(name) ? string(name) : null;
    }

    boolean bool(String name) {
        JsonElement e = required(name);
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean()) {
            return e.getAsBoolean();
        }
        throw wrongType(at(name), "a boolean", e);
    }

    Boolean optBool(String name) {
        return has(name) ? bool(name) : null;
    }

    long nonNegativeLong(String name) {
        return nonNegativeLongOf(required(name), at(name));
    }

    int nonNegativeInt(String name) {
        long value = nonNegativeLong(name);
        if (value > Integer.MAX_VALUE) {
            throw wrongType(at(name), "a non-negative 32-bit integer", raw(name));
        }
        return (int) value;
    }

    Long optNonNegativeLong(String name) {
        return has(name) ? nonNegativeLong(name) : null;
    }

    /**
     * A number the gateway sends as a hint, which the client judges itself: any sign, a fraction
     * rounded up, beyond the long range saturated to {@code Long.MAX_VALUE} or {@code
     * Long.MIN_VALUE}. Only a literal over {@value #MAX_NUMBER_CHARS} characters or with an
     * exponent beyond the int range is refused.
     */
    long saturatedLong(String name) {
        return saturatedLongOf(required(name), at(name));
    }

    Long optSaturatedLong(String name) {
        return has(name) ? saturatedLong(name) : null;
    }

    FieldReader object(String name) {
        return of(required(name), at(name));
    }

    FieldReader optObject(String name) {
        return has(name) ? object(name) : null;
    }

    JsonArray array(String name) {
        JsonElement e = required(name);
        if (e.isJsonArray()) {
            return e.getAsJsonArray();
        }
        throw wrongType(at(name), "an array", e);
    }

    List<String> stringList(String name) {
        JsonArray array = array(name);
        List<String> values = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            values.add(stringOf(array.get(i), at(name) + "[" + i + "]"));
        }
        return List.copyOf(values);
    }

    /** An optional string list; absent reads as an empty list. */
    List<String> optStringList(String name) {
        return has(name) ? stringList(name) : List.of();
    }

    String at(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    static long nonNegativeLongOf(JsonElement e, String field) {
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            try {
                BigDecimal value = e.getAsBigDecimal();
                if (value.signum() >= 0) {
                    return value.longValueExact();
                }
            } catch (ArithmeticException | NumberFormatException outOfRange) {
                // fractional, too large or too many digits: reported as a type error below
            }
        }
        throw wrongType(field, "a non-negative integer", e);
    }

    private static long saturatedLongOf(JsonElement e, String field) {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw wrongType(field, "a number", e);
        }
        String literal = e.getAsString();
        if (literal.length() <= MAX_NUMBER_CHARS) {
            try {
                return saturated(new BigDecimal(literal));
            } catch (NumberFormatException unreadable) {
                // an exponent beyond the int range: reported below
            }
        }
        throw new FieldException(FieldProblem.WRONG_TYPE, field, "field '" + field
                + "' must be a number of at most " + MAX_NUMBER_CHARS
                + " characters with an exponent in the int range, got a number beyond that");
    }

    /**
     * {@code value} rounded up and held to the long range. The range checks come first: they only
     * compare exponents, where rounding {@code 1e-999999999} would have to compute 10^999999999.
     */
    private static long saturated(BigDecimal value) {
        if (value.compareTo(LONG_MAX) >= 0) {
            return Long.MAX_VALUE;
        }
        if (value.compareTo(LONG_MIN) <= 0) {
            return Long.MIN_VALUE;
        }
        if (value.abs().compareTo(BigDecimal.ONE) < 0) {
            return value.signum() > 0 ? 1 : 0;
        }
        return value.setScale(0, RoundingMode.CEILING).longValueExact();
    }

    static FieldException missing(String field) {
        return new FieldException(FieldProblem.MISSING, field,
                "missing required field '" + field + "'");
    }

    static FieldException wrongType(String field, String expected, JsonElement actual) {
        return new FieldException(FieldProblem.WRONG_TYPE, field,
                "field '" + field + "' must be " + expected + ", got " + typeName(actual));
    }

    private static JsonObject requireObject(JsonElement element, String path) {
        if (element == null || element.isJsonNull()) {
            throw missing(path);
        }
        if (!element.isJsonObject()) {
            throw wrongType(path, "an object", element);
        }
        return element.getAsJsonObject();
    }

    private JsonElement required(String name) {
        JsonElement e = object.get(name);
        if (e == null) {
            throw missing(at(name));
        }
        return e;
    }

    private static String stringOf(JsonElement e, String field) {
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            return e.getAsString();
        }
        throw wrongType(field, "a string", e);
    }
}
