package dev.clawscope.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.link.DeviceTokenStore.StoredToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDeviceTokenStoreTest {

    @TempDir
    Path dir;

    @Test
    void tokensSurviveARestartWithTheirScopesInAnOwnerOnlyFile() throws Exception {
        new FileDeviceTokenStore(dir).save("ws://127.0.0.1:18789/", "dev1", "operator",
                new StoredToken("tok-1", List.of("operator.read", "operator.write")));
        FileDeviceTokenStore again = new FileDeviceTokenStore(dir);
        StoredToken loaded = again.load("ws://127.0.0.1:18789/", "dev1", "operator").orElseThrow();
        assertEquals("tok-1", loaded.token());
        assertEquals(List.of("operator.read", "operator.write"), loaded.scopes());
        assertTrue(again.load("ws://127.0.0.1:18789/", "dev1", "node").isEmpty());
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve(FileDeviceTokenStore.FILE_NAME))));

        again.remove("ws://127.0.0.1:18789/", "dev1", "operator");
        assertTrue(new FileDeviceTokenStore(dir).load("ws://127.0.0.1:18789/", "dev1", "operator").isEmpty());
    }

    @Test
    void anUnreadableFileIsSetAsideNotOverwritten() throws Exception {
        Files.writeString(dir.resolve(FileDeviceTokenStore.FILE_NAME), "{not json");
        FileDeviceTokenStore store = new FileDeviceTokenStore(dir);
        assertTrue(store.load("u", "d", "operator").isEmpty());
        assertEquals("{not json", Files.readString(dir.resolve(FileDeviceTokenStore.FILE_NAME + ".unreadable")));
    }
}
