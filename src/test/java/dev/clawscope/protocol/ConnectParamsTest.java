package dev.clawscope.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectParamsTest {

    static final ClientInfo FULL_CLIENT = new ClientInfo(ClientId.CLI, "Clawscope", "0.1.0", "linux", "desktop",
            "ThinkPad", ClientMode.CLI, "inst-1");
    static final ConnectAuth FULL_AUTH = new ConnectAuth(Secret.of("tok-PLANTED-1"), Secret.of("dtok-PLANTED-2"),
            Secret.of("boot-PLANTED-3"), Secret.of("pw-PLANTED-4"));
    static final DeviceProof FULL_DEVICE = new DeviceProof("abc", "pk", "sig-PLANTED-5", 1737264000000L,
            "nonce-PLANTED-6");
    static final List<String> PLANTED = List.of("tok-PLANTED-1", "dtok-PLANTED-2", "boot-PLANTED-3",
            "pw-PLANTED-4", "sig-PLANTED-5", "nonce-PLANTED-6");

    static ConnectParams full() {
        return ConnectParams.builder(FULL_CLIENT)
                .scopes(List.of("operator.read", "operator.write", "operator.approvals"))
                .caps(List.of("tool-events"))
                .auth(FULL_AUTH)
                .device(FULL_DEVICE)
                .locale("en-US")
                .userAgent("clawscope/0.1.0")
                .build();
    }

    @Test
    void fullExampleWritesTheExpectedJson() {
        String expected = "{\"minProtocol\":4,\"maxProtocol\":4,"
                + "\"client\":{\"id\":\"cli\",\"displayName\":\"Clawscope\",\"version\":\"0.1.0\",\"platform\":\"linux\","
                + "\"deviceFamily\":\"desktop\",\"modelIdentifier\":\"ThinkPad\",\"mode\":\"cli\",\"instanceId\":\"inst-1\"},"
                + "\"role\":\"operator\",\"scopes\":[\"operator.read\",\"operator.write\",\"operator.approvals\"],"
                + "\"caps\":[\"tool-events\"],"
                + "\"auth\":{\"token\":\"tok-PLANTED-1\",\"bootstrapToken\":\"boot-PLANTED-3\","
                + "\"deviceToken\":\"dtok-PLANTED-2\",\"password\":\"pw-PLANTED-4\"},"
                + "\"locale\":\"en-US\",\"userAgent\":\"clawscope/0.1.0\","
                + "\"device\":{\"id\":\"abc\",\"publicKey\":\"pk\",\"signature\":\"sig-PLANTED-5\","
                + "\"signedAt\":1737264000000,\"nonce\":\"nonce-PLANTED-6\"}}";
        assertEquals(expected, full().toJson().toString());
    }

    @Test
    void writesOnlyAllowedKeys() {
        JsonObject json = withNodeFields(full()).toJson();
        assertEquals(Set.of("minProtocol", "maxProtocol", "client", "role", "scopes", "caps", "commands",
                "permissions", "pathEnv", "auth", "locale", "userAgent", "device"), json.keySet());
        assertEquals(Set.of("id", "displayName", "version", "platform", "deviceFamily", "modelIdentifier", "mode",
                "instanceId"), json.getAsJsonObject("client").keySet());
        assertEquals(Set.of("token", "bootstrapToken", "deviceToken", "password"),
                json.getAsJsonObject("auth").keySet());
        assertEquals(Set.of("id", "publicKey", "signature", "signedAt", "nonce"),
                json.getAsJsonObject("device").keySet());
    }

    @Test
    void minimalParamsWriteOnlyRequiredFields() {
        ConnectParams p = new ConnectParams(4, 4, ClientInfo.of(ClientId.TEST, ClientMode.TEST, "1", "linux"),
                null, null, null, null, null, null, null);
        assertEquals("{\"minProtocol\":4,\"maxProtocol\":4,"
                + "\"client\":{\"id\":\"test\",\"version\":\"1\",\"platform\":\"linux\",\"mode\":\"test\"}}",
                p.toJson().toString());
    }

    @Test
    void operatorFactoryDefaults() {
        ConnectParams p = ConnectParams.operator(ClientInfo.of(ClientId.CLI, ClientMode.CLI, "1", "linux"),
                List.of("operator.read"), ConnectAuth.none());
        assertEquals(4, p.minProtocol());
        assertEquals(4, p.maxProtocol());
        assertEquals("operator", p.role());
        assertEquals(List.of(), p.caps());
        assertNull(p.auth());
        assertNull(p.device());
        assertFalse(p.toJson().has("auth"));
    }

    @Test
    void parseRoundTripsToJson() {
        for (ConnectParams p : List.of(full(), withNodeFields(full()), ConnectParams.operator(FULL_CLIENT,
                List.of(), ConnectAuth.storedDeviceToken("dt")))) {
            ConnectParamsParse parse = ConnectParams.parse(p.toJson());
            assertEquals(new ConnectParamsParse.Valid(p), parse);
        }
    }

    @Test
    void clientSideValidation() {
        ClientInfo client = ClientInfo.of(ClientId.CLI, ClientMode.CLI, "1", "linux");
        assertMessage("protocol range [5, 3] is empty: minProtocol must be <= maxProtocol",
                () -> ConnectParams.builder(client).protocol(5, 3).build());
        assertMessage("role 'admin' is not valid; use operator or node",
                () -> ConnectParams.builder(client).role("admin").build());
        assertMessage("scope 'operator.everything' is not an operator scope the gateway knows; use one of: "
                + "operator.read, operator.write, operator.admin, operator.approvals, operator.questions, "
                + "operator.pairing, operator.talk, operator.talk.secrets, operator.sessions.read, "
                + "operator.sessions.write",
                () -> ConnectParams.operator(client, List.of("operator.read", "operator.everything"), null));
        assertMessage("client.displayName must not be blank",
                () -> ConnectParams.operator(client.withDisplayName("  "), List.of(), null));
        assertMessage("client.platform must not be blank",
                () -> ConnectParams.operator(ClientInfo.of(ClientId.CLI, ClientMode.CLI, "1", " "), List.of(), null));
        assertMessage("userAgent must not be blank",
                () -> ConnectParams.builder(client).userAgent("").build());
        assertMessage("caps[0] must not be empty",
                () -> ConnectParams.builder(client).caps(List.of("")).build());
        ConnectParams v3 = ConnectParams.builder(client).protocol(3, 4).build();
        assertEquals(3, v3.minProtocol());
    }

    @Test
    void schemaLevelChecksInConstructors() {
        assertMessage("client.version must not be empty",
                () -> ClientInfo.of(ClientId.CLI, ClientMode.CLI, "", "linux"));
        assertMessage("client.instanceId must not be empty",
                () -> ClientInfo.of(ClientId.CLI, ClientMode.CLI, "1", "linux").withInstanceId(""));
        assertThrows(NullPointerException.class, () -> ClientInfo.of(null, ClientMode.CLI, "1", "linux"));
        assertMessage("minProtocol must be >= 1", () -> new ConnectParams(0, 4, FULL_CLIENT, null, null, null,
                null, null, null, null));
        assertMessage("device.signedAt must be >= 0", () -> new DeviceProof("a", "b", "c", -1, "d"));
        assertMessage("device.nonce must not be empty", () -> new DeviceProof("a", "b", "c", 1, ""));
    }

    @Test
    void parsedParamsMayBreakClientPolicyButNotTheSchema() {
        ConnectParams odd = new ConnectParams(5, 3, FULL_CLIENT, "worker", List.of("made.up"), null, null, null,
                "", "", null, null, null);
        assertEquals(new ConnectParamsParse.Valid(odd), ConnectParams.parse(odd.toJson()));
        assertThrows(IllegalArgumentException.class, odd::validate);
    }

    @Test
    void toStringsNeverRevealSecrets() {
        ConnectParams p = withNodeFields(full());
        for (String text : List.of(p.toString(), p.auth().toString(), p.device().toString(),
                FULL_AUTH.toString(), FULL_DEVICE.toString(),
                ConnectParams.parse(p.toJson()).toString())) {
            for (String secret : PLANTED) {
                assertFalse(text.contains(secret), () -> "'" + secret + "' leaked in " + text);
            }
        }
        assertTrue(FULL_DEVICE.toString().contains("abc"));
        assertEquals("ConnectAuth[token=redacted, deviceToken=redacted, bootstrapToken=redacted, password=redacted]",
                FULL_AUTH.toString());
    }

    @Test
    void withAuthAndWithDeviceCopy() {
        ConnectParams p = full();
        assertNull(p.withAuth(ConnectAuth.none()).auth());
        assertEquals(Secret.of("x"), p.withAuth(ConnectAuth.sharedToken("x")).auth().token());
        DeviceProof other = new DeviceProof("id2", "pk2", "s2", 2, "n2");
        assertEquals(other, p.withDevice(other).device());
        assertEquals(FULL_DEVICE, p.device());
    }

    @Test
    void listsAreImmutableCopies() {
        List<String> scopes = new java.util.ArrayList<>(List.of("operator.read"));
        ConnectParams p = ConnectParams.operator(FULL_CLIENT, scopes, null);
        scopes.add("operator.admin");
        assertEquals(List.of("operator.read"), p.scopes());
        assertThrows(UnsupportedOperationException.class, () -> p.scopes().add("x"));
    }

    static ConnectParams withNodeFields(ConnectParams p) {
        Map<String, Boolean> perms = new LinkedHashMap<>();
        perms.put("camera", true);
        perms.put("screen", false);
        return new ConnectParams(p.minProtocol(), p.maxProtocol(), p.client(), p.role(), p.scopes(), p.caps(),
                p.auth(), p.device(), p.locale(), p.userAgent(), List.of("system.run"), perms, "/usr/bin:/bin");
    }

    static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
