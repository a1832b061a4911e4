package dev.clawscope.protocol;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the device identity in {@value #FILE_NAME} inside a settings directory:
 * {@code {version, deviceId, publicKey, privateKey, createdAtMs}} where both keys are unpadded
 * base64url of the raw 32 bytes (privateKey is the Ed25519 seed). Written atomically, owner-only
 * (0600) on POSIX file systems. A damaged file is reported, never silently replaced: replacing
 * it would change the device id and require pairing again.
 */
public final class DeviceIdentityStore {

    public static final String FILE_NAME = "device-identity.json";
    static final int FORMAT_VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(DeviceIdentityStore.class);
    private static final long MAX_FILE_BYTES = 64 * 1024;
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private DeviceIdentityStore() {
    }

    /**
     * Loads the identity from {@code settingsDir}, creating the directory and a new identity
     * when there is none.
     *
     * @throws DeviceIdentityFileException if the file exists but is unreadable as an identity
     * @throws IOException on file-system errors
     */
    public static DeviceIdentity loadOrCreate(Path settingsDir) throws IOException {
        Objects.requireNonNull(settingsDir, "settingsDir");
        Path file = settingsDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            return load(file);
        }
        createDirectories(settingsDir);
        DeviceIdentity identity = DeviceIdentity.generate();
        if (!writeIfAbsent(file, encode(identity, System.currentTimeMillis()))) {
            return load(file);
        }
        LOG.info("Created a new device identity file {}", file);
        return identity;
    }

    private static DeviceIdentity load(Path file) throws IOException {
        warnIfShared(file);
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new DeviceIdentityFileException(file, "is too large to be a device identity");
        }
        byte[] bytes = Files.readAllBytes(file);
        JsonElement root;
        try {
            root = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonParseException e) {
            // The cause is not attached: parser messages may quote parts of the file.
            throw new DeviceIdentityFileException(file, "is not valid JSON");
        }
        if (!root.isJsonObject()) {
            throw new DeviceIdentityFileException(file, "is not a JSON object");
        }
        JsonObject o = root.getAsJsonObject();
        JsonPrimitive version = primitive(o, "version")
                .orElseThrow(() -> new DeviceIdentityFileException(file, "has no 'version' field"));
        if (!version.isNumber() || version.getAsDouble() != FORMAT_VERSION) {
            throw new DeviceIdentityFileException(file, "has an unsupported format version");
        }
        String deviceId = string(o, "deviceId", file);
        String publicKey = string(o, "publicKey", file);
        byte[] seed = Ed25519.decodeLenient(string(o, "privateKey", file))
                .filter(b -> b.length == Ed25519.KEY_BYTES)
                .orElseThrow(() -> new DeviceIdentityFileException(file, "has a malformed 'privateKey'"));
        DeviceIdentity identity = DeviceIdentity.fromSeed(seed);
        if (!identity.publicKeyBase64Url().equals(publicKey)) {
            throw new DeviceIdentityFileException(file, "has a 'publicKey' that does not match its private key");
        }
        if (!identity.deviceId().equals(deviceId)) {
            throw new DeviceIdentityFileException(file, "has a 'deviceId' that does not match its public key");
        }
        return identity;
    }

    static String encode(DeviceIdentity identity, long createdAtMs) {
        JsonObject o = new JsonObject();
        o.addProperty("version", FORMAT_VERSION);
        o.addProperty("deviceId", identity.deviceId());
        o.addProperty("publicKey", identity.publicKeyBase64Url());
        o.addProperty("privateKey", Ed25519.base64Url(identity.seed()));
        o.addProperty("createdAtMs", createdAtMs);
        return new GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n";
    }

    /** Temp file (owner-only from creation) + atomic move. False if another writer got there first. */
    private static boolean writeIfAbsent(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = isPosix(dir)
                ? Files.createTempFile(dir, ".device-identity-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_FILE))
                : Files.createTempFile(dir, ".device-identity-", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            if (Files.exists(file)) {
                return false;
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file);
            }
            return true;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        FileAttribute<?>[] attrs = isPosix(dir)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_DIR)}
                : new FileAttribute<?>[0];
        Files.createDirectories(dir, attrs);
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void warnIfShared(Path file) {
        if (!isPosix(file)) {
            return;
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (!OWNER_FILE.containsAll(perms)) {
                LOG.warn("Device identity file {} is accessible by other users ({}); expected rw-------",
                        file, PosixFilePermissions.toString(perms));
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("Could not read permissions of {}", file);
        }
    }

    private static Optional<JsonPrimitive> primitive(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() ? Optional.of(e.getAsJsonPrimitive()) : Optional.empty();
    }

    private static String string(JsonObject o, String key, Path file) throws DeviceIdentityFileException {
        Optional<JsonPrimitive> p = primitive(o, key).filter(JsonPrimitive::isString);
        if (p.isEmpty()) {
            throw new DeviceIdentityFileException(file, "has no string field '" + key + "'");
        }
        return p.get().getAsString();
    }
}
