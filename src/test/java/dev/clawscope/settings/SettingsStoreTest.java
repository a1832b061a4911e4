package dev.clawscope.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.clawscope.protocol.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
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
                0, true, true, false, "dark", true, "127.0.0.1:18791", "ws://127.0.0.1:18789");
        store.save(mine);
        assertEquals(mine, new SettingsStore(dir).load());
        assertFalse(Files.readString(store.file()).toLowerCase().contains("token"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
    }

    @Test
    void invalidSettingsAreRefusedWithTheReason() {
        AppSettings badUrl = new AppSettings("http://x", false, "", "full-jitter", 1, 100, 0, false, false, false, "",
                false, null, null);
        assertTrue(badUrl.problem().startsWith("Gateway URL:"), badUrl.problem());
        assertThrows(IllegalArgumentException.class, () -> new SettingsStore(dir).save(badUrl));
        assertTrue(new AppSettings("", false, "", "fibonacci", 1, 100, 0, false, false, false, "", false, null, null)
                .problem().contains("unknown preset"));
        assertTrue(new AppSettings("", false, "", "full-jitter", 1, 10, 0, false, false, false, "", false, null, null)
                .problem().startsWith("Pong deadline"));
        String open = new AppSettings("", false, "", "full-jitter", 1, 100, 0, false, false, false, "", true,
                "0.0.0.0:18790", "sim").problem();
        assertTrue(open.startsWith("Observe: the observer listens on loopback only") && open.contains("0.0.0.0:18790"),
                open);
        assertTrue(new AppSettings("", false, "", "full-jitter", 1, 100, 0, false, false, false, "", true,
                "127.0.0.1:18790", "http://127.0.0.1:18789").problem().startsWith("Observe: the target:"));
        assertNull(AppSettings.defaults().problem());
    }

    @Test
    void aFileThatIsNotJsonIsSetAsideNotLostAndTheNoticeNamesWhere() throws Exception {
        Path file = dir.resolve(SettingsStore.FILE_NAME);
        Files.writeString(file, "{ this is not json");
        SettingsStore store = new SettingsStore(dir);
        assertEquals(AppSettings.defaults(), store.load());
        Path aside = dir.resolve(SettingsStore.FILE_NAME + ".unreadable");
        assertEquals("{ this is not json", Files.readString(aside));
        assertFalse(Files.exists(file));
        assertTrue(store.notice().orElseThrow().contains(aside.toString()), store.notice()::toString);
    }

    @Test
    void aFileWithOnlySomeKeysKeepsThemAndTheRestAreDefaults() throws Exception {
        Path file = dir.resolve(SettingsStore.FILE_NAME);
        Files.writeString(file, "{\"theme\":\"dark\"}");
        SettingsStore store = new SettingsStore(dir);
        AppSettings d = AppSettings.defaults();
        assertEquals(new AppSettings(d.gatewayUrl(), d.allowInsecure(), d.clientName(), d.backoff(), d.wsPingMs(),
                d.pongDeadlineMs(), d.probeIntervalMs(), d.faultInjection(), d.redactIps(), d.redactHosts(), "dark",
                d.observe(), d.observeListen(), d.observeTarget()),
                store.load());
        assertEquals(Optional.empty(), store.notice());
        assertEquals("{\"theme\":\"dark\"}", Files.readString(file), "the file stays where it is, as it was");
    }

    @Test
    void keysOfAnotherVersionAreKeptOnSave() throws Exception {
        Path file = dir.resolve(SettingsStore.FILE_NAME);
        Files.writeString(file, "{\"theme\":\"dark\",\"metricsPort\":9464,\"gateways\":[{\"url\":\"ws://a\"}]}");
        SettingsStore store = new SettingsStore(dir);
        AppSettings loaded = store.load();
        store.save(new AppSettings("ws://127.0.0.1:1", false, "Desk", loaded.backoff(), 5_000, 3_000, 0, false,
                false, false, loaded.theme(), false, null, null));

        JsonObject written = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        assertEquals(9464, written.get("metricsPort").getAsInt());
        assertEquals("ws://a", written.getAsJsonArray("gateways").get(0).getAsJsonObject().get("url").getAsString());
        assertEquals("Desk", written.get("clientName").getAsString());
        assertEquals("dark", new SettingsStore(dir).load().theme());
    }

    @Test
    void aFileOfAnEarlierVersionHoldingTheFormerDefaultsFollowsTodaysAndSaysSo() throws Exception {
        Path file = dir.resolve(SettingsStore.FILE_NAME);
        // Earlier versions wrote every key on save; these were their defaults.
        Files.writeString(file, "{\"gatewayUrl\":\"ws://127.0.0.1:18789\",\"allowInsecure\":false,\"clientName\":\"Desk\","
                + "\"backoff\":\"full-jitter\",\"wsPingMs\":15000,\"pongDeadlineMs\":10000,\"probeIntervalMs\":60000,"
                + "\"faultInjection\":false,\"redactIps\":false,\"redactHosts\":false,\"theme\":\"dark\",\"observe\":false,"
                + "\"observeListen\":\"127.0.0.1:18790\",\"observeTarget\":\"sim\"}");
        SettingsStore store = new SettingsStore(dir);
        AppSettings loaded = store.load();

        AppSettings d = AppSettings.defaults();
        assertEquals(new AppSettings("ws://127.0.0.1:18789", false, "Desk", d.backoff(), d.wsPingMs(), d.pongDeadlineMs(),
                60_000, false, false, false, "dark", false, null, null), loaded);
        assertEquals("Settings: backoff, pongDeadlineMs, wsPingMs held the former defaults and now follow today's"
                + " (backoff paced-jitter, pongDeadlineMs 5000, wsPingMs 5000); set them in Settings to keep another"
                + " value.", store.notice().orElseThrow());
    }

    @Test
    void aFormerDefaultThatSomeoneChoseStays() throws Exception {
        Path file = dir.resolve(SettingsStore.FILE_NAME);
        SettingsStore store = new SettingsStore(dir);
        AppSettings d = AppSettings.defaults();
        AppSettings chosen = new AppSettings("", false, "Desk", "full-jitter", 15_000, d.pongDeadlineMs(),
                d.probeIntervalMs(), false, false, false, "light", false, null, null);
        store.save(chosen);

        JsonObject written = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        assertEquals(Set.of("clientName", "backoff", "wsPingMs"), written.keySet(),
                "only what differs from the defaults is written, so a later default reaches the rest");
        assertEquals(chosen, store.load());
        assertEquals(Optional.empty(), store.notice());
    }

    @Test
    void aKnownKeyWithAWrongTypeOrAnUnusableValueTakesTheDefaultAndTheNoticeSaysWhich() throws Exception {
        Path file = dir.resolve(SettingsStore.FILE_NAME);
        Files.writeString(file, "{\"theme\":\"dark\",\"wsPingMs\":\"often\",\"backoff\":\"fibonacci\","
                + "\"pongDeadlineMs\":3000,\"observe\":true,\"observeListen\":\"192.168.1.5:18790\"}");
        SettingsStore store = new SettingsStore(dir);
        AppSettings loaded = store.load();
        assertEquals("dark", loaded.theme());
        assertEquals(3_000, loaded.pongDeadlineMs());
        assertEquals(AppSettings.defaults().wsPingMs(), loaded.wsPingMs());
        assertEquals(AppSettings.defaults().backoff(), loaded.backoff());
        String notice = store.notice().orElseThrow();
        assertTrue(notice.contains("backoff") && notice.contains("wsPingMs") && notice.contains(file.toString()), notice);
        assertTrue(loaded.observe() && notice.contains("observeListen"), notice);
        assertEquals(AppSettings.OBSERVE_LISTEN, loaded.observeListen(), "only loopback, else the default");
        assertTrue(Files.exists(file), "a JSON file is never set aside");
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
