package dev.clawscope.settings;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code settings.json} in the settings folder, read leniently: a file edited by hand or written by
 * an older or newer version keeps every known key it holds with a usable value, the keys it lacks
 * (or holds with a wrong type or out of range) take their defaults, and keys this version does not
 * know are kept when the settings are saved again. Only a file that is not a JSON object at all is
 * set aside (renamed to {@code settings.json.unreadable}) so that nothing the user wrote is lost;
 * {@link #notice()} then says so, with the path, for the window's status line.
 */
public final class SettingsStore {

    public static final String FILE_NAME = "settings.json";
    private static final String SET_ASIDE = FILE_NAME + ".unreadable";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();
    private static final RecordComponent[] KEYS = AppSettings.class.getRecordComponents();
    private static final Set<String> KNOWN = Arrays.stream(KEYS).map(RecordComponent::getName).collect(Collectors.toSet());
    /**
     * The link's former defaults. Earlier versions wrote every key on save, so a file holding all keys
     * holds these because they were the defaults then, not because someone chose them: such values
     * give way to today's defaults (and the notice says so). Files written now hold only what differs
     * from the defaults, so later changes of a default reach everyone who did not choose otherwise.
     */
    private static final Map<String, Object> FORMER_DEFAULTS = Map.of(
            "backoff", "full-jitter", "wsPingMs", 15_000L, "pongDeadlineMs", 10_000L);

    private final Path file;
    /** What the last {@link #load()} had to tell the user; null when nothing. */
    private volatile String notice;

    public SettingsStore(Path settingsDirectory) {
        this.file = Objects.requireNonNull(settingsDirectory, "settingsDirectory").resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** What the last {@link #load()} did that the user should know: a file set aside, values ignored. */
    public Optional<String> notice() {
        return Optional.ofNullable(notice);
    }

    /** The saved settings over the defaults; the defaults alone when there is no file or it is not JSON. */
    public AppSettings load() {
        notice = null;
        if (!Files.exists(file)) {
            return AppSettings.defaults();
        }
        JsonObject saved;
        try {
            saved = readObject();
        } catch (IOException | JsonParseException | IllegalStateException e) {
            setAside(e);
            return AppSettings.defaults();
        }
        List<String> ignored = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        if (saved.keySet().containsAll(KNOWN)) {
            for (Map.Entry<String, Object> former : FORMER_DEFAULTS.entrySet()) {
                Class<?> type = former.getValue() instanceof Long ? long.class : String.class;
                if (former.getValue().equals(value(type, saved.get(former.getKey())))) {
                    updated.add(former.getKey());
                }
            }
            updated.forEach(saved::remove);
        }
        AppSettings settings = overDefaults(saved, ignored);
        List<String> said = new ArrayList<>();
        if (!ignored.isEmpty()) {
            said.add("Settings: ignored " + String.join(", ", ignored) + " in " + file + "; using the defaults for "
                    + (ignored.size() == 1 ? "it" : "them") + ".");
        }
        if (!updated.isEmpty()) {
            updated.sort(null);
            said.add("Settings: " + String.join(", ", updated) + " held the former default" + (updated.size() == 1 ? "" : "s")
                    + " and now follow" + (updated.size() == 1 ? "s" : "") + " today's (" + describe(settings, updated)
                    + "); set " + (updated.size() == 1 ? "it" : "them") + " in Settings to keep another value.");
        }
        notice = said.isEmpty() ? null : String.join(" ", said);
        return settings;
    }

    /** Writes {@code settings}, keeping the keys of the file on disk that this version does not know. */
    public void save(AppSettings settings) throws IOException {
        String problem = settings.problem();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        JsonObject out = GSON.toJsonTree(settings).getAsJsonObject();
        JsonObject defaults = GSON.toJsonTree(AppSettings.defaults()).getAsJsonObject();
        defaults.entrySet().stream().filter(e -> e.getValue().equals(out.get(e.getKey()))).map(Map.Entry::getKey)
                .toList().forEach(out::remove);
        unknownKeysOnDisk().entrySet().forEach(e -> out.add(e.getKey(), e.getValue()));
        PrivateFiles.write(file, GSON.toJson(out));
    }

    private JsonObject readObject() throws IOException {
        JsonElement parsed = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
        if (!parsed.isJsonObject()) {
            throw new JsonParseException("not a JSON object");
        }
        return parsed.getAsJsonObject();
    }

    private JsonObject unknownKeysOnDisk() {
        JsonObject unknown = new JsonObject();
        try {
            if (Files.exists(file)) {
                readObject().entrySet().stream().filter(e -> !KNOWN.contains(e.getKey()))
                        .forEach(e -> unknown.add(e.getKey(), e.getValue()));
            }
        } catch (IOException | JsonParseException | IllegalStateException e) {
            // nothing to keep from a file that is not a JSON object
        }
        return unknown;
    }

    /** E.g. {@code backoff paced-jitter, wsPingMs 5000}. */
    private static String describe(AppSettings settings, List<String> keys) {
        JsonObject values = GSON.toJsonTree(settings).getAsJsonObject();
        return keys.stream().map(k -> k + " " + values.get(k).getAsString()).collect(Collectors.joining(", "));
    }

    private void setAside(Exception why) {
        Path aside = file.resolveSibling(SET_ASIDE);
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            notice = "Settings: " + file + " is not JSON (" + why.getClass().getSimpleName() + "); it was set aside as "
                    + aside + " and the defaults are in use.";
        } catch (IOException e) {
            notice = "Settings: " + file + " is not JSON and could not be set aside (" + e.getMessage()
                    + "); the defaults are in use.";
        }
    }

    /**
     * The defaults with each known key of {@code saved} applied in declaration order (so {@code
     * allowInsecure} comes before the URL it allows), unless its type is wrong or the settings would
     * no longer be valid with it; those keys go to {@code ignored}.
     */
    private static AppSettings overDefaults(JsonObject saved, List<String> ignored) {
        AppSettings settings = AppSettings.defaults();
        for (int i = 0; i < KEYS.length; i++) {
            JsonElement element = saved.get(KEYS[i].getName());
            if (element == null || element.isJsonNull()) {
                continue;
            }
            Object value = value(KEYS[i].getType(), element);
            AppSettings candidate = value == null ? null : with(settings, i, value);
            if (candidate == null || candidate.problem() != null) {
                ignored.add(KEYS[i].getName());
            } else {
                settings = candidate;
            }
        }
        return settings;
    }

    /** {@code element} as a component of {@code type}; null when it is not one. */
    private static Object value(Class<?> type, JsonElement element) {
        if (!element.isJsonPrimitive()) {
            return null;
        }
        JsonPrimitive primitive = element.getAsJsonPrimitive();
        if (type == String.class) {
            return primitive.isString() ? primitive.getAsString() : null;
        }
        if (type == boolean.class) {
            return primitive.isBoolean() ? primitive.getAsBoolean() : null;
        }
        if (type == long.class && primitive.isNumber()) {
            try {
                return primitive.getAsBigDecimal().longValueExact();
            } catch (ArithmeticException e) {
                return null;
            }
        }
        return null;
    }

    private static AppSettings with(AppSettings settings, int index, Object value) {
        Object[] values = new Object[KEYS.length];
        try {
            for (int i = 0; i < KEYS.length; i++) {
                values[i] = i == index ? value : KEYS[i].getAccessor().invoke(settings);
            }
            Class<?>[] types = Arrays.stream(KEYS).map(RecordComponent::getType).toArray(Class<?>[]::new);
            Constructor<AppSettings> canonical = AppSettings.class.getDeclaredConstructor(types);
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            return null; // the record refused the value
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build settings", e);
        }
    }
}
