package dev.clawscope.scenario;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import dev.clawscope.link.BackoffPolicies;
import dev.clawscope.sim.PairingMode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a scenario from JSON:
 * <pre>
 * {
 *   "name": "blackhole",
 *   "description": "…",
 *   "sim":  {"tick": "300ms", "ws_ping": "25s", "pairing": "auto", "startup": "0ms"},
 *   "link": {"ping": "500ms", "pong_deadline": "500ms", "tick_watchdog": 2, "backoff": "full-jitter",
 *            "stable_period": "10s", "pairing_retry_min": "15s", "probe": "0ms", "token": "…"},
 *   "steps": ["connect", "await hello_ok within 5s", {"fault": "blackhole"}, …]
 * }
 * </pre>
 * {@code sim} and {@code link} are optional and default per key ({@link SimSettings#defaults()},
 * {@link LinkSettings#defaults()}). A step is a string in {@link StepSyntax}'s forms or an object
 * with one key, {@code {"fault": "blackhole"}} meaning {@code fault blackhole}. Unknown keys are errors.
 */
public final class ScenarioParser {

    private static final Set<String> TOP = Set.of("name", "description", "sim", "link", "steps");
    private static final Set<String> SIM = Set.of("tick", "ws_ping", "pairing", "startup");
    private static final Set<String> LINK = Set.of("ping", "pong_deadline", "tick_watchdog", "backoff",
            "stable_period", "pairing_retry_min", "probe", "token");

    private ScenarioParser() {
    }

    public static Scenario parse(Path file) throws ScenarioFormatException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScenarioFormatException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            return parse(text);
        } catch (ScenarioFormatException e) {
            throw new ScenarioFormatException(file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    public static Scenario parse(String json) throws ScenarioFormatException {
        JsonElement root;
        try {
            JsonReader reader = new JsonReader(new StringReader(json));
            reader.setStrictness(Strictness.STRICT);
            root = JsonParser.parseReader(reader);
        } catch (JsonParseException e) {
            String message = e.getCause() != null && e.getCause().getMessage() != null
                    ? e.getCause().getMessage() : e.getMessage();
            throw new ScenarioFormatException("not valid JSON: " + firstLine(message), e);
        }
        if (!root.isJsonObject()) {
            throw new ScenarioFormatException("a scenario is a JSON object with name, description and steps");
        }
        JsonObject top = root.getAsJsonObject();
        unknownKeys(top, TOP, "");
        String name = requiredString(top, "name");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw new ScenarioFormatException("name: use letters, digits, '-', '_' or '.', got '" + name + "'");
        }
        String description = top.has("description") ? string(top.get("description"), "description") : "";
        SimSettings sim = sim(object(top, "sim"));
        LinkSettings link = link(object(top, "link"));
        if (!top.has("steps") || !top.get("steps").isJsonArray() || top.getAsJsonArray("steps").isEmpty()) {
            throw new ScenarioFormatException("steps: expected a non-empty array of steps");
        }
        List<Step> steps = new ArrayList<>();
        int index = 0;
        for (JsonElement element : top.getAsJsonArray("steps")) {
            index++;
            String text = stepText(element, index);
            try {
                steps.add(StepSyntax.parse(text));
            } catch (IllegalArgumentException e) {
                throw new ScenarioFormatException("step " + index + " ('" + text + "'): " + e.getMessage(), e);
            }
        }
        return new Scenario(name, description, sim, link, steps);
    }

    private static String stepText(JsonElement element, int index) throws ScenarioFormatException {
        if (element.isJsonPrimitive() && element.getAsJsonPrimitive().isString()) {
            return element.getAsString();
        }
        if (element.isJsonObject() && element.getAsJsonObject().size() == 1) {
            Map.Entry<String, JsonElement> only = element.getAsJsonObject().entrySet().iterator().next();
            JsonElement value = only.getValue();
            if (value.isJsonPrimitive()) {
                return only.getKey() + " " + value.getAsString();
            }
        }
        throw new ScenarioFormatException("step " + index + ": expected a string such as \"fault blackhole\" or an "
                + "object with one key such as {\"fault\": \"blackhole\"}, got " + element);
    }

    private static SimSettings sim(JsonObject o) throws ScenarioFormatException {
        SimSettings d = SimSettings.defaults();
        if (o == null) {
            return d;
        }
        unknownKeys(o, SIM, "sim.");
        PairingMode pairing = d.pairing();
        if (o.has("pairing")) {
            String mode = string(o.get("pairing"), "sim.pairing").toUpperCase(Locale.ROOT);
            try {
                pairing = PairingMode.valueOf(mode);
            } catch (IllegalArgumentException e) {
                throw new ScenarioFormatException("sim.pairing: expected auto or manual, got '" + o.get("pairing").getAsString() + "'");
            }
        }
        return new SimSettings(positive(o, "tick", "sim.", d.tick()), positive(o, "ws_ping", "sim.", d.wsPing()),
                pairing, duration(o, "startup", "sim.", d.startup()));
    }

    private static LinkSettings link(JsonObject o) throws ScenarioFormatException {
        LinkSettings d = LinkSettings.defaults();
        if (o == null) {
            return d;
        }
        unknownKeys(o, LINK, "link.");
        int watchdog = d.tickWatchdog();
        if (o.has("tick_watchdog")) {
            JsonElement value = o.get("tick_watchdog");
            if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber() || value.getAsDouble() < 0
                    || value.getAsDouble() != Math.rint(value.getAsDouble())) {
                throw new ScenarioFormatException("link.tick_watchdog: expected a whole number >= 0, got " + value);
            }
            watchdog = value.getAsInt();
        }
        String backoff = o.has("backoff") ? string(o.get("backoff"), "link.backoff") : d.backoff();
        if (BackoffPolicies.byName(backoff).isEmpty()) {
            throw new ScenarioFormatException("link.backoff: unknown policy '" + backoff + "'; known: "
                    + String.join(", ", BackoffPolicies.names()));
        }
        String token = o.has("token") ? string(o.get("token"), "link.token") : null;
        Duration deadline = positive(o, "pong_deadline", "link.", d.pongDeadline());
        return new LinkSettings(duration(o, "ping", "link.", d.wsPing()), deadline, watchdog, backoff,
                duration(o, "stable_period", "link.", d.stablePeriod()),
                duration(o, "pairing_retry_min", "link.", d.pairingRetryMin()),
                duration(o, "probe", "link.", d.probe()), token);
    }

    private static JsonObject object(JsonObject top, String key) throws ScenarioFormatException {
        if (!top.has(key)) {
            return null;
        }
        if (!top.get(key).isJsonObject()) {
            throw new ScenarioFormatException(key + ": expected an object of settings");
        }
        return top.getAsJsonObject(key);
    }

    private static void unknownKeys(JsonObject o, Set<String> known, String prefix) throws ScenarioFormatException {
        for (String key : o.keySet()) {
            if (!known.contains(key)) {
                throw new ScenarioFormatException(prefix + key + ": unknown key; known keys: "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    private static String requiredString(JsonObject o, String key) throws ScenarioFormatException {
        if (!o.has(key)) {
            throw new ScenarioFormatException(key + ": missing");
        }
        return string(o.get(key), key);
    }

    private static String string(JsonElement value, String where) throws ScenarioFormatException {
        if (value instanceof JsonPrimitive p && p.isString()) {
            return p.getAsString();
        }
        throw new ScenarioFormatException(where + ": expected a string, got " + value);
    }

    private static Duration duration(JsonObject o, String key, String prefix, Duration fallback)
            throws ScenarioFormatException {
        if (!o.has(key)) {
            return fallback;
        }
        try {
            return StepSyntax.duration(string(o.get(key), prefix + key));
        } catch (IllegalArgumentException e) {
            throw new ScenarioFormatException(prefix + key + ": " + e.getMessage(), e);
        }
    }

    private static Duration positive(JsonObject o, String key, String prefix, Duration fallback)
            throws ScenarioFormatException {
        Duration d = duration(o, key, prefix, fallback);
        if (d.isZero()) {
            throw new ScenarioFormatException(prefix + key + ": must be more than zero");
        }
        return d;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
