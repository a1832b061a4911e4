package dev.clawscope.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.protocol.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {

    @TempDir
    Path dir;

    @Test
    void savedSettingsComeBackAndHoldNoToken() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        assertEquals(AppSettings.defaults(), store.load(), "defaults when nothing is saved");
        AppSettings mine = new AppSettings("ws://127.0.0.1:18789", false, "Desk", "openclaw-reference", 5_000, 3_000,
                0, true, true, false, "dark");
        store.save(mine);
        assertEquals(mine, new SettingsStore(dir).load());
        assertFalse(Files.readString(store.file()).toLowerCase().contains("token"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
    }

    @Test
    void invalidSettingsAreRefusedWithTheReason() {
        AppSettings badUrl = new AppSettings("http://x", false, "", "full-jitter", 1, 100, 0, false, false, false, "");
        assertTrue(badUrl.problem().startsWith("Gateway URL:"), badUrl.problem());
        assertThrows(IllegalArgumentException.class, () -> new SettingsStore(dir).save(badUrl));
        assertTrue(new AppSettings("", false, "", "fibonacci", 1, 100, 0, false, false, false, "").problem()
                .contains("unknown preset"));
        assertTrue(new AppSettings("", false, "", "full-jitter", 1, 10, 0, false, false, false, "").problem()
                .startsWith("Pong deadline"));
        assertNull(AppSettings.defaults().problem());
    }

    @Test
    void anUnreadableFileIsSetAsideNotLost() throws Exception {
        Path file = dir.resolve(SettingsStore.FILE_NAME);
        Files.writeString(file, "{ this is not json");
        assertEquals(AppSettings.defaults(), new SettingsStore(dir).load());
        assertEquals("{ this is not json", Files.readString(dir.resolve(SettingsStore.FILE_NAME + ".unreadable")));
    }

    @Test
    void theFileVaultKeepsTokensPrivatePerGateway() throws Exception {
        FileTokenVault vault = new FileTokenVault(dir);
        assertTrue(vault.load("ws://a").isEmpty());
        vault.store("ws://a", Secret.of("token-a"));
        vault.store("ws://b", Secret.of("token-b"));
        assertEquals("token-a", new FileTokenVault(dir).load("ws://a").orElseThrow().reveal());
        vault.remove("ws://a");
        assertTrue(vault.load("ws://a").isEmpty());
        assertEquals("token-b", vault.load("ws://b").orElseThrow().reveal());
        Path file = dir.resolve(FileTokenVault.FILE_NAME);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(vault.describe().contains(file.toString()));
    }

    @Test
    void withoutAnOsKeyringTokensGoToTheFile() {
        System.setProperty("clawscope.noKeyring", "true");
        try {
            assertTrue(TokenVaults.best(dir) instanceof FileTokenVault);
        } finally {
            System.clearProperty("clawscope.noKeyring");
        }
    }
}
