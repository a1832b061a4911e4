package dev.clawscope.protocol;

import com.google.gson.JsonElement;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The successful {@code connect} answer ({@code res} payload with {@code type:"hello-ok"}), read
 * tolerantly: unknown fields are ignored, and only the fields a client acts on are kept.
 * {@code toString()} never prints the device token.
 *
 * @param controlUiUrl {@code null} when the gateway sent none
 */
public record HelloOk(
        int protocol, Server server, Features features, Policy policy, Auth auth, Snapshot snapshot,
        String controlUiUrl) {

    public static final String TYPE = "hello-ok";

    /** {@code server}; {@code buildId} and {@code bootId} are {@code null} when absent. */
    public record Server(String version, String buildId, String bootId, String connId) {
    }

    /** {@code features}: discovery lists; {@code capabilities} is empty when absent. */
    public record Features(List<String> methods, List<String> events, List<String> capabilities) {

        public Features {
            methods = List.copyOf(methods);
            events = List.copyOf(events);
            capabilities = List.copyOf(capabilities);
        }

        @Override
        public String toString() {
            return "Features[methods=" + methods.size() + ", events=" + events.size()
                    + ", capabilities=" + capabilities.size() + "]";
        }
    }

    /**
     * {@code policy}: frame cap, server send buffer cap and tick interval, as the server states them:
     * any sign, saturated to the long range. The client judges them itself.
     */
    public record Policy(long maxPayload, long maxBufferedBytes, long tickIntervalMs) {
    }

    /**
     * {@code auth}: the role and scopes enforced on this socket. {@code deviceToken}, {@code
     * issuedAtMs} and {@code method} ({@code token}, {@code device-token}, …) are {@code null} when absent.
     */
    public record Auth(String role, List<String> scopes, String deviceToken, Long issuedAtMs, String method) {

        public Auth {
            scopes = List.copyOf(scopes);
        }

        @Override
        public String toString() {
            return "Auth[role=" + role + ", scopes=" + scopes
                    + ", deviceToken=" + (deviceToken == null ? "none" : "<redacted>")
                    + (issuedAtMs == null ? "" : ", issuedAtMs=" + issuedAtMs)
                    + (method == null ? "" : ", method=" + method) + "]";
        }
    }

    /**
     * {@code snapshot} basics. {@code healthOk} is {@code health.ok} when present; {@code authMode}
     * and {@code stateVersion} are {@code null} when absent.
     */
    public record Snapshot(int presenceCount, Boolean healthOk, long uptimeMs, String authMode,
            StateVersion stateVersion) {
    }

    /**
     * Reads the payload of the {@code connect} response. The first bad field is reported by its
     * path inside the payload, e.g. {@code policy.tickIntervalMs}.
     */
    public static PayloadResult<HelloOk> parse(JsonElement payload) {
        try {
            return new PayloadResult.Valid<>(HelloOkReader.read(FieldReader.root(payload, "payload")));
        } catch (FieldException e) {
            return e.toResult();
        }
    }

    /** Reads hello-ok from a {@code res} frame; a failed response is reported as field {@code ok}. */
    public static PayloadResult<HelloOk> from(ResponseFrame frame) {
        Objects.requireNonNull(frame, "frame");
        if (!frame.ok()) {
            return new PayloadResult.Invalid<>("ok", FieldProblem.WRONG_VALUE, "the response failed");
        }
        return parse(frame.payload());
    }

    /** {@code features.methods} lists {@code method} (a conservative list; absence is not proof). */
    public boolean advertisesMethod(String method) {
        return features.methods().contains(method);
    }

    public boolean advertisesEvent(String event) {
        return features.events().contains(event);
    }

    /** The scopes enforced on this socket (may be narrower than requested, even empty). */
    public List<String> grantedScopes() {
        return auth.scopes();
    }

    /**
     * Whether the granted scopes satisfy {@code required}, with the gateway's implications:
     * {@code operator.admin} satisfies every scope; {@code operator.write} satisfies {@code
     * operator.read}, {@code operator.talk} and {@code operator.sessions.*}.
     */
    public boolean grantsScope(String required) {
        List<String> granted = auth.scopes();
        if (granted.contains(required) || granted.contains("operator.admin")) {
            return true;
        }
        boolean impliedByWrite = required.equals("operator.read") || required.equals("operator.talk")
                || required.startsWith("operator.sessions.");
        return impliedByWrite && granted.contains("operator.write");
    }

    /** The device token to persist, when the gateway issued one. */
    public Optional<String> deviceToken() {
        return Optional.ofNullable(auth.deviceToken());
    }
}
