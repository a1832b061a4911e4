package dev.clawscope.sim;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.clawscope.protocol.ConnectAuth;
import dev.clawscope.protocol.ConnectParams;
import dev.clawscope.protocol.ConnectParamsParse;
import dev.clawscope.protocol.DeviceAuthPayload;
import dev.clawscope.protocol.DeviceIdentity;
import dev.clawscope.protocol.DeviceProof;
import dev.clawscope.protocol.GatewayError;
import dev.clawscope.protocol.GatewayRejection;
import dev.clawscope.protocol.Secret;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The real gateway's {@code connect} admission, rule by rule: schema, protocol range, role,
 * shared secret or device token, device proof (nonce, skew, v3 then v2), device-less scope
 * clearing and pairing. Pure logic over a {@link PairingRegistry}; the socket is someone else's.
 */
final class Handshake {

    static final int PROTOCOL = 4;
    static final long SIGNATURE_SKEW_MS = 120_000;

    private final SimState state;

    Handshake(SimState state) {
        this.state = state;
    }

    /**
     * Decides one connect.
     *
     * @param challengeNonce the nonce sent in this socket's challenge
     * @param browserOrigin whether the upgrade request carried an {@code Origin} header
     */
    HandshakeOutcome admit(JsonElement rawParams, String challengeNonce, long nowMs, boolean browserOrigin) {
        if (state.starting()) {
            return unavailable();
        }
        ConnectParamsParse parsed = ConnectParams.parse(rawParams);
        if (parsed instanceof ConnectParamsParse.Invalid invalid) {
            return reject(invalidRequest(invalid.message(), null), 1008, invalid.message());
        }
        ConnectParams params = ((ConnectParamsParse.Valid) parsed).params();
        if (params.maxProtocol() < PROTOCOL || params.minProtocol() > PROTOCOL) {
            JsonObject details = details("PROTOCOL_MISMATCH");
            details.addProperty("clientMinProtocol", params.minProtocol());
            details.addProperty("clientMaxProtocol", params.maxProtocol());
            details.addProperty("expectedProtocol", PROTOCOL);
            details.addProperty("minimumProbeProtocol", 3);
            return reject(invalidRequest("protocol mismatch", details), 1002, "protocol mismatch");
        }
        String role = params.effectiveRole();
        if (!role.equals(ConnectParams.ROLE_OPERATOR) && !role.equals(ConnectParams.ROLE_NODE)) {
            return reject(invalidRequest("invalid role", null), 1008, "invalid role");
        }
        Auth auth = authenticate(params);
        if (auth.failure != null) {
            return auth.failure;
        }
        DeviceProof device = params.device();
        if (device == null) {
            return admitWithoutDevice(params, role, auth, browserOrigin);
        }
        Optional<HandshakeOutcome.Rejected> badProof = checkProof(params, device, challengeNonce, nowMs);
        if (badProof.isPresent()) {
            return badProof.get();
        }
        return admitDevice(params, role, auth, device, browserOrigin);
    }

    private HandshakeOutcome admitWithoutDevice(ConnectParams params, String role, Auth auth, boolean browserOrigin) {
        String clientId = params.client().id().wire();
        String mode = params.client().mode().wire();
        if (!auth.sharedSecret || !role.equals(ConnectParams.ROLE_OPERATOR)) {
            JsonObject details = details("DEVICE_IDENTITY_REQUIRED");
            return reject(new GatewayError("NOT_PAIRED", "device identity required", details, null, null),
                    1008, "device identity required");
        }
        boolean localCli = clientId.equals("cli") && mode.equals("cli") && !browserOrigin;
        boolean localBackend = clientId.equals("gateway-client") && mode.equals("backend");
        List<String> scopes = localCli || localBackend ? params.effectiveScopes() : List.of();
        return accepted(params, role, scopes, null, null, "token");
    }

