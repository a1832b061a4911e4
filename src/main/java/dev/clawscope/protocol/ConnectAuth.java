package dev.clawscope.protocol;

import com.google.gson.JsonObject;
import java.util.Optional;

/**
 * The {@code auth} object of a connect request. Every field is optional; values are
 * {@link Secret}s, so {@link #toString()} shows only which ones are present.
 */
public record ConnectAuth(Secret token, Secret deviceToken, Secret bootstrapToken, Secret password) {

    private static final ConnectAuth NONE = new ConnectAuth(null, null, null, null);

    /** No credentials (the {@code auth} object is then omitted from the connect). */
    public static ConnectAuth none() {
        return NONE;
    }

    /** The gateway's shared token in {@code auth.token}. */
    public static ConnectAuth sharedToken(String token) {
        return new ConnectAuth(Secret.of(token), null, null, null);
    }

    /** The gateway's shared password in {@code auth.password}. */
    public static ConnectAuth password(String password) {
        return new ConnectAuth(null, null, null, Secret.of(password));
    }

    /** A stored device token without a shared token: sent in both token and deviceToken, as the reference client does (§3.5). */
    public static ConnectAuth storedDeviceToken(String deviceToken) {
        Secret s = Secret.of(deviceToken);
        return new ConnectAuth(s, s, null, null);
    }

    /** A pairing bootstrap token in {@code auth.bootstrapToken}. */
    public static ConnectAuth bootstrapToken(String bootstrapToken) {
        return new ConnectAuth(null, null, Secret.of(bootstrapToken), null);
    }

    public boolean isEmpty() {
        return token == null && deviceToken == null && bootstrapToken == null && password == null;
    }

    /** The token the device signature covers: token, else deviceToken, else bootstrapToken (§3.4). */
    public Optional<Secret> signatureToken() {
        if (token != null) {
            return Optional.of(token);
        }
        if (deviceToken != null) {
            return Optional.of(deviceToken);
        }
        return Optional.ofNullable(bootstrapToken);
    }

    /** Wire form in schema order, absent fields omitted. This is where secrets are revealed. */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        putIfPresent(o, "token", token);
        putIfPresent(o, "bootstrapToken", bootstrapToken);
        putIfPresent(o, "deviceToken", deviceToken);
        putIfPresent(o, "password", password);
        return o;
    }

    private static void putIfPresent(JsonObject o, String key, Secret value) {
        if (value != null) {
            o.addProperty(key, value.reveal());
        }
    }

    @Override
    public String toString() {
        return "ConnectAuth[token=" + presence(token)
                + ", deviceToken=" + presence(deviceToken)
                + ", bootstrapToken=" + presence(bootstrapToken)
                + ", password=" + presence(password) + "]";
    }

    private static String presence(Secret s) {
        return s == null ? "absent" : "redacted";
    }
}
