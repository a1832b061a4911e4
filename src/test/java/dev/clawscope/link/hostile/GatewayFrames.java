package dev.clawscope.link.hostile;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * OpenClaw frames a gateway sends, as text: the challenge and the hello-ok as a real 2026.9.6
 * gateway sent them (test resource {@code frames/hello-ok-token-only-cli.json}), with any field
 * overridable, and the error, event and shutdown shapes of the protocol notes.
 */
public final class GatewayFrames {

    /** {@code ts} of a challenge captured from the real gateway. */
    public static final long CHALLENGE_TS = 1795804519090L;
    private static final JsonObject REAL_HELLO_OK = load("/frames/hello-ok-token-only-cli.json");

    private GatewayFrames() {
    }

    /** {@code connect.challenge} as the real gateway sends it: a fresh nonce, a ts, its capabilities. */
    public static String challenge() {
        JsonObject payload = new JsonObject();
        payload.addProperty("nonce", UUID.randomUUID().toString());
        payload.addProperty("ts", CHALLENGE_TS);
        JsonArray caps = new JsonArray();
        caps.add("model-catalog-snapshot");
        payload.add("capabilities", caps);
        JsonObject frame = new JsonObject();
        frame.addProperty("type", "event");
        frame.addProperty("event", "connect.challenge");
        frame.add("payload", payload);
        return frame.toString();
    }

    /** A hello-ok to start from: the captured one; change it with the methods of {@link Hello}. */
    public static Hello hello() {
        return new Hello(REAL_HELLO_OK.getAsJsonObject("payload").deepCopy());
    }

    /** The captured hello-ok cut to its required fields (about 400 bytes), for writing it slowly. */
    public static Hello minimalHello() {
        JsonObject real = REAL_HELLO_OK.getAsJsonObject("payload");
        JsonObject payload = new JsonObject();
        payload.add("type", real.get("type"));
        payload.add("protocol", real.get("protocol"));
        JsonObject server = new JsonObject();
        server.add("version", real.getAsJsonObject("server").get("version"));
        server.add("connId", real.getAsJsonObject("server").get("connId"));
        payload.add("server", server);
        JsonObject features = new JsonObject();
        features.add("methods", new JsonArray());
        features.add("events", new JsonArray());
        payload.add("features", features);
        JsonObject snapshot = new JsonObject();
        snapshot.add("presence", new JsonArray());
        snapshot.add("health", new JsonObject());
        snapshot.add("stateVersion", real.getAsJsonObject("snapshot").get("stateVersion"));
        snapshot.add("uptimeMs", real.getAsJsonObject("snapshot").get("uptimeMs"));
        payload.add("snapshot", snapshot);
        JsonObject auth = new JsonObject();
        auth.add("role", real.getAsJsonObject("auth").get("role"));
        auth.add("scopes", real.getAsJsonObject("auth").get("scopes"));
        payload.add("auth", auth);
        JsonObject policy = new JsonObject();
        for (String field : List.of("maxPayload", "maxBufferedBytes", "tickIntervalMs")) {
            policy.add(field, real.getAsJsonObject("policy").get(field));
        }
        payload.add("policy", policy);
        return new Hello(payload.deepCopy());
    }

    /** A successful {@code res} with an empty payload. */
    public static String ok(String id) {
        JsonObject frame = new JsonObject();
        frame.addProperty("type", "res");
        frame.addProperty("id", id);
        frame.addProperty("ok", true);
        frame.add("payload", new JsonObject());
        return frame.toString();
    }

    /**
     * A failed {@code res}: {@code retryAfterMs} (any JSON number, or null for none) and
     * {@code details} (or null) as given.
     */
    public static String error(String id, String code, String message, boolean retryable, JsonElement retryAfterMs,
                               JsonObject details) {
        JsonObject error = new JsonObject();
        error.addProperty("code", code);
        error.addProperty("message", message);
        if (details != null) {
            error.add("details", details);
        }
        error.addProperty("retryable", retryable);
        if (retryAfterMs != null) {
            error.add("retryAfterMs", retryAfterMs);
        }
        JsonObject frame = new JsonObject();
        frame.addProperty("type", "res");
        frame.addProperty("id", id);
        frame.addProperty("ok", false);
        frame.add("error", error);
        return frame.toString();
    }