    private HandshakeOutcome admitDevice(ConnectParams params, String role, Auth auth, DeviceProof device,
                                         boolean browserOrigin) {
        List<String> scopes = params.effectiveScopes();
        PairingRegistry pairing = state.pairing();
        Optional<PairingRegistry.PairedDevice> known = pairing.paired(device.id());
        if (auth.viaDeviceToken != null) {
            // A device token is bound to its device: it only ever opens that device's grant.
            if (!auth.viaDeviceToken.deviceId().equals(device.id())) {
                return authFailure("AUTH_DEVICE_TOKEN_MISMATCH", "device token mismatch", "device_token_mismatch",
                        "update_auth_credentials", false);
            }
            if (pairing.covers(device.id(), role, scopes)) {
                return accepted(params, role, scopes, device.id(), auth.viaDeviceToken.deviceToken(), "device-token");
            }
        } else if (known.isPresent() && pairing.covers(device.id(), role, scopes)) {
            return accepted(params, role, scopes, device.id(), known.get().deviceToken(), "token");
        }
        String reason = known.isEmpty() ? "not-paired"
                : !known.get().role().equals(role) ? "role-upgrade" : "scope-upgrade";
        boolean silent = state.pairingMode() == PairingMode.AUTO && !browserOrigin && auth.sharedSecret;
        if (silent) {
            PairingRegistry.PairedDevice paired = pairing.approveDirectly(device.id(), device.publicKey(), role, scopes);
            return accepted(params, role, scopes, device.id(), paired.deviceToken(), "token");
        }
        PairingRegistry.Ask ask = pairing.request(device.id(), device.publicKey(), role, scopes,
                params.client().id().wire(), params.client().mode().wire(), params.client().platform(),
                params.client().displayName());
        PairingRegistry.PendingRequest request = ask.request();
        JsonObject details = details("PAIRING_REQUIRED");
        details.addProperty("reason", reason);
        details.addProperty("requestId", request.requestId());
        details.addProperty("remediationHint", "Approve this device from the pending pairing requests.");
        details.addProperty("deviceId", device.id());
        details.addProperty("requestedRole", role);
        details.add("requestedScopes", strings(scopes));
        String message = "not-paired".equals(reason) ? "pairing required: device is not approved yet"
                : "pairing required: " + reason + " pending approval";
        return new HandshakeOutcome.Rejected(new GatewayError("NOT_PAIRED", message, details, null, null), 1008,
                message + " (requestId: " + request.requestId() + ")", ask.isNew() ? request : null);
    }

    private Optional<HandshakeOutcome.Rejected> checkProof(ConnectParams params, DeviceProof device,
                                                           String challengeNonce, long nowMs) {
        Optional<String> derivedId = DeviceIdentity.deviceIdOf(device.publicKey());
        if (derivedId.isEmpty()) {
            return Optional.of(deviceAuth("DEVICE_AUTH_PUBLIC_KEY_INVALID", "device-public-key",
                    "device public key invalid"));
        }
        if (!derivedId.get().equals(device.id())) {
            return Optional.of(deviceAuth("DEVICE_AUTH_DEVICE_ID_MISMATCH", "device-id-mismatch",
                    "device identity mismatch"));
        }
        if (device.nonce() == null || device.nonce().isBlank()) {
            return Optional.of(deviceAuth("DEVICE_AUTH_NONCE_REQUIRED", "device-nonce-missing",
                    "device nonce required"));
        }
        if (!constantTimeEquals(device.nonce(), challengeNonce)) {
            return Optional.of(deviceAuth("DEVICE_AUTH_NONCE_MISMATCH", "device-nonce-mismatch",
                    "device nonce mismatch"));
        }
        if (Math.abs(nowMs - device.signedAt()) > SIGNATURE_SKEW_MS) {
            return Optional.of(deviceAuth("DEVICE_AUTH_SIGNATURE_EXPIRED", "device-signature-stale",
                    "device signature expired"));
        }
        if (DeviceAuthPayload.verifiedVersion(params).isEmpty()) {
            return Optional.of(deviceAuth("DEVICE_AUTH_SIGNATURE_INVALID", "device-signature",
                    "device signature invalid"));
        }
        return Optional.empty();
    }

