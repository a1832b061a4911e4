package dev.clawscope.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates connect params against the gateway's closed schema (§3.2) and reports failures the
 * way the gateway does: its validator runs with {@code allErrors}, each error reads
 * {@code at <json-pointer>: <message>} (unknown keys: {@code unexpected property 'x'}), duplicates
 * are dropped and the rest joined with "; ". Per object the order is: type, required, unknown
 * properties, then each property in schema order. Error texts never include field values.
 */
final class ConnectParamsReader {

    static final String PREFIX = "invalid connect params: ";

    private static final List<String> TOP = List.of("minProtocol", "maxProtocol", "client", "caps",
            "commands", "permissions", "pathEnv", "role", "scopes", "device", "auth", "locale", "userAgent");
    private static final List<String> TOP_REQUIRED = List.of("minProtocol", "maxProtocol", "client");
    private static final List<String> CLIENT = List.of("id", "displayName", "version", "platform",
            "deviceFamily", "modelIdentifier", "mode", "instanceId");
    private static final List<String> CLIENT_REQUIRED = List.of("id", "version", "platform", "mode");
    private static final List<String> DEVICE = List.of("id", "publicKey", "signature", "signedAt", "nonce");
    /** The last two are accepted by the gateway but not modelled here; they are type-checked and dropped. */
    private static final List<String> AUTH = List.of("token", "bootstrapToken", "deviceToken", "password",
            "approvalRuntimeToken", "agentRuntimeIdentityToken");

    private static final String NOT_IN_ENUM = "must be equal to one of the allowed values";

    private final Set<String> errors = new LinkedHashSet<>();

    private ConnectParamsReader() {
    }

    static ConnectParamsParse read(JsonElement params) {
        try {
            return new ConnectParamsReader().run(params);
        } catch (RuntimeException e) {
            return new ConnectParamsParse.Invalid(PREFIX + "validation error");
        }
    }

    private ConnectParamsParse run(JsonElement root) {
        JsonObject o = object(root, "");
        if (o == null) {
            return invalid();
        }
        shape(o, "", TOP, TOP_REQUIRED);
        Long minProtocol = integer(o, "minProtocol", "", 1);
        Long maxProtocol = integer(o, "maxProtocol", "", 1);
        ClientInfo client = client(o);
        List<String> caps = stringArray(o, "caps", "");
        List<String> commands = stringArray(o, "commands", "");
        Map<String, Boolean> permissions = permissions(o);
        String pathEnv = string(o, "pathEnv", "", false);
        String role = string(o, "role", "", true);
        List<String> scopes = stringArray(o, "scopes", "");
        DeviceProof device = device(o);
        ConnectAuth auth = auth(o);
        String locale = string(o, "locale", "", false);
        String userAgent = string(o, "userAgent", "", false);
        if (!errors.isEmpty()) {
            return invalid();
        }
        return new ConnectParamsParse.Valid(new ConnectParams(clampToInt(minProtocol), clampToInt(maxProtocol),
                client, role, scopes, caps, auth, device, locale, userAgent, commands, permissions, pathEnv));
    }

    private ClientInfo client(JsonObject parent) {
        if (!parent.has("client")) {
            return null;
        }
        String path = "/client";
        JsonObject o = object(parent.get("client"), path);
        if (o == null) {
            return null;
        }
        shape(o, path, CLIENT, CLIENT_REQUIRED);
        ClientId id = null;
        if (o.has("id")) {
            id = ClientId.fromWire(stringOrNull(o.get("id"))).orElse(null);
            if (id == null) {
                error(path + "/id", NOT_IN_ENUM);
            }
        }
        String displayName = string(o, "displayName", path, true);
        String version = string(o, "version", path, true);
        String platform = string(o, "platform", path, true);
        String deviceFamily = string(o, "deviceFamily", path, true);
        String modelIdentifier = string(o, "modelIdentifier", path, true);
        ClientMode mode = null;
        if (o.has("mode")) {
            mode = ClientMode.fromWire(stringOrNull(o.get("mode"))).orElse(null);
            if (mode == null) {
                error(path + "/mode", NOT_IN_ENUM);
            }
        }
        String instanceId = string(o, "instanceId", path, true);
        if (id == null || mode == null || version == null || platform == null) {
            return null;
        }
        return new ClientInfo(id, displayName, version, platform, deviceFamily, modelIdentifier, mode, instanceId);
    }

