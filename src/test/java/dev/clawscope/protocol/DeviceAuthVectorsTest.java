package dev.clawscope.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reproduces every value of device-auth-vectors.json (computed by the gateway's own code). */
class DeviceAuthVectorsTest {

    private static final JsonObject V = TestResources.json("device-auth-vectors.json");
    private static final String NONCE = "8f6b2a3e-1c2d-4e5f-9a0b-123456789abc";
    private static final long SIGNED_AT = 1737264000000L;

    private final DeviceIdentity identity = DeviceIdentity.fromSeed(HexFormat.of().parseHex(v("seedHex")));

    private static String v(String key) {
        return V.get(key).getAsString();
    }

    private ConnectParams vectorParams() {
        ClientInfo client = ClientInfo.of(ClientId.GATEWAY_CLIENT, ClientMode.BACKEND, "1.0.0", " Windows ")
                .withDeviceFamily("PC");
        return ConnectParams.builder(client)
                .scopes(List.of("operator.read", "operator.write"))
                .auth(ConnectAuth.sharedToken("secret-token"))
                .build();
    }

    @Test
    void publicKeyAndDeviceIdFromSeed() {
        assertEquals(v("publicKeyRawHex"), HexFormat.of().formatHex(identity.publicKeyRaw()));
        assertEquals(v("publicKeyRawBase64Url"), identity.publicKeyBase64Url());
        assertEquals(v("deviceId"), identity.deviceId());
        assertEquals(v("deviceId"), DeviceIdentity.deviceIdOf(v("publicKeyRawBase64Url")).orElseThrow());
    }

    @Test
    void v2PayloadAndSignature() {
        String payload = DeviceAuthPayload.of(identity.deviceId(), vectorParams(), SIGNED_AT, NONCE)
                .render(DeviceAuthPayload.Version.V2);
        assertEquals(v("v2"), payload);
        assertEquals(v("sig2"), identity.sign(payload));
        assertTrue(V.get("v2verifies").getAsBoolean());
        assertTrue(DeviceIdentity.verify(v("publicKeyRawBase64Url"), v("v2"), v("sig2")));
    }

    @Test
    void v3PayloadAndSignature() {
        String payload = DeviceAuthPayload.of(identity.deviceId(), vectorParams(), SIGNED_AT, NONCE)
                .render(DeviceAuthPayload.Version.V3);
        assertEquals(v("v3"), payload);
        assertEquals(v("sig3"), identity.sign(payload));
        assertTrue(V.get("v3verifies").getAsBoolean());
        assertTrue(DeviceIdentity.verify(v("publicKeyRawBase64Url"), v("v3"), v("sig3")));
    }

    @Test
    void proveBuildsTheDeviceObject() {
        DeviceProof v3 = DeviceAuthPayload.prove(identity, vectorParams(), NONCE, SIGNED_AT);
        assertEquals(new DeviceProof(v("deviceId"), v("publicKeyRawBase64Url"), v("sig3"), SIGNED_AT, NONCE), v3);
        DeviceProof v2 = DeviceAuthPayload.prove(identity, vectorParams(), NONCE, SIGNED_AT,
                DeviceAuthPayload.Version.V2);
        assertEquals(v("sig2"), v2.signature());
    }

    @Test
    void serverSideVerificationFindsTheVersion() {
        ConnectParams params = vectorParams();
        ConnectParams v3 = params.withDevice(DeviceAuthPayload.prove(identity, params, NONCE, SIGNED_AT));
        ConnectParams v2 = params.withDevice(
                DeviceAuthPayload.prove(identity, params, NONCE, SIGNED_AT, DeviceAuthPayload.Version.V2));
        assertEquals(DeviceAuthPayload.Version.V3, DeviceAuthPayload.verifiedVersion(v3).orElseThrow());
        assertEquals(DeviceAuthPayload.Version.V2, DeviceAuthPayload.verifiedVersion(v2).orElseThrow());
        ConnectParams otherToken = v3.withAuth(ConnectAuth.sharedToken("other-token"));
        assertTrue(DeviceAuthPayload.verifiedVersion(otherToken).isEmpty());
        assertTrue(DeviceAuthPayload.verifiedVersion(params).isEmpty());
    }

    @Test
    void tamperedPayloadSignatureOrKeyFails() {
        String key = v("publicKeyRawBase64Url");
        assertFalse(DeviceIdentity.verify(key, v("v3").replace("secret-token", "secret-tokem"), v("sig3")));
        assertFalse(DeviceIdentity.verify(key, v("v2"), v("sig3")));
        String sig = v("sig3");
        String flipped = sig.substring(0, 10) + (sig.charAt(10) == 'A' ? 'B' : 'A') + sig.substring(11);
        assertFalse(DeviceIdentity.verify(key, v("v3"), flipped));
        assertFalse(DeviceIdentity.verify(key, v("v3"), sig.substring(0, 40)));
        assertFalse(DeviceIdentity.verify(key, v("v3"), "%%%not-base64%%%"));
        assertFalse(DeviceIdentity.verify(key, v("v3"), ""));
        assertFalse(DeviceIdentity.verify(key, v("v3"), null));
        assertFalse(DeviceIdentity.verify(key, null, sig));
        assertFalse(DeviceIdentity.verify("not a key!", v("v3"), sig));
        assertFalse(DeviceIdentity.verify(key.substring(0, 40), v("v3"), sig));
        assertFalse(DeviceIdentity.verify("", v("v3"), sig));
        assertFalse(DeviceIdentity.verify(null, v("v3"), sig));
        assertFalse(DeviceIdentity.verify("-----BEGIN PUBLIC KEY-----\ngarbage\n-----END PUBLIC KEY-----", v("v3"), sig));
        DeviceIdentity other = DeviceIdentity.generate();
        assertFalse(DeviceIdentity.verify(other.publicKeyBase64Url(), v("v3"), sig));
    }

    @Test
    void publicKeyEncodingsTheGatewayTolerates() {
        byte[] raw = identity.publicKeyRaw();
        String padded = java.util.Base64.getUrlEncoder().encodeToString(raw);
        String standard = java.util.Base64.getEncoder().encodeToString(raw);
        String standardUnpadded = java.util.Base64.getEncoder().withoutPadding().encodeToString(raw);
        byte[] spki = new byte[44];
        System.arraycopy(HexFormat.of().parseHex("302a300506032b6570032100"), 0, spki, 0, 12);
        System.arraycopy(raw, 0, spki, 12, 32);
        String pem = "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getEncoder().encodeToString(spki)
                + "\n-----END PUBLIC KEY-----\n";
        for (String key : List.of(padded, standard, standardUnpadded, pem)) {
            assertTrue(DeviceIdentity.verify(key, v("v3"), v("sig3")), key);
            assertEquals(v("deviceId"), DeviceIdentity.deviceIdOf(key).orElseThrow(), key);
        }
        String paddedSig = java.util.Base64.getEncoder().encodeToString(
                java.util.Base64.getUrlDecoder().decode(v("sig3")));
        assertTrue(DeviceIdentity.verify(v("publicKeyRawBase64Url"), v("v3"), paddedSig));
    }
}
