package dev.clawscope.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class DeviceAuthPayloadTest {

    private static final ClientInfo CLIENT = ClientInfo.of(ClientId.CLI, ClientMode.CLI, "1", "Linux");

    private static String v2(ConnectAuth auth) {
        ConnectParams params = ConnectParams.builder(CLIENT).scopes(List.of("operator.read")).auth(auth).build();
        return DeviceAuthPayload.of("dev", params, 5, "n").render(DeviceAuthPayload.Version.V2);
    }

    @Test
    void tokenIsTokenThenDeviceTokenThenBootstrapToken() {
        Secret t = Secret.of("T");
        Secret d = Secret.of("D");
        Secret b = Secret.of("B");
        Secret p = Secret.of("P");
        assertEquals("v2|dev|cli|cli|operator|operator.read|5|T|n", v2(new ConnectAuth(t, d, b, p)));
        assertEquals("v2|dev|cli|cli|operator|operator.read|5|D|n", v2(new ConnectAuth(null, d, b, p)));
        assertEquals("v2|dev|cli|cli|operator|operator.read|5|B|n", v2(new ConnectAuth(null, null, b, p)));
        assertEquals("v2|dev|cli|cli|operator|operator.read|5||n", v2(new ConnectAuth(null, null, null, p)));
        assertEquals("v2|dev|cli|cli|operator|operator.read|5||n", v2(null));
    }

    @Test
    void scopesKeepTheirOrderAndEmptyScopesGiveAnEmptyField() {
        ConnectParams params = ConnectParams.builder(CLIENT)
                .scopes(List.of("operator.write", "operator.admin", "operator.read")).build();
        assertEquals("v2|d|cli|cli|operator|operator.write,operator.admin,operator.read|1||n",
                DeviceAuthPayload.of("d", params, 1, "n").render(DeviceAuthPayload.Version.V2));
        ConnectParams none = ConnectParams.builder(CLIENT).scopes(null).role(null).build();
        assertEquals("v3|d|cli|cli|operator||1||n|linux|",
                DeviceAuthPayload.of("d", none, 1, "n").render(DeviceAuthPayload.Version.V3));
    }

    @Test
    void nodeRoleIsSigned() {
        ConnectParams node = ConnectParams.builder(ClientInfo.of(ClientId.NODE_HOST, ClientMode.NODE, "1", "macos"))
                .role("node").build();
        assertEquals("v3|d|node-host|node|node||7||n|macos|",
                DeviceAuthPayload.of("d", node, 7, "n").render(DeviceAuthPayload.Version.V3));
    }

    @Test
    void metadataIsTrimmedAndAsciiLowercasedOnly() {
        assertEquals("windows", DeviceAuthPayload.normalizeMetadata(" Windows "));
        assertEquals("pc", DeviceAuthPayload.normalizeMetadata("\u00a0PC\u2003\n"));
        assertEquals("ÄÉb", DeviceAuthPayload.normalizeMetadata("ÄÉB"));
        assertEquals("", DeviceAuthPayload.normalizeMetadata(null));
        assertEquals("", DeviceAuthPayload.normalizeMetadata("   "));
        assertEquals("a b", DeviceAuthPayload.normalizeMetadata(" A B "));
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            assertEquals("linux", DeviceAuthPayload.normalizeMetadata("LINUX"));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void toStringHidesTokenAndNonce() {
        DeviceAuthPayload p = new DeviceAuthPayload("dev", "cli", "cli", "operator", List.of(), 1,
                "tok-7f3a9c", "nonce-51d2e8", null, null);
        assertFalse(p.toString().contains("tok-7f3a9c"));
        assertFalse(p.toString().contains("nonce-51d2e8"));
        assertTrue(p.toString().contains("dev"));
    }
}
