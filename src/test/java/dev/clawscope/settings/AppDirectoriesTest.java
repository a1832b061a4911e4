package dev.clawscope.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppDirectoriesTest {

    private static final Path HOME = Path.of("/home/ada");

    @Test
    void linuxFollowsXdgDefaults() {
        AppDirectories dirs = AppDirectories.resolve("Linux", Map.of(), HOME, null, null);
        assertEquals(Path.of("/home/ada/.config/clawscope"), dirs.config());
        assertEquals(Path.of("/home/ada/.local/share/clawscope"), dirs.data());
        assertEquals(Path.of("/home/ada/.local/state/clawscope/logs"), dirs.logs());
    }

    @Test
    void linuxHonoursXdgVariablesAndIgnoresRelativeOnes() {
        AppDirectories dirs = AppDirectories.resolve("Linux",
                Map.of("XDG_CONFIG_HOME", "/cfg", "XDG_DATA_HOME", "relative/data", "XDG_STATE_HOME", "/state"),
                HOME, null, null);
        assertEquals(Path.of("/cfg/clawscope"), dirs.config());
        assertEquals(Path.of("/home/ada/.local/share/clawscope"), dirs.data());
        assertEquals(Path.of("/state/clawscope/logs"), dirs.logs());
    }

    @Test
    void windowsUsesLocalAppDataForLogs() {
        Path home = Path.of("/Users/ada");
        Path local = home.resolve("AppData/Local").toAbsolutePath();
        Path roaming = home.resolve("AppData/Roaming").toAbsolutePath();
        AppDirectories dirs = AppDirectories.resolve("Windows 11",
                Map.of("LOCALAPPDATA", local.toString(), "APPDATA", roaming.toString()), home, null, null);
        assertEquals(roaming.resolve("Clawscope"), dirs.config());
        assertEquals(local.resolve("Clawscope"), dirs.data());
        assertEquals(local.resolve("Clawscope").resolve("Logs"), dirs.logs());
    }

    @Test
    void macUsesLibraryLogs() {
        Path home = Path.of("/Users/ada");
        AppDirectories dirs = AppDirectories.resolve("Mac OS X", Map.of(), home, null, null);
        assertEquals(home.resolve("Library/Logs/Clawscope"), dirs.logs());
        assertEquals(home.resolve("Library/Application Support/Clawscope"), dirs.config());
    }

    @Test
    void portableHomeAndLogOverrideWin() {
        AppDirectories fromEnv = AppDirectories.resolve("Linux", Map.of("CLAWSCOPE_HOME", "/portable"), HOME, null, null);
        assertEquals(Path.of("/portable/config"), fromEnv.config());
        assertEquals(Path.of("/portable/logs"), fromEnv.logs());

        AppDirectories fromProperty = AppDirectories.resolve("Linux", Map.of("CLAWSCOPE_HOME", "/portable"), HOME,
                "/prop", "/logs-here");
        assertEquals(Path.of("/prop/data"), fromProperty.data());
        assertEquals(Path.of("/logs-here"), fromProperty.logs());
    }
}