    /** Which credential opened the socket, or the failure to send. */
    private static final class Auth {
        boolean sharedSecret;
        PairingRegistry.PairedDevice viaDeviceToken;
        HandshakeOutcome.Rejected failure;
    }

    private Auth authenticate(ConnectParams params) {
        Auth result = new Auth();
        ConnectAuth auth = params.auth();
        Secret token = auth == null ? null : auth.token();
        Secret password = auth == null ? null : auth.password();
        Secret deviceToken = auth == null ? null : auth.deviceToken();
        Secret configured = Secret.of(state.token());
        if (token != null && token.equals(configured) || password != null && password.equals(configured)) {
            result.sharedSecret = true;
            return result;
        }
        // The reference client sends a stored device token in auth.token when it has no shared one.
        for (Secret candidate : new Secret[] {deviceToken, token}) {
            if (candidate != null) {
                Optional<PairingRegistry.PairedDevice> device = state.pairing().byDeviceToken(candidate.reveal());
                if (device.isPresent()) {
                    result.viaDeviceToken = device.get();
                    return result;
                }
            }
        }
        boolean tokenIsTheDeviceToken = token != null && token.equals(deviceToken);
        if (token != null && !tokenIsTheDeviceToken) {
            // Only a client with a device identity has a device token to retry with: a token-only
            // client gets false, as the real gateway answers it (captured frames, 2026.9.6).
            result.failure = reject(GatewayRejection.tokenMismatch(deviceToken == null && params.device() != null));
        } else if (password != null) {
            result.failure = authFailure("AUTH_PASSWORD_MISMATCH", "gateway password mismatch", "password_mismatch",
                    "update_auth_credentials", false);
        } else if (deviceToken != null) {
            result.failure = authFailure("AUTH_DEVICE_TOKEN_MISMATCH", "device token mismatch",
                    "device_token_mismatch", "update_auth_credentials", false);
        } else {
            result.failure = authFailure("AUTH_TOKEN_MISSING", "gateway token missing", "token_missing",
                    "update_auth_configuration", false);
        }
        return result;
    }

    private HandshakeOutcome.Accepted accepted(ConnectParams params, String role, List<String> scopes,
                                               String deviceId, String deviceToken, String method) {
        return new HandshakeOutcome.Accepted(role, scopes, deviceId, deviceToken, method,
                params.client().id().wire(), params.client().mode().wire(), params.client().instanceId(),
                params.client().platform(), params.client().version());
    }

    private HandshakeOutcome.Rejected unavailable() {
        return reject(GatewayRejection.unavailable(500));
    }

    private static HandshakeOutcome.Rejected authFailure(String code, String text, String authReason,
                                                         String nextStep, boolean canRetryWithDeviceToken) {
        return reject(GatewayRejection.authFailure(code, text, authReason, nextStep, canRetryWithDeviceToken));
    }

    private static HandshakeOutcome.Rejected reject(GatewayRejection rejection) {
        return new HandshakeOutcome.Rejected(rejection.error(), rejection.closeCode(), rejection.closeReason());
    }

    private static HandshakeOutcome.Rejected deviceAuth(String code, String reason, String message) {
        JsonObject details = details(code);
        details.addProperty("reason", reason);
        return reject(invalidRequest(message, details), 1008, message);
    }

    private static HandshakeOutcome.Rejected reject(GatewayError error, int code, String reason) {
        return new HandshakeOutcome.Rejected(error, code, truncateReason(reason));
    }

    private static GatewayError invalidRequest(String message, JsonObject details) {
        return new GatewayError("INVALID_REQUEST", message, details, null, null);
    }

    private static JsonObject details(String code) {
        JsonObject details = new JsonObject();
        details.addProperty("code", code);
        return details;
    }

    private static JsonArray strings(List<String> values) {
        JsonArray array = new JsonArray();
        values.forEach(array::add);
        return array;
    }

    /** A close reason must fit in a control frame: 123 bytes of UTF-8. */
    static String truncateReason(String reason) {
        return GatewayRejection.truncateReason(reason);
    }

    private static boolean constantTimeEquals(String a, String b) {
        return b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
