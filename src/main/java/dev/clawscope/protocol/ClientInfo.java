package dev.clawscope.protocol;

import com.google.gson.JsonObject;
import java.util.Objects;

/**
 * The {@code client} object of a connect request (closed schema). Required: id, version,
 * platform, mode. Every instance satisfies the gateway schema (non-empty strings).
 */
public record ClientInfo(
        ClientId id,
        String displayName,
        String version,
        String platform,
        String deviceFamily,
        String modelIdentifier,
        ClientMode mode,
        String instanceId) {

    public ClientInfo {
        Objects.requireNonNull(id, "client.id");
        Objects.requireNonNull(mode, "client.mode");
        Checks.nonEmpty(version, "client.version");
        Checks.nonEmpty(platform, "client.platform");
        Checks.optionalNonEmpty(displayName, "client.displayName");
        Checks.optionalNonEmpty(deviceFamily, "client.deviceFamily");
        Checks.optionalNonEmpty(modelIdentifier, "client.modelIdentifier");
        Checks.optionalNonEmpty(instanceId, "client.instanceId");
    }

    /** This machine's {@code platform} as the gateway expects it: {@code windows}, {@code macos} or {@code linux}. */
    public static String currentPlatform() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        return os.startsWith("win") ? "windows" : os.startsWith("mac") || os.startsWith("darwin") ? "macos" : "linux";
    }

    /** Only the required fields. */
    public static ClientInfo of(ClientId id, ClientMode mode, String version, String platform) {
        return new ClientInfo(id, null, version, platform, null, null, mode, null);
    }

    public ClientInfo withDisplayName(String value) {
        return new ClientInfo(id, value, version, platform, deviceFamily, modelIdentifier, mode, instanceId);
    }

    public ClientInfo withDeviceFamily(String value) {
        return new ClientInfo(id, displayName, version, platform, value, modelIdentifier, mode, instanceId);
    }

    public ClientInfo withModelIdentifier(String value) {
        return new ClientInfo(id, displayName, version, platform, deviceFamily, value, mode, instanceId);
    }

    public ClientInfo withInstanceId(String value) {
        return new ClientInfo(id, displayName, version, platform, deviceFamily, modelIdentifier, mode, value);
    }

    /** Client-side checks beyond the schema: no whitespace-only strings. */
    void checkSendable() {
        Checks.notBlank(version, "client.version");
        Checks.notBlank(platform, "client.platform");
        Checks.notBlank(displayName, "client.displayName");
        Checks.notBlank(deviceFamily, "client.deviceFamily");
        Checks.notBlank(modelIdentifier, "client.modelIdentifier");
        Checks.notBlank(instanceId, "client.instanceId");
    }

    /** Wire form in schema order, absent fields omitted. */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("id", id.wire());
        putIfPresent(o, "displayName", displayName);
        o.addProperty("version", version);
        o.addProperty("platform", platform);
        putIfPresent(o, "deviceFamily", deviceFamily);
        putIfPresent(o, "modelIdentifier", modelIdentifier);
        o.addProperty("mode", mode.wire());
        putIfPresent(o, "instanceId", instanceId);
        return o;
    }

    private static void putIfPresent(JsonObject o, String key, String value) {
        if (value != null) {
            o.addProperty(key, value);
        }
    }
}