    /** The gateway's answer to a connect while it starts: UNAVAILABLE with {@code retryAfterMs}. */
    public static String startingUp(String id, JsonElement retryAfterMs) {
        JsonObject details = new JsonObject();
        details.addProperty("reason", "startup-sidecars");
        return error(id, "UNAVAILABLE", "gateway starting", true, retryAfterMs, details);
    }

    /** The gateway's answer to a connect whose protocol range it does not speak (then close 1002). */
    public static String protocolMismatch(String id) {
        JsonObject details = new JsonObject();
        details.addProperty("code", "PROTOCOL_MISMATCH");
        details.addProperty("clientMinProtocol", 4);
        details.addProperty("clientMaxProtocol", 4);
        details.addProperty("expectedProtocol", 5);
        details.addProperty("minimumProbeProtocol", 3);
        return error(id, "INVALID_REQUEST", "protocol mismatch", false, null, details);
    }

    /** An event; {@code payload} any JSON (or null for none), {@code seq} null for none. */
    public static String event(String name, JsonElement payload, Long seq) {
        JsonObject frame = new JsonObject();
        frame.addProperty("type", "event");
        frame.addProperty("event", name);
        if (payload != null) {
            frame.add("payload", payload);
        }
        if (seq != null) {
            frame.addProperty("seq", seq);
        }
        return frame.toString();
    }

    public static String tick(long seq) {
        JsonObject payload = new JsonObject();
        payload.addProperty("ts", CHALLENGE_TS + seq);
        return event("tick", payload, seq);
    }

    /** {@code shutdown} with {@code restartExpectedMs} as given (a number, a string, …; null for none). */
    public static String shutdown(long seq, JsonElement restartExpectedMs) {
        JsonObject payload = new JsonObject();
        payload.addProperty("reason", "gateway restarting");
        if (restartExpectedMs != null) {
            payload.add("restartExpectedMs", restartExpectedMs);
        }
        return event("shutdown", payload, seq);
    }

    /** A JSON number written exactly as {@code digits} (beyond what a double holds). */
    public static JsonElement number(String digits) {
        return JsonParser.parseString(digits);
    }

    public static JsonElement number(long value) {
        return new JsonPrimitive(value);
    }

    /** A hello-ok payload being changed; {@link #frame} makes the {@code res} text. */
    public static final class Hello {
        private final JsonObject payload;

        private Hello(JsonObject payload) {
            this.payload = payload;
        }

        public Hello tickIntervalMs(JsonElement value) {
            payload.getAsJsonObject("policy").add("tickIntervalMs", value);
            return this;
        }

        public Hello maxPayload(JsonElement value) {
            payload.getAsJsonObject("policy").add("maxPayload", value);
            return this;
        }

        public Hello methods(List<String> methods) {
            JsonArray list = new JsonArray();
            methods.forEach(list::add);
            payload.getAsJsonObject("features").add("methods", list);
            return this;
        }

        public Hello scopes(List<String> scopes) {
            JsonArray list = new JsonArray();
            scopes.forEach(list::add);
            payload.getAsJsonObject("auth").add("scopes", list);
            return this;
        }

        /** Any other change to the payload. */
        public Hello edit(Consumer<JsonObject> change) {
            change.accept(payload);
            return this;
        }

        /** The {@code res} frame answering request {@code id}. */
        public String frame(String id) {
            JsonObject frame = new JsonObject();
            frame.addProperty("type", "res");
            frame.addProperty("id", id);
            frame.addProperty("ok", true);
            frame.add("payload", payload);
            return frame.toString();
        }
    }

    private static JsonObject load(String resource) {
        try (InputStream in = GatewayFrames.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
