package dev.clawscope.settings;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.clawscope.link.DeviceTokenStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Device tokens in {@code device-tokens.json} in the settings folder, readable only by the user
 * (0600 where the file system has POSIX permissions), rewritten atomically. A file that cannot be
 * read is set aside, never silently overwritten: the gateway can issue a new token, the user's
 * file stays for inspection.
 */
public final class FileDeviceTokenStore implements DeviceTokenStore {

    public static final String FILE_NAME = "device-tokens.json";
    private static final Logger LOG = LoggerFactory.getLogger(FileDeviceTokenStore.class);

    private final Path file;
    /** Guarded by {@code this}. */
    private final Map<String, StoredToken> tokens = new TreeMap<>();

    public FileDeviceTokenStore(Path settingsDirectory) {
        this.file = Objects.requireNonNull(settingsDirectory, "settingsDirectory").resolve(FILE_NAME);
        load();
    }

    @Override
    public synchronized Optional<StoredToken> load(String gatewayUrl, String deviceId, String role) {
        return Optional.ofNullable(tokens.get(key(gatewayUrl, deviceId, role)));
    }

    @Override
    public synchronized void save(String gatewayUrl, String deviceId, String role, StoredToken token) {
        tokens.put(key(gatewayUrl, deviceId, role), token);
        write();
    }

    @Override
    public synchronized void remove(String gatewayUrl, String deviceId, String role) {
        if (tokens.remove(key(gatewayUrl, deviceId, role)) != null) {
            write();
        }
    }

    private static String key(String gatewayUrl, String deviceId, String role) {
        return gatewayUrl + "|" + deviceId + "|" + role;
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            JsonObject root = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
            for (Map.Entry<String, JsonElement> entry : root.getAsJsonObject("tokens").entrySet()) {
                JsonObject value = entry.getValue().getAsJsonObject();
                List<String> scopes = new ArrayList<>();
                value.getAsJsonArray("scopes").forEach(s -> scopes.add(s.getAsString()));
                tokens.put(entry.getKey(), new StoredToken(value.get("token").getAsString(), scopes));
            }
        } catch (IOException | RuntimeException e) {
            tokens.clear();
            Path aside = file.resolveSibling(FILE_NAME + ".unreadable");
            LOG.warn("device token file {} is unreadable ({}); moving it to {}", file, e.getClass().getSimpleName(),
                    aside);
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                LOG.warn("could not move {} aside: {}", file, moveFailed.getMessage());
            }
        }
    }

    private void write() {
        JsonObject all = new JsonObject();
        tokens.forEach((key, token) -> {
            JsonObject value = new JsonObject();
            value.addProperty("token", token.token());
            JsonArray scopes = new JsonArray();
            token.scopes().forEach(scopes::add);
            value.add("scopes", scopes);
            all.add(key, value);
        });
        JsonObject root = new JsonObject();
        root.addProperty("version", 1);
        root.add("tokens", all);
        try {
            PrivateFiles.write(file, new Gson().toJson(root));
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot write " + file + ": " + e.getMessage(), e));
        }
    }
}
