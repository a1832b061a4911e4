package dev.clawscope.observe;

import com.google.gson.JsonObject;
import dev.clawscope.journal.LinkEvent;

/** The client's {@code connect} params reduced to who it is; its token, signature and nonce are never read out. */
final class Hello {

    private Hello() {
    }

    static LinkEvent.PeerHello of(int conn, String requestId, JsonObject params) {
        JsonObject client = Json.object(params, "client");
        JsonObject auth = Json.object(params, "auth");
        JsonObject device = Json.object(params, "device");
        return new LinkEvent.PeerHello(conn, requestId, Json.string(client, "id"), Json.string(client, "mode"),
                Json.string(client, "version"), Json.string(client, "platform"), Json.string(client, "instanceId"),
                Json.string(params, "role"), Json.strings(params, "scopes"), auth(auth, device),
                device == null ? null : Json.string(device, "id"),
                Json.integer(params, "minProtocol"), Json.integer(params, "maxProtocol"));
    }

    /** token, password, device-token, device, none; with a device proof beside a secret, e.g. token+device. */
    static String auth(JsonObject auth, JsonObject device) {
        String kind = present(auth, "token") ? "token"
                : present(auth, "password") ? "password"
                : present(auth, "deviceToken") ? "device-token"
                : null;
        boolean signed = device != null && present(device, "signature");
        if (kind == null) {
            return signed ? "device" : "none";
        }
        return signed ? kind + "+device" : kind;
    }

    /**
     * Whether the gateway would tell this client it may retry with a device token after a token
     * mismatch: it has a device identity and did not send a device token (as the simulator decides).
     */
    static boolean mayRetryWithDeviceToken(JsonObject params) {
        return Json.object(params, "device") != null && !present(Json.object(params, "auth"), "deviceToken");
    }

    private static boolean present(JsonObject o, String name) {
        return o != null && o.has(name) && !o.get(name).isJsonNull()
                && !(o.get(name).isJsonPrimitive() && o.get(name).getAsString().isEmpty());
    }
}
