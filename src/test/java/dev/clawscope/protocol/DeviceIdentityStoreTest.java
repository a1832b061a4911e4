package dev.clawscope.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceIdentityStoreTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve(DeviceIdentityStore.FILE_NAME);
    }

    @Test
    void createThenReloadGivesTheSameIdentity() throws IOException {
        DeviceIdentity created = DeviceIdentityStore.loadOrCreate(dir);
        DeviceIdentity reloaded = DeviceIdentityStore.loadOrCreate(dir);
        assertEquals(created.deviceId(), reloaded.deviceId());
        assertEquals(created.sign("p"), reloaded.sign("p"));

        JsonObject json = JsonParser.parseString(Files.readString(file())).getAsJsonObject();
        assertEquals(Set.of("version", "deviceId", "publicKey", "privateKey", "createdAtMs"), json.keySet());
        assertEquals(1, json.get("version").getAsInt());
        assertEquals(created.deviceId(), json.get("deviceId").getAsString());
        assertEquals(created.publicKeyBase64Url(), json.get("publicKey").getAsString());
        assertTrue(json.get("createdAtMs").getAsLong() > 0);
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(file()), listing.toList(), "no temp files left behind");
        }
    }

    @Test
    void createsMissingDirectories() throws IOException {
        Path nested = dir.resolve("a").resolve("b");
        DeviceIdentity id = DeviceIdentityStore.loadOrCreate(nested);
        assertTrue(Files.isRegularFile(nested.resolve(DeviceIdentityStore.FILE_NAME)));
        assertEquals(id.deviceId(), DeviceIdentityStore.loadOrCreate(nested).deviceId());
    }

    @Test
    void fileIsOwnerOnlyOnPosix() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        DeviceIdentityStore.loadOrCreate(dir);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())));
    }

    @Test
    void knownSeedLoadsAsThatIdentity() throws IOException {
        DeviceIdentity id = DeviceIdentity.fromSeed(new byte[32]);
        Files.writeString(file(), DeviceIdentityStore.encode(id, 1L));
        assertEquals(id.deviceId(), DeviceIdentityStore.loadOrCreate(dir).deviceId());
    }

    @Test
    void corruptFileIsReportedAndLeftAlone() throws IOException {
        String content = "{\"version\":1,\"privateKey\":\"SEEDLIKE-CONTENT";
        Files.writeString(file(), content);
        DeviceIdentityFileException e = assertThrows(DeviceIdentityFileException.class,
                () -> DeviceIdentityStore.loadOrCreate(dir));
        assertEquals(file(), e.file());
        assertTrue(e.getMessage().contains(file().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("is not valid JSON"), e.getMessage());
        assertFalse(e.getMessage().contains("SEEDLIKE"), e.getMessage());
        assertEquals(content, Files.readString(file()));
    }

    @Test
    void otherDamageIsReported() throws IOException {
        DeviceIdentity id = DeviceIdentity.generate();
        JsonObject good = JsonParser.parseString(DeviceIdentityStore.encode(id, 5L)).getAsJsonObject();
        String otherKey = DeviceIdentity.generate().publicKeyBase64Url();

        assertProblem("has a 'publicKey' that does not match its private key", with(good, "publicKey", otherKey));
        assertProblem("has a 'deviceId' that does not match its public key", with(good, "deviceId", "0".repeat(64)));
        assertProblem("has a malformed 'privateKey'", with(good, "privateKey", "AAAA"));
        assertProblem("has no string field 'publicKey'", without(good, "publicKey"));
        assertProblem("has an unsupported format version", with(good, "version", 2));
        assertProblem("is not a JSON object", "[1,2]");
        assertProblem("is not a JSON object", "");
    }

    private void assertProblem(String problem, String content) throws IOException {
        Files.writeString(file(), content);
        byte[] before = Files.readAllBytes(file());
        DeviceIdentityFileException e = assertThrows(DeviceIdentityFileException.class,
                () -> DeviceIdentityStore.loadOrCreate(dir));
        assertTrue(e.getMessage().startsWith("device identity file " + file() + " " + problem), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file()));
    }

    private static String with(JsonObject base, String key, Object value) {
        JsonObject copy = base.deepCopy();
        if (value instanceof Number) {
            copy.addProperty(key, (Number) value);
        } else {
            copy.addProperty(key, (String) value);
        }
        return copy.toString();
    }

    private static String without(JsonObject base, String key) {
        JsonObject copy = base.deepCopy();
        copy.remove(key);
        return copy.toString();
    }
}
