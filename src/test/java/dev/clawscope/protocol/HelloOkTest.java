package dev.clawscope.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelloOkTest {

    private static final String DEVICE_TOKEN = "xnlEj3PN3MM-RRkl4M0xi-Cf-xigssiMVQbXHQGzPrk";
    private static final List<String> ADMIN_READ_WRITE =
            List.of("operator.read", "operator.write", "operator.admin");

    private final FrameCodec codec = new FrameCodec();

    @Test
    void deviceSignedCapture() {
        HelloOk hello = capture("hello-ok-device-signed.json");
        assertCommon(hello);
        assertEquals("965ba8e6-34b1-406c-98f2-8a0394fd5f17", hello.server().connId());
        assertEquals(DEVICE_TOKEN, hello.deviceToken().orElseThrow());
        assertEquals(1795804466944L, hello.auth().issuedAtMs());
        assertEquals(4, hello.snapshot().presenceCount());
        assertEquals(143946, hello.snapshot().uptimeMs());
        assertEquals(new StateVersion(5, 4), hello.snapshot().stateVersion());
    }

    @Test
    void tokenOnlyCliCapture() {
        HelloOk hello = capture("hello-ok-token-only-cli.json");
        assertCommon(hello);
        assertEquals("a8529d19-f69a-4eb0-98b4-d65c24844d79", hello.server().connId());
        assertTrue(hello.deviceToken().isEmpty(), "a device-less cli connection gets no device token");
        assertNull(hello.auth().issuedAtMs());
        assertEquals(1, hello.snapshot().presenceCount());
        assertEquals(66847, hello.snapshot().uptimeMs());
        assertEquals(new StateVersion(1, 2), hello.snapshot().stateVersion());
    }

    private static void assertCommon(HelloOk hello) {
        assertEquals(4, hello.protocol());
        assertEquals("2026.9.6", hello.server().version());
        assertEquals("2026.9.6-release-eb377ac59e6c-2026-09-23T16-33-12.144Z", hello.server().buildId());
        assertEquals("6c0e3e5f-ffc3-4e68-93f7-7de07a7ed895", hello.server().bootId());
        assertEquals(new HelloOk.Policy(26214400, 52428800, 30000), hello.policy());
        assertEquals(466, hello.features().methods().size());
        assertEquals(64, hello.features().events().size());
        assertEquals(21, hello.features().capabilities().size());
        assertTrue(hello.advertisesMethod("health"));
        assertTrue(hello.advertisesMethod("status"));
        assertFalse(hello.advertisesMethod("ping"), "no ping RPC exists for operators");
        assertTrue(hello.advertisesEvent("tick"));
        assertTrue(hello.advertisesEvent("shutdown"));
        assertEquals("operator", hello.auth().role());
        assertEquals(ADMIN_READ_WRITE, hello.grantedScopes());
        assertEquals("token", hello.auth().method());
        assertEquals(Boolean.TRUE, hello.snapshot().healthOk());
        assertEquals("token", hello.snapshot().authMode());
        assertNull(hello.controlUiUrl(), "these captures carry pluginSurfaceUrls but no controlUiUrl");
    }

    @Test
    void toStringNeverPrintsTheDeviceToken() {
        HelloOk hello = capture("hello-ok-device-signed.json");
        String text = hello.toString();
        assertFalse(text.contains(DEVICE_TOKEN), text);
        assertTrue(text.contains("deviceToken=<redacted>"), text);
        assertTrue(text.contains("methods=466"), "lists are summarised: " + text);
        assertFalse(hello.auth().toString().contains(DEVICE_TOKEN));
    }

    @Test
    void scopeImplications() {
        HelloOk admin = capture("hello-ok-token-only-cli.json");
        assertTrue(admin.grantsScope("operator.pairing"), "admin satisfies everything");

        HelloOk writer = withScopes("operator.write");
        assertTrue(writer.grantsScope("operator.read"));
        assertTrue(writer.grantsScope("operator.talk"));
        assertTrue(writer.grantsScope("operator.sessions.read"));
        assertFalse(writer.grantsScope("operator.approvals"));
        assertFalse(writer.grantsScope("operator.admin"));

        HelloOk none = withScopes();
        assertEquals(List.of(), none.grantedScopes());
        assertFalse(none.grantsScope("operator.read"), "device-less shared-token sockets get no scopes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"protocol", "server", "server.version", "server.connId", "features", "features.methods",
        "features.events", "policy", "policy.maxPayload", "policy.maxBufferedBytes", "policy.tickIntervalMs", "auth",
        "auth.role", "auth.scopes", "snapshot", "snapshot.presence", "snapshot.uptimeMs", "type"})
    void missingRequiredFieldIsNamed(String path) {
        JsonObject payload = payload("hello-ok-token-only-cli.json");
        parentOf(payload, path).remove(leaf(path));
        PayloadResult.Invalid<HelloOk> invalid = invalid(HelloOk.parse(payload));
        assertEquals(path, invalid.field());
        assertEquals(FieldProblem.MISSING, invalid.problem());
        assertTrue(invalid.message().contains(path), invalid.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"features.capabilities", "server.buildId", "server.bootId", "auth.method",
        "auth.issuedAtMs", "snapshot.health", "snapshot.authMode", "snapshot.stateVersion"})
    void optionalFieldsMayBeAbsent(String path) {
        JsonObject payload = payload("hello-ok-device-signed.json");
        parentOf(payload, path).remove(leaf(path));
        HelloOk hello = HelloOk.parse(payload).toOptional().orElseThrow();
        assertEquals("2026.9.6", hello.server().version());
    }

    @Test
    void absentOptionalsReadAsEmpty() {
        JsonObject payload = payload("hello-ok-device-signed.json");
        JsonObject features = payload.getAsJsonObject("features");
        features.remove("capabilities");
        JsonObject snapshot = payload.getAsJsonObject("snapshot");
        snapshot.remove("health");
        snapshot.remove("stateVersion");
        snapshot.add("presence", new JsonPrimitive(3));
        payload.addProperty("controlUiUrl", "http://127.0.0.1:18789/");
        HelloOk hello = HelloOk.parse(payload).toOptional().orElseThrow();
        assertEquals(List.of(), hello.features().capabilities());
        assertNull(hello.snapshot().healthOk());
        assertNull(hello.snapshot().stateVersion());
        assertEquals(3, hello.snapshot().presenceCount(), "a bare presence count is accepted");
        assertEquals("http://127.0.0.1:18789/", hello.controlUiUrl());
    }

    @Test
    void wrongTypesAreReportedWithoutValues() {
        JsonObject payload = payload("hello-ok-device-signed.json");
        payload.getAsJsonObject("policy").addProperty("tickIntervalMs", "30000");
        PayloadResult.Invalid<HelloOk> invalid = invalid(HelloOk.parse(payload));
        assertEquals("policy.tickIntervalMs", invalid.field());
        assertEquals(FieldProblem.WRONG_TYPE, invalid.problem());
        assertEquals("field 'policy.tickIntervalMs' must be a number, got string", invalid.message());

        JsonObject badScope = payload("hello-ok-device-signed.json");
        badScope.getAsJsonObject("auth").getAsJsonArray("scopes").add(7);
        assertEquals("auth.scopes[3]", ((PayloadResult.Invalid<HelloOk>) HelloOk.parse(badScope)).field());

        JsonObject badToken = payload("hello-ok-device-signed.json");
        badToken.getAsJsonObject("auth").add("deviceToken", new JsonArray());
        PayloadResult.Invalid<HelloOk> tokenInvalid = invalid(HelloOk.parse(badToken));
        assertEquals("auth.deviceToken", tokenInvalid.field());
    }

    @Test
    void notAHelloOk() {
        JsonObject payload = payload("hello-ok-device-signed.json");
        payload.addProperty("type", "hello-later");
        PayloadResult.Invalid<HelloOk> invalid = invalid(HelloOk.parse(payload));
        assertEquals(FieldProblem.WRONG_VALUE, invalid.problem());
        assertEquals("type", invalid.field());

        assertEquals(FieldProblem.MISSING,
                ((PayloadResult.Invalid<HelloOk>) HelloOk.parse(null)).problem());
        assertEquals(FieldProblem.MISSING,
                ((PayloadResult.Invalid<HelloOk>) HelloOk.parse(JsonNull.INSTANCE)).problem());
        assertEquals(FieldProblem.WRONG_TYPE,
                ((PayloadResult.Invalid<HelloOk>) HelloOk.parse(new JsonArray())).problem());

        ResponseFrame failed = ResponseFrame.failure("r1", GatewayError.of("NOT_PAIRED", "pairing required"));
        assertEquals("ok", ((PayloadResult.Invalid<HelloOk>) HelloOk.from(failed)).field());
    }

    private HelloOk capture(String name) {
        Frame frame = ((Decoded) codec.decode(Captures.text(name))).frame();
        return HelloOk.from((ResponseFrame) frame).toOptional().orElseThrow();
    }

    private static JsonObject payload(String name) {
        return JsonParser.parseString(Captures.text(name)).getAsJsonObject().getAsJsonObject("payload");
    }

    private HelloOk withScopes(String... scopes) {
        JsonObject payload = payload("hello-ok-token-only-cli.json");
        JsonArray array = new JsonArray();
        for (String scope : scopes) {
            array.add(scope);
        }
        payload.getAsJsonObject("auth").add("scopes", array);
        return HelloOk.parse(payload).toOptional().orElseThrow();
    }

    private static JsonObject parentOf(JsonObject root, String path) {
        JsonElement current = root;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            current = current.getAsJsonObject().get(parts[i]);
        }
        return current.getAsJsonObject();
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private static <T> PayloadResult.Invalid<T> invalid(PayloadResult<T> result) {
        assertInstanceOf(PayloadResult.Invalid.class, result, () -> "expected invalid, got " + result);
        return (PayloadResult.Invalid<T>) result;
    }
}