    private DeviceProof device(JsonObject parent) {
        if (!parent.has("device")) {
            return null;
        }
        String path = "/device";
        JsonObject o = object(parent.get("device"), path);
        if (o == null) {
            return null;
        }
        shape(o, path, DEVICE, DEVICE);
        String id = string(o, "id", path, true);
        String publicKey = string(o, "publicKey", path, true);
        String signature = string(o, "signature", path, true);
        Long signedAt = integer(o, "signedAt", path, 0);
        String nonce = string(o, "nonce", path, true);
        if (id == null || publicKey == null || signature == null || signedAt == null || nonce == null) {
            return null;
        }
        return new DeviceProof(id, publicKey, signature, signedAt, nonce);
    }

    private ConnectAuth auth(JsonObject parent) {
        if (!parent.has("auth")) {
            return null;
        }
        String path = "/auth";
        JsonObject o = object(parent.get("auth"), path);
        if (o == null) {
            return null;
        }
        shape(o, path, AUTH, List.of());
        String token = string(o, "token", path, false);
        String bootstrapToken = string(o, "bootstrapToken", path, false);
        String deviceToken = string(o, "deviceToken", path, false);
        String password = string(o, "password", path, false);
        string(o, "approvalRuntimeToken", path, false);
        string(o, "agentRuntimeIdentityToken", path, false);
        return new ConnectAuth(Secret.ofNullable(token), Secret.ofNullable(deviceToken),
                Secret.ofNullable(bootstrapToken), Secret.ofNullable(password));
    }

    private Map<String, Boolean> permissions(JsonObject parent) {
        if (!parent.has("permissions")) {
            return null;
        }
        String path = "/permissions";
        JsonObject o = object(parent.get("permissions"), path);
        if (o == null) {
            return null;
        }
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            JsonElement v = e.getValue();
            if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean()) {
                out.put(e.getKey(), v.getAsBoolean());
            } else {
                error(path + "/" + escape(e.getKey()), "must be boolean");
            }
        }
        return out;
    }

    /** required (schema order), then unknown keys (data order). */
    private void shape(JsonObject o, String path, List<String> allowed, List<String> required) {
        for (String key : required) {
            if (!o.has(key)) {
                error(path, "must have required property '" + key + "'");
            }
        }
        for (String key : o.keySet()) {
            if (!allowed.contains(key)) {
                errors.add((path.isEmpty() ? "at root" : "at " + path) + ": unexpected property '" + key + "'");
            }
        }
    }

    private JsonObject object(JsonElement e, String path) {
        if (e != null && e.isJsonObject()) {
            return e.getAsJsonObject();
        }
        error(path, "must be object");
        return null;
    }

    private String string(JsonObject parent, String key, String parentPath, boolean nonEmpty) {
        if (!parent.has(key)) {
            return null;
        }
        return string(parent.get(key), parentPath + "/" + escape(key), nonEmpty);
    }

    private String string(JsonElement e, String path, boolean nonEmpty) {
        String s = stringOrNull(e);
        if (s == null) {
            error(path, "must be string");
            return null;
        }
        if (nonEmpty && s.isEmpty()) {
            error(path, "must NOT have fewer than 1 characters");
            return null;
        }
        return s;
    }

    private List<String> stringArray(JsonObject parent, String key, String parentPath) {
        if (!parent.has(key)) {
            return null;
        }
        String path = parentPath + "/" + key;
        JsonElement e = parent.get(key);
        if (!e.isJsonArray()) {
            error(path, "must be array");
            return null;
        }
        JsonArray a = e.getAsJsonArray();
        List<String> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            String s = string(a.get(i), path + "/" + i, true);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    private Long integer(JsonObject parent, String key, String parentPath, long minimum) {
        if (!parent.has(key)) {
            return null;
        }
        String path = parentPath + "/" + key;
        JsonElement e = parent.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            error(path, "must be integer");
            return null;
        }
        BigDecimal value = e.getAsJsonPrimitive().getAsBigDecimal();
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
            error(path, "must be integer");
            return null;
        }
        if (value.compareTo(BigDecimal.valueOf(minimum)) < 0) {
            error(path, "must be >= " + minimum);
            return null;
        }
        return value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 ? Long.MAX_VALUE : value.longValueExact();
    }

    private static String stringOrNull(JsonElement e) {
        if (e != null && e.isJsonPrimitive()) {
            JsonPrimitive p = e.getAsJsonPrimitive();
            if (p.isString()) {
                return p.getAsString();
            }
        }
        return null;
    }

    /** Protocol numbers beyond int range keep their meaning (far outside the supported range). */
    private static int clampToInt(long value) {
        return (int) Math.min(value, Integer.MAX_VALUE);
    }

    /** JSON Pointer escaping of one reference token. */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private void error(String path, String message) {
        errors.add(path.isEmpty() ? message : "at " + path + ": " + message);
    }

    private ConnectParamsParse invalid() {
        return new ConnectParamsParse.Invalid(PREFIX + String.join("; ", errors));
    }
}
