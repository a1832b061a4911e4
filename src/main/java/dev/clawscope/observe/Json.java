package dev.clawscope.observe;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;

/** Lenient reads of a frame from an observed connection: a missing or wrong-typed field is null. */
final class Json {

    static final int MAX_WORD = 200;
    static final int MAX_LIST = 10_000;

    private Json() {
    }

    static JsonObject object(JsonObject o, String name) {
        JsonElement e = o == null ? null : o.get(name);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }

    /** A string field, made printable and short; null when absent or not a string. */
    static String string(JsonObject o, String name) {
        JsonElement e = o == null ? null : o.get(name);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            return null;
        }
        return Text.printable(e.getAsString(), MAX_WORD);
    }

    /** A request id: a string, or a number written as such. */
    static String id(JsonObject o) {
        JsonElement e = o.get("id");
        if (e == null || !e.isJsonPrimitive()) {
            return null;
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        return p.isString() || p.isNumber() ? Text.printable(p.getAsString(), MAX_WORD) : null;
    }

    static Boolean bool(JsonObject o, String name) {
        JsonElement e = o == null ? null : o.get(name);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean() ? e.getAsBoolean() : null;
    }

    /** A whole number, saturated into a long; null when absent, not a number or not whole. */
    static Long number(JsonObject o, String name) {
        JsonElement e = o == null ? null : o.get(name);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            return null;
        }
        try {
            double d = e.getAsDouble();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return null;
            }
            return d >= Long.MAX_VALUE ? Long.MAX_VALUE : d <= Long.MIN_VALUE ? Long.MIN_VALUE : (long) d;
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    static Integer integer(JsonObject o, String name) {
        Long n = number(o, name);
        return n == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n));
    }

    /** The strings of an array field, each made printable; null when absent or not an array. */
    static List<String> strings(JsonObject o, String name) {
        JsonElement e = o == null ? null : o.get(name);
        if (e == null || !e.isJsonArray()) {
            return null;
        }
        JsonArray array = e.getAsJsonArray();
        List<String> out = new ArrayList<>(Math.min(array.size(), MAX_LIST));
        for (JsonElement item : array) {
            if (out.size() == MAX_LIST) {
                break;
            }
            if (item.isJsonPrimitive() && item.getAsJsonPrimitive().isString()) {
                out.add(Text.printable(item.getAsString(), MAX_WORD));
            }
        }
        return out;
    }
}
