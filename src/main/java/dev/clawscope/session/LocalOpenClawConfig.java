package dev.clawscope.session;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import dev.clawscope.protocol.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The gateway a local OpenClaw install runs: {@code gateway.port} and {@code gateway.auth.token}
 * from {@code $OPENCLAW_CONFIG_PATH}, else {@code ~/.openclaw/openclaw.json} (JSON5).
 */
public final class LocalOpenClawConfig {

    public static final int DEFAULT_PORT = 18789;
    public static final String ENV_PATH = "OPENCLAW_CONFIG_PATH";
    private static final long MAX_BYTES = 4 * 1024 * 1024;

    private LocalOpenClawConfig() {
    }

    /** What was found where. */
    public sealed interface Lookup {
        Path path();

        /** A config with a gateway section: connect to 127.0.0.1 on {@code port}. */
        record Found(Path path, int port, Secret token) implements Lookup {
            public Found {
                Objects.requireNonNull(path, "path");
            }

            public String url() {
                return "ws://127.0.0.1:" + port;
            }
        }

        /** No file there. */
        record Absent(Path path) implements Lookup {
        }

        /** A file that cannot be used, and why (never its content). */
        record Unusable(Path path, String reason) implements Lookup {
        }
    }

    public static Lookup find(Map<String, String> env, Path userHome) {
        String override = env.get(ENV_PATH);
        Path path = override != null && !override.isBlank() ? Path.of(override)
                : userHome.resolve(".openclaw").resolve("openclaw.json");
        return read(path);
    }

    public static Lookup read(Path path) {
        if (!Files.isRegularFile(path)) {
            return new Lookup.Absent(path);
        }
        String text;
        try {
            if (Files.size(path) > MAX_BYTES) {
                return new Lookup.Unusable(path, "larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
            }
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new Lookup.Unusable(path, "cannot be read: " + e.getMessage());
        }
        JsonElement root;
        try {
            root = Json5.parse(text);
        } catch (JsonParseException e) {
            return new Lookup.Unusable(path, e.getMessage());
        }
        if (!root.isJsonObject()) {
            return new Lookup.Unusable(path, "is not a JSON5 object");
        }
        Optional<JsonObject> gateway = object(root.getAsJsonObject(), "gateway");
        if (gateway.isEmpty()) {
            return new Lookup.Unusable(path, "has no gateway section");
        }
        int port = DEFAULT_PORT;
        JsonElement portValue = gateway.get().get("port");
        if (portValue != null && !portValue.isJsonNull()) {
            try {
                port = portValue.getAsInt();
            } catch (RuntimeException e) {
                return new Lookup.Unusable(path, "gateway.port is not a number");
            }
            if (port < 1 || port > 65_535) {
                return new Lookup.Unusable(path, "gateway.port " + port + " is out of range");
            }
        }
        Secret token = object(gateway.get(), "auth")
                .map(auth -> auth.get("token"))
                .filter(t -> t.isJsonPrimitive() && t.getAsJsonPrimitive().isString() && !t.getAsString().isBlank())
                .map(t -> Secret.of(t.getAsString()))
                .orElse(null);
        return new Lookup.Found(path, port, token);
    }

    private static Optional<JsonObject> object(JsonObject parent, String name) {
        JsonElement value = parent.get(name);
        return value != null && value.isJsonObject() ? Optional.of(value.getAsJsonObject()) : Optional.empty();
    }
}
