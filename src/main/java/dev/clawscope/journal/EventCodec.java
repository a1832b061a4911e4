package dev.clawscope.journal;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes and reads the fields of {@link LinkEvent} records. A record's line type is its simple
 * name in snake_case and its fields are its components in declaration order, named in snake_case;
 * the record's constructor decides what is required, so a line it rejects is not an entry.
 */
final class EventCodec {

    private static final Map<String, Shape> BY_TYPE = new HashMap<>();
    private static final Map<Class<?>, Shape> BY_CLASS = new HashMap<>();

    static {
        for (Class<?> permitted : LinkEvent.class.getPermittedSubclasses()) {
            Shape shape = Shape.of(permitted.asSubclass(LinkEvent.class));
            BY_TYPE.put(snakeCase(permitted.getSimpleName()), shape);
            BY_CLASS.put(permitted, shape);
        }
    }

    private EventCodec() {
    }

    /** Adds the event's components to {@code line}, leaving out the optional ones that are {@code null}. */
    static void writeFields(LinkEvent event, JsonLine line) {
        for (Field field : BY_CLASS.get(event.getClass()).fields()) {
            Object value = field.get(event);
            if (value instanceof String s) {
                line.add(field.json(), s);
            } else if (value instanceof Integer || value instanceof Long) {
                line.add(field.json(), ((Number) value).longValue());
            } else if (value instanceof Double d) {
                line.add(field.json(), d.doubleValue());
            } else if (value instanceof Boolean b) {
                line.add(field.json(), b.booleanValue());
            } else if (value instanceof WireWord word) {
                line.add(field.json(), word.wire());
            } else if (value instanceof List<?> list) {
                line.add(field.json(), list.stream().map(String.class::cast).toList());
            } else if (value != null) {
                throw new IllegalStateException("no JSON form for " + field.json() + " of " + event.type());
            }
        }
    }

    /**
     * The event of {@code type} held by {@code object}; empty when the type is unknown, a field has
     * the wrong JSON type, or the record rejects the values (a required field is missing).
     */
    static Optional<LinkEvent> read(String type, JsonObject object) {
        Shape shape = BY_TYPE.get(type);
        if (shape == null) {
            return Optional.empty();
        }
        List<Field> fields = shape.fields();
        Object[] values = new Object[fields.size()];
        try {
            for (int i = 0; i < values.length; i++) {
                values[i] = value(fields.get(i).component().getType(), object.get(fields.get(i).json()));
            }
            return Optional.of(shape.constructor().newInstance(values));
        } catch (Unreadable | InvocationTargetException e) {
            return Optional.empty();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type, e);
        }
    }

    /** {@code tickIntervalMs} → {@code tick_interval_ms}, {@code HelloOk} → {@code hello_ok}. */
    static String snakeCase(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static Object value(Class<?> type, JsonElement element) throws Unreadable {
        if (element == null || element.isJsonNull()) {
            if (type.isPrimitive()) {
                throw new Unreadable();
            }
            return null;
        }
        if (type == List.class) {
            if (!element.isJsonArray()) {
                throw new Unreadable();
            }
            List<String> strings = new ArrayList<>(element.getAsJsonArray().size());
            for (JsonElement item : element.getAsJsonArray()) {
                strings.add(string(item));
            }
            return strings;
        }
        if (type == String.class) {
            return string(element);
        }
        if (WireWord.class.isAssignableFrom(type)) {
            return word(type, string(element));
        }
        JsonPrimitive primitive = element.isJsonPrimitive() ? element.getAsJsonPrimitive() : null;
        if (type == boolean.class || type == Boolean.class) {
            if (primitive == null || !primitive.isBoolean()) {
                throw new Unreadable();
            }
            return primitive.getAsBoolean();
        }
        if (primitive == null || !primitive.isNumber()) {
            throw new Unreadable();
        }
        try {
            BigDecimal number = new BigDecimal(primitive.getAsString());
            if (type == int.class || type == Integer.class) {
                return number.intValueExact();
            }
            if (type == long.class || type == Long.class) {
                return number.longValueExact();
            }
            if (type == double.class || type == Double.class) {
                return number.doubleValue();
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new Unreadable();
        }
        throw new IllegalStateException("no JSON form for " + type);
    }

    /** The constant of {@code type} written as {@code wire}; a word it does not know makes the line unreadable. */
    private static Object word(Class<?> type, String wire) throws Unreadable {
        for (Object constant : type.getEnumConstants()) {
            if (((WireWord) constant).wire().equals(wire)) {
                return constant;
            }
        }
        throw new Unreadable();
    }

    private static String string(JsonElement element) throws Unreadable {
        if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isString()) {
            throw new Unreadable();
        }
        return element.getAsString();
    }

    private record Shape(Constructor<? extends LinkEvent> constructor, List<Field> fields) {

        static Shape of(Class<? extends LinkEvent> type) {
            RecordComponent[] components = type.getRecordComponents();
            Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            try {
                return new Shape(type.getConstructor(types),
                        Arrays.stream(components).map(Field::of).toList());
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(type + " has no public canonical constructor", e);
            }
        }
    }

    private record Field(String json, RecordComponent component, Method accessor) {

        static Field of(RecordComponent component) {
            return new Field(snakeCase(component.getName()), component, component.getAccessor());
        }

        Object get(LinkEvent event) {
            try {
                return accessor.invoke(event);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + json + " of " + event.type(), e);
            }
        }
    }

    /** A JSON value that does not fit its component; the line is then not an entry. */
    private static final class Unreadable extends Exception {
        Unreadable() {
            super(null, null, false, false);
        }
    }
}
