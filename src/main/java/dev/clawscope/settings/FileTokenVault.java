package dev.clawscope.settings;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.clawscope.protocol.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** Gateway tokens in {@code gateway-tokens.json} in the settings folder, readable only by the user. */
public final class FileTokenVault implements TokenVault {

    public static final String FILE_NAME = "gateway-tokens.json";

    private final Path file;

    public FileTokenVault(Path settingsDirectory) {
        this.file = Objects.requireNonNull(settingsDirectory, "settingsDirectory").resolve(FILE_NAME);
    }

    @Override
    public synchronized Optional<Secret> load(String gatewayUrl) throws IOException {
        return Optional.ofNullable(read().get(gatewayUrl)).map(Secret::of);
    }

    @Override
    public synchronized void store(String gatewayUrl, Secret token) throws IOException {
        Map<String, String> all = read();
        all.put(gatewayUrl, token.reveal());
        write(all);
    }

    @Override
    public synchronized void remove(String gatewayUrl) throws IOException {
        Map<String, String> all = read();
        if (all.remove(gatewayUrl) != null) {
            write(all);
        }
    }

    @Override
    public String describe() {
        return "the file " + file + " (readable only by you)";
    }

    private Map<String, String> read() throws IOException {
        Map<String, String> all = new TreeMap<>();
        if (!Files.exists(file)) {
            return all;
        }
        try {
            JsonObject tokens = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8))
                    .getAsJsonObject().getAsJsonObject("tokens");
            for (Map.Entry<String, JsonElement> e : tokens.entrySet()) {
                all.put(e.getKey(), e.getValue().getAsString());
            }
            return all;
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a token file Clawscope wrote (" + e.getClass().getSimpleName() + ")");
        }
    }

    private void write(Map<String, String> all) throws IOException {
        JsonObject tokens = new JsonObject();
        all.forEach(tokens::addProperty);
        JsonObject root = new JsonObject();
        root.addProperty("version", 1);
        root.add("tokens", tokens);
        PrivateFiles.write(file, new Gson().toJson(root));
    }
}
