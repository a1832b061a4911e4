package dev.clawscope.protocol;

import static dev.clawscope.protocol.ErrorClass.APPROVAL_NOT_FOUND;
import static dev.clawscope.protocol.ErrorClass.AUTH_RETRYABLE;
import static dev.clawscope.protocol.ErrorClass.AUTH_TERMINAL;
import static dev.clawscope.protocol.ErrorClass.DEVICE_IDENTITY_REQUIRED;
import static dev.clawscope.protocol.ErrorClass.DEVICE_PROOF;
import static dev.clawscope.protocol.ErrorClass.FORBIDDEN;
import static dev.clawscope.protocol.ErrorClass.FORBIDDEN_SCOPE;
import static dev.clawscope.protocol.ErrorClass.INVALID_REQUEST;
import static dev.clawscope.protocol.ErrorClass.PAIRING;
import static dev.clawscope.protocol.ErrorClass.PROTOCOL_MISMATCH;
import static dev.clawscope.protocol.ErrorClass.RETRY_AFTER;
import static dev.clawscope.protocol.ErrorClass.TRANSIENT;
import static dev.clawscope.protocol.ErrorClass.UNKNOWN_METHOD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GatewayErrorTest {

    /** Top-level codes (protocol notes §2). */
    private static final List<String> DOCUMENTED_CODES = List.of("INVALID_REQUEST", "UNAVAILABLE", "FORBIDDEN",
            "NOT_PAIRED", "APPROVAL_NOT_FOUND", "NOT_LINKED", "AGENT_TIMEOUT");

    /** {@code details.code} values (protocol notes §2, §3.4, §3.5, §3.7, §5.1). */
    private static final List<String> DOCUMENTED_DETAIL_CODES = List.of(
            "MISSING_SCOPE",
            "AUTH_REQUIRED", "AUTH_UNAUTHORIZED", "AUTH_TOKEN_MISSING", "AUTH_TOKEN_MISMATCH",
            "AUTH_TOKEN_NOT_CONFIGURED", "AUTH_PASSWORD_MISSING", "AUTH_PASSWORD_MISMATCH",
            "AUTH_PASSWORD_NOT_CONFIGURED", "AUTH_BOOTSTRAP_TOKEN_INVALID", "AUTH_DEVICE_TOKEN_MISMATCH",
            "AUTH_SCOPE_MISMATCH", "AUTH_RATE_LIMITED", "AUTH_TAILSCALE_IDENTITY_MISSING",
            "AUTH_TAILSCALE_PROXY_MISSING", "AUTH_TAILSCALE_WHOIS_FAILED", "AUTH_TAILSCALE_IDENTITY_MISMATCH",
            "AUTH_IDENTITY_HEADER_REQUIRED", "AUTH_VERIFIED_USER_REQUIRED",
            "DEVICE_AUTH_NONCE_REQUIRED", "DEVICE_AUTH_NONCE_MISMATCH", "DEVICE_AUTH_SIGNATURE_INVALID",
            "DEVICE_AUTH_SIGNATURE_EXPIRED", "DEVICE_AUTH_DEVICE_ID_MISMATCH", "DEVICE_AUTH_PUBLIC_KEY_INVALID",
            "PROTOCOL_MISMATCH", "DEVICE_IDENTITY_REQUIRED", "PAIRING_REQUIRED", "CLIENT_VERSION_MISMATCH",
            "CONTROL_UI_BUILD_MISMATCH", "CONTROL_UI_DEVICE_IDENTITY_REQUIRED");

    /** The reference client's pause set (§5.1), minus AUTH_RATE_LIMITED (see {@link GatewayError}). */
    private static final Set<String> REFERENCE_PAUSE_SET = Set.of("AUTH_TOKEN_MISSING",
            "AUTH_BOOTSTRAP_TOKEN_INVALID", "AUTH_PASSWORD_MISSING", "AUTH_PASSWORD_MISMATCH",
            "AUTH_DEVICE_TOKEN_MISMATCH", "AUTH_SCOPE_MISMATCH", "AUTH_IDENTITY_HEADER_REQUIRED",
            "AUTH_VERIFIED_USER_REQUIRED", "CONTROL_UI_BUILD_MISMATCH", "PAIRING_REQUIRED",
            "CONTROL_UI_DEVICE_IDENTITY_REQUIRED", "DEVICE_IDENTITY_REQUIRED", "PROTOCOL_MISMATCH",
            "CLIENT_VERSION_MISMATCH", "AUTH_TOKEN_MISMATCH");

    /** One expectation: the error, its class, whether it pauses, and the retry delay it asks for. */
    record Case(String name, GatewayError error, ErrorClass expected, boolean pauses, Long retryDelayMs) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        Stream<Case> topLevel = Stream.of(
                new Case("UNAVAILABLE startup", error("UNAVAILABLE", "gateway starting; retry shortly",
                        "{\"reason\":\"startup-sidecars\"}", true, 500L), RETRY_AFTER, false, 500L),
                new Case("UNAVAILABLE restart drain", error("UNAVAILABLE", "gateway restart in progress",
                        "{\"method\":\"connect\",\"reason\":\"gateway-restarting\",\"phase\":\"draining\"}", true, 1000L),
                        RETRY_AFTER, false, 1000L),
                new Case("UNAVAILABLE queue full, no delay", error("UNAVAILABLE", "busy", null, true, null),
                        RETRY_AFTER, false, null),
                new Case("NOT_PAIRED without details", error("NOT_PAIRED", "not paired", null, null, null),
                        PAIRING, true, null),
                new Case("FORBIDDEN scope details", error("FORBIDDEN", "missing scope: operator.read",
                        "{\"code\":\"MISSING_SCOPE\",\"missingScope\":\"operator.read\",\"requiredScopes\":[\"operator.read\"]}",
                        null, null), FORBIDDEN_SCOPE, false, null),
                new Case("FORBIDDEN legacy scope message", error("FORBIDDEN", "missing scope: operator.admin",
                        null, null, null), FORBIDDEN_SCOPE, false, null),
                new Case("FORBIDDEN other", error("FORBIDDEN", "users.self requires an authenticated user",
                        null, null, null), FORBIDDEN, false, null),
                new Case("INVALID_REQUEST unknown method", error("INVALID_REQUEST", "unknown method: ping",
                        null, null, null), UNKNOWN_METHOD, false, null),
                new Case("INVALID_REQUEST handshake", error("INVALID_REQUEST",
                        "invalid handshake: first request must be connect", null, null, null),
                        INVALID_REQUEST, false, null),
                new Case("INVALID_REQUEST params", error("INVALID_REQUEST",
                        "invalid connect params: at /client/id: must be equal to one of the allowed values",
                        null, null, null), INVALID_REQUEST, false, null),
                new Case("APPROVAL_NOT_FOUND", error("APPROVAL_NOT_FOUND", "approval not found", null, null, null),
                        APPROVAL_NOT_FOUND, false, null),
                new Case("NOT_LINKED (deprecated)", error("NOT_LINKED", "not linked", null, null, null),
                        TRANSIENT, false, null),
                new Case("AGENT_TIMEOUT (deprecated)", error("AGENT_TIMEOUT", "timeout", null, true, 2000L),
                        TRANSIENT, false, 2000L),
                new Case("unknown code", error("SOMETHING_NEW", "?", "{\"code\":\"ALSO_NEW\"}", null, null),
                        TRANSIENT, false, null));

        Stream<Case> auth = Stream.of("AUTH_REQUIRED", "AUTH_UNAUTHORIZED", "AUTH_TOKEN_MISSING",
                        "AUTH_TOKEN_MISMATCH", "AUTH_TOKEN_NOT_CONFIGURED", "AUTH_PASSWORD_MISSING",
                        "AUTH_PASSWORD_MISMATCH", "AUTH_PASSWORD_NOT_CONFIGURED", "AUTH_BOOTSTRAP_TOKEN_INVALID",
                        "AUTH_DEVICE_TOKEN_MISMATCH", "AUTH_SCOPE_MISMATCH", "AUTH_TAILSCALE_IDENTITY_MISSING",
                        "AUTH_TAILSCALE_PROXY_MISSING", "AUTH_TAILSCALE_WHOIS_FAILED",
                        "AUTH_TAILSCALE_IDENTITY_MISMATCH", "AUTH_IDENTITY_HEADER_REQUIRED",
                        "AUTH_VERIFIED_USER_REQUIRED")
                .map(code -> new Case(code, detailed("INVALID_REQUEST", code, null), AUTH_TERMINAL, true, null));

        Stream<Case> rateLimit = Stream.of(
                new Case("AUTH_RATE_LIMITED with retryAfterMs", error("INVALID_REQUEST", "too many attempts",
                        "{\"code\":\"AUTH_RATE_LIMITED\",\"authReason\":\"rate_limited\",\"recommendedNextStep\":\"wait_then_retry\"}",
                        true, 300_000L), AUTH_RETRYABLE, false, 300_000L),
                new Case("AUTH_RATE_LIMITED without retryAfterMs", detailed("INVALID_REQUEST", "AUTH_RATE_LIMITED", null),
                        AUTH_RETRYABLE, true, null));

        Stream<Case> deviceProof = Stream.of("DEVICE_AUTH_NONCE_REQUIRED", "DEVICE_AUTH_NONCE_MISMATCH",
                        "DEVICE_AUTH_SIGNATURE_INVALID", "DEVICE_AUTH_DEVICE_ID_MISMATCH", "DEVICE_AUTH_PUBLIC_KEY_INVALID")
                .map(code -> new Case(code, detailed("INVALID_REQUEST", code, null), DEVICE_PROOF, true, null));
        Stream<Case> staleSignature = Stream.of(new Case("DEVICE_AUTH_SIGNATURE_EXPIRED",
                detailed("INVALID_REQUEST", "DEVICE_AUTH_SIGNATURE_EXPIRED", null), DEVICE_PROOF, false, null));

        Stream<Case> protocol = Stream.of("PROTOCOL_MISMATCH", "CLIENT_VERSION_MISMATCH", "CONTROL_UI_BUILD_MISMATCH")
                .map(code -> new Case(code, detailed("INVALID_REQUEST", code, null), PROTOCOL_MISMATCH, true, null));

        Stream<Case> identity = Stream.of(
                new Case("DEVICE_IDENTITY_REQUIRED", detailed("NOT_PAIRED", "DEVICE_IDENTITY_REQUIRED", null),
                        DEVICE_IDENTITY_REQUIRED, true, null),
                new Case("CONTROL_UI_DEVICE_IDENTITY_REQUIRED",
                        detailed("NOT_PAIRED", "CONTROL_UI_DEVICE_IDENTITY_REQUIRED", null),
                        DEVICE_IDENTITY_REQUIRED, true, null));

        Stream<Case> pairing = Stream.of(
                new Case("PAIRING_REQUIRED", error("NOT_PAIRED", "pairing required: device is not approved yet",
                        "{\"code\":\"PAIRING_REQUIRED\",\"reason\":\"not-paired\",\"requestId\":\"r-1\"}", null, null),
                        PAIRING, true, null),
                new Case("PAIRING_REQUIRED pauseReconnect:false", error("NOT_PAIRED", "pairing required",
                        "{\"code\":\"PAIRING_REQUIRED\",\"reason\":\"scope-upgrade\",\"requestId\":\"r-2\",\"pauseReconnect\":false}",
                        true, null), PAIRING, false, null),
                new Case("PAIRING_REQUIRED wait_then_retry", error("NOT_PAIRED", "pairing required",
                        "{\"code\":\"PAIRING_REQUIRED\",\"reason\":\"not-paired\",\"requestId\":\"r-3\","
                                + "\"recommendedNextStep\":\"wait_then_retry\"}", true, 15_000L),
                        PAIRING, false, 15_000L),
                new Case("PAIRING_REQUIRED pauseReconnect:true", error("NOT_PAIRED", "pairing required",
                        "{\"code\":\"PAIRING_REQUIRED\",\"pauseReconnect\":true}", null, 5000L), PAIRING, true, null));

        return Stream.of(topLevel, auth, rateLimit, deviceProof, staleSignature, protocol, identity, pairing)
                .flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void classifiesAndDecidesReconnect(Case c) {
        assertEquals(c.expected(), c.error().classify());
        assertEquals(c.pauses(), c.error().pausesReconnect());
        assertEquals(Optional.ofNullable(c.retryDelayMs()), c.error().retryDelayMs());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void classificationSurvivesTheWire(Case c) {
        FrameCodec codec = new FrameCodec();
        ResponseFrame frame = (ResponseFrame) ((Decoded) codec.decode(codec.encode(ResponseFrame.failure("r1", c.error()))))
                .frame();
        assertEquals(c.error(), frame.error());
        assertEquals(c.expected(), frame.error().classify());
    }

    @Test
    void everyDocumentedCodeHasACase() {
        Set<String> covered = cases().map(Case::error)
                .flatMap(e -> Stream.of(Optional.of(e.code()), e.detailsCode()).flatMap(Optional::stream))
                .collect(Collectors.toCollection(TreeSet::new));
        for (String code : DOCUMENTED_CODES) {
            assertTrue(covered.contains(code), code);
        }
        for (String code : DOCUMENTED_DETAIL_CODES) {
            assertTrue(covered.contains(code), code);
        }
    }

    @Test
    void everyCodeOfTheReferencePauseSetPauses() {
        for (String code : REFERENCE_PAUSE_SET) {
            String top = code.equals("PAIRING_REQUIRED") || code.endsWith("IDENTITY_REQUIRED") ? "NOT_PAIRED"
                    : "INVALID_REQUEST";
            assertTrue(detailed(top, code, null).pausesReconnect(), code);
        }
    }

    @Test
    void detailsCodeWinsOverMessageText() {
        GatewayError auth = error("INVALID_REQUEST", "unknown method: ping", "{\"code\":\"AUTH_TOKEN_MISMATCH\"}",
                null, null);
        assertEquals(AUTH_TERMINAL, auth.classify());
        assertTrue(auth.unknownMethod().isEmpty());

        GatewayError unavailable = GatewayError.of("UNAVAILABLE", "missing scope: operator.read");
        assertEquals(RETRY_AFTER, unavailable.classify());
        assertTrue(unavailable.missingScope().isEmpty(), "legacy scope text counts only on FORBIDDEN");
    }

    @Test
    void realHandshakeErrorsFromTheProtocolNotes() {
        FrameCodec codec = new FrameCodec();
        GatewayError wrongToken = errorOf(codec, "{\"type\":\"res\",\"id\":\"r1\",\"ok\":false,\"error\":{\"code\":"
                + "\"INVALID_REQUEST\",\"message\":\"unauthorized: gateway token mismatch (use this gateway's "
                + "gateway.auth.token or pair the device)\",\"details\":{\"code\":\"AUTH_TOKEN_MISMATCH\",\"authReason\":"
                + "\"token_mismatch\",\"canRetryWithDeviceToken\":false,\"recommendedNextStep\":\"update_auth_credentials\"}}}");
        assertEquals(AUTH_TERMINAL, wrongToken.classify());
        assertTrue(wrongToken.pausesReconnect());
        assertFalse(wrongToken.canRetryWithDeviceToken());
        assertEquals("update_auth_credentials", wrongToken.recommendedNextStep().orElseThrow());
        assertEquals("token_mismatch", wrongToken.detailsString("authReason").orElseThrow());

        GatewayError noDevice = errorOf(codec, "{\"type\":\"res\",\"id\":\"r1\",\"ok\":false,\"error\":{\"code\":"
                + "\"NOT_PAIRED\",\"message\":\"device identity required\",\"details\":{\"code\":\"DEVICE_IDENTITY_REQUIRED\"}}}");
        assertEquals(DEVICE_IDENTITY_REQUIRED, noDevice.classify());

        GatewayError protocol = errorOf(codec, "{\"type\":\"res\",\"id\":\"r1\",\"ok\":false,\"error\":{\"code\":"
                + "\"INVALID_REQUEST\",\"message\":\"protocol mismatch\",\"details\":{\"code\":\"PROTOCOL_MISMATCH\","
                + "\"clientMinProtocol\":3,\"clientMaxProtocol\":3,\"expectedProtocol\":4,\"minimumProbeProtocol\":3}}}");
        assertEquals(PROTOCOL_MISMATCH, protocol.classify());

        GatewayError starting = errorOf(codec, "{\"type\":\"res\",\"id\":\"r1\",\"ok\":false,\"error\":{\"code\":"
                + "\"UNAVAILABLE\",\"message\":\"gateway starting; retry shortly\",\"retryable\":true,\"retryAfterMs\":500,"
                + "\"details\":{\"reason\":\"startup-sidecars\"}}}");
        assertEquals(RETRY_AFTER, starting.classify());
        assertEquals(Optional.of(500L), starting.retryDelayMs());
        assertEquals("startup-sidecars", starting.reason().orElseThrow());
        assertTrue(starting.isRetryable());

        GatewayError badSignature = errorOf(codec, "{\"type\":\"res\",\"id\":\"r1\",\"ok\":false,\"error\":{\"code\":"
                + "\"INVALID_REQUEST\",\"message\":\"device signature invalid\",\"details\":{\"code\":"
                + "\"DEVICE_AUTH_SIGNATURE_INVALID\",\"reason\":\"device-signature\"}}}");
        assertEquals(DEVICE_PROOF, badSignature.classify());
        assertTrue(badSignature.pausesReconnect());

        GatewayError pingWithoutAdmin = errorOf(codec, "{\"type\":\"res\",\"id\":\"r4\",\"ok\":false,\"error\":{\"code\":"
                + "\"FORBIDDEN\",\"message\":\"missing scope: operator.admin\"}}");
        assertEquals(FORBIDDEN_SCOPE, pingWithoutAdmin.classify());
        assertEquals("operator.admin", pingWithoutAdmin.missingScope().orElseThrow());

        GatewayError statusWithoutRead = errorOf(codec, "{\"type\":\"res\",\"id\":\"r3\",\"ok\":false,\"error\":{\"code\":"
                + "\"FORBIDDEN\",\"message\":\"missing scope: operator.read\",\"details\":{\"code\":\"MISSING_SCOPE\","
                + "\"missingScope\":\"operator.read\",\"requiredScopes\":[\"operator.read\"]}}}");
        assertEquals(FORBIDDEN_SCOPE, statusWithoutRead.classify());
        assertEquals("operator.read", statusWithoutRead.missingScope().orElseThrow());
    }

    @Test
    void pairingDetails() {
        GatewayError pairing = error("NOT_PAIRED", "pairing required: device is not approved yet",
                "{\"code\":\"PAIRING_REQUIRED\",\"reason\":\"not-paired\",\"requestId\":\"9c1d\","
                        + "\"remediationHint\":\"Approve this device from the pending pairing requests.\","
                        + "\"deviceId\":\"65b6\",\"requestedRole\":\"operator\",\"requestedScopes\":[\"operator.read\"]}",
                null, null);
        assertEquals("9c1d", pairing.requestId().orElseThrow());
        assertEquals("not-paired", pairing.reason().orElseThrow());
        assertFalse(pairing.pairingRetryAllowed());
        assertEquals(Optional.empty(), pairing.detailsString("requestedScopes"), "not a string");
    }

    @Test
    void deviceTokenHelpers() {
        assertTrue(detailed("INVALID_REQUEST", "AUTH_DEVICE_TOKEN_MISMATCH", null).deviceTokenRejected());
        assertFalse(detailed("INVALID_REQUEST", "AUTH_TOKEN_MISMATCH", null).deviceTokenRejected());
        GatewayError retryable = error("INVALID_REQUEST", "m",
                "{\"code\":\"AUTH_TOKEN_MISMATCH\",\"canRetryWithDeviceToken\":true,"
                        + "\"recommendedNextStep\":\"retry_with_device_token\"}", null, null);
        assertTrue(retryable.canRetryWithDeviceToken());
        assertTrue(retryable.pausesReconnect(), "the one-shot device-token retry is the caller's decision");
    }

    @Test
    void detailsThatAreNotAnObjectHaveNoCode() {
        assertEquals(Optional.empty(), new GatewayError("X", "m", new JsonArray(), null, null).detailsCode());
        assertEquals(Optional.empty(), new GatewayError("X", "m", new JsonPrimitive("CODE"), null, null).detailsCode());
        assertEquals(Optional.empty(), error("X", "m", "{\"code\":7}", null, null).detailsCode());
        assertEquals(Optional.empty(), GatewayError.of("X", "m").detailsCode());
        assertEquals(TRANSIENT, new GatewayError(null, null, null, null, null).classify());
    }

    @Test
    void detailsAreCopiedAndLeftOutOfToString() {
        JsonObject details = JsonParser.parseString("{\"code\":\"PAIRING_REQUIRED\",\"requestId\":\"abc\"}")
                .getAsJsonObject();
        GatewayError error = new GatewayError("NOT_PAIRED", "pairing required", details, null, null);
        details.addProperty("code", "CHANGED");
        assertEquals("PAIRING_REQUIRED", error.detailsCode().orElseThrow());
        assertEquals("GatewayError[code=NOT_PAIRED, detailsCode=PAIRING_REQUIRED, message=pairing required]",
                error.toString());
    }

    @Test
    void everyErrorClassIsReachable() {
        Set<ErrorClass> reached = cases().map(Case::expected).collect(Collectors.toSet());
        assertEquals(Set.of(ErrorClass.values()), reached, Arrays.toString(ErrorClass.values()));
    }

    private static GatewayError errorOf(FrameCodec codec, String frame) {
        return ((ResponseFrame) ((Decoded) codec.decode(frame)).frame()).error();
    }

    private static GatewayError detailed(String code, String detailsCode, Long retryAfterMs) {
        JsonObject details = new JsonObject();
        details.addProperty("code", detailsCode);
        return new GatewayError(code, detailsCode.toLowerCase(java.util.Locale.ROOT).replace('_', ' '), details, null, retryAfterMs);
    }

    private static GatewayError error(String code, String message, String details, Boolean retryable, Long retryAfterMs) {
        return new GatewayError(code, message, details == null ? null : JsonParser.parseString(details), retryable,
                retryAfterMs);
    }
}
