package dev.clawscope.settings;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where Clawscope keeps its settings, data and logs, following each platform's convention:
 * XDG base directories on Linux, {@code %APPDATA%}/{@code %LOCALAPPDATA%} on Windows and
 * {@code ~/Library} on macOS. {@code CLAWSCOPE_HOME} (or the system property
 * {@code clawscope.home}) puts everything under one folder, which tests and portable installs use.
 */
public record AppDirectories(Path config, Path data, Path logs) {

    private static final String APP = "clawscope";
    private static final String APP_TITLE = "Clawscope";

    public AppDirectories {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(logs, "logs");
    }

    /** Directories for the current user and platform. */
    public static AppDirectories current() {
        return resolve(System.getProperty("os.name", ""), System.getenv(),
                Path.of(System.getProperty("user.home", ".")), System.getProperty("clawscope.home"),
                System.getProperty("clawscope.logDir"));
    }

    /**
     * Resolves the directories from explicit inputs, so every platform's rule can be tested anywhere.
     *
     * @param homeOverride a folder that holds everything, or null
     * @param logOverride a folder for the logs alone, or null
     */
    public static AppDirectories resolve(String osName, Map<String, String> env, Path userHome,
                                         String homeOverride, String logOverride) {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(userHome, "userHome");
        AppDirectories dirs = platformDefault(osName == null ? "" : osName, env, userHome,
                firstNonBlank(homeOverride, env.get("CLAWSCOPE_HOME")));
        String logs = firstNonBlank(logOverride, env.get("CLAWSCOPE_LOG_DIR"));
        return logs == null ? dirs : new AppDirectories(dirs.config, dirs.data, Path.of(logs));
    }

    private static AppDirectories platformDefault(String osName, Map<String, String> env, Path home,
                                                  String portableHome) {
        if (portableHome != null) {
            Path root = Path.of(portableHome);
            return new AppDirectories(root.resolve("config"), root.resolve("data"), root.resolve("logs"));
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            Path roaming = pathOr(env.get("APPDATA"), home.resolve("AppData").resolve("Roaming"));
            Path local = pathOr(env.get("LOCALAPPDATA"), home.resolve("AppData").resolve("Local"));
            Path localApp = local.resolve(APP_TITLE);
            return new AppDirectories(roaming.resolve(APP_TITLE), localApp, localApp.resolve("Logs"));
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            Path support = home.resolve("Library").resolve("Application Support").resolve(APP_TITLE);
            return new AppDirectories(support, support, home.resolve("Library").resolve("Logs").resolve(APP_TITLE));
        }
        Path config = pathOr(env.get("XDG_CONFIG_HOME"), home.resolve(".config")).resolve(APP);
        Path data = pathOr(env.get("XDG_DATA_HOME"), home.resolve(".local").resolve("share")).resolve(APP);
        Path state = pathOr(env.get("XDG_STATE_HOME"), home.resolve(".local").resolve("state")).resolve(APP);
        return new AppDirectories(config, data, state.resolve("logs"));
    }

    /** XDG says a relative value is invalid and must be ignored; the same holds for the Windows variables. */
    private static Path pathOr(String value, Path fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        Path p = Path.of(value);
        return p.isAbsolute() ? p : fallback;
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b != null && !b.isBlank() ? b : null;
    }
}
