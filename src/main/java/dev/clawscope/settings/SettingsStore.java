package dev.clawscope.settings;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * {@code settings.json} in the settings folder. A file that cannot be read is set aside (renamed
 * to {@code settings.json.unreadable}) and the defaults are used, so a bad edit never blocks the app
 * and nothing the user wrote is lost.
 */
public final class SettingsStore {

    public static final String FILE_NAME = "settings.json";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    private final Path file;

    public SettingsStore(Path settingsDirectory) {
        this.file = Objects.requireNonNull(settingsDirectory, "settingsDirectory").resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** The saved settings, or the defaults when there are none or they cannot be read. */
    public AppSettings load() {
        if (!Files.exists(file)) {
            return AppSettings.defaults();
        }
        try {
            AppSettings read = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), AppSettings.class);
            if (read == null || read.backoff() == null || read.problem() != null) {
                throw new JsonParseException("settings out of range");
            }
            return read;
        } catch (IOException | RuntimeException e) {
            try {
                Files.move(file, file.resolveSibling(FILE_NAME + ".unreadable"), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException ignored) {
                // keep using the defaults; the file stays where it is
            }
            return AppSettings.defaults();
        }
    }

    public void save(AppSettings settings) throws IOException {
        String problem = settings.problem();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        PrivateFiles.write(file, GSON.toJson(settings));
    }
}
