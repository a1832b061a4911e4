package dev.clawscope.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A connect signed by a real client and accepted by a real 2026.9.6 gateway (stay75-frames.jsonl lines 2-4). */
class CapturedConnectTest {

    private static final List<String> LINES = TestResources.lines("captured-connect-2026.9.6.jsonl");

    private static JsonObject frame(int index) {
        return JsonParser.parseString(LINES.get(index)).getAsJsonObject().getAsJsonObject("frame");
    }

    private static final JsonObject CHALLENGE = frame(0).getAsJsonObject("payload");
    private static final String SIGNING_NOTE = JsonParser.parseString(LINES.get(1)).getAsJsonObject()
            .get("frame").getAsString();
    private static final JsonObject PARAMS = frame(2).getAsJsonObject("params");
    private static final JsonObject DEVICE = PARAMS.getAsJsonObject("device");

    private static ConnectParams rebuiltWithoutDevice() {
        return ConnectParams.builder(ClientInfo.of(ClientId.CLI, ClientMode.CLI, "0.0.1-probe", "linux"))
                .scopes(List.of("operator.read", "operator.write", "operator.admin"))
                .caps(List.of())
                .auth(ConnectAuth.sharedToken("testtoken"))
                .locale("en-US")
                .userAgent("ocgw-probe/0.0.1")
                .build();
    }

    @Test
    void payloadBuiltFromTheConnectFieldsEqualsTheSignedOne() {
        String expected = SIGNING_NOTE.substring("signing payload: ".length());
        String nonce = CHALLENGE.get("nonce").getAsString();
        long ts = CHALLENGE.get("ts").getAsLong();
        assertEquals(nonce, DEVICE.get("nonce").getAsString());
        assertEquals(ts, DEVICE.get("signedAt").getAsLong());

        String payload = DeviceAuthPayload.of(DEVICE.get("id").getAsString(), rebuiltWithoutDevice(), ts, nonce)
                .render(DeviceAuthPayload.Version.V3);
        assertEquals(expected, payload);
        assertTrue(DeviceIdentity.verify(DEVICE.get("publicKey").getAsString(), payload,
                DEVICE.get("signature").getAsString()));
    }

    @Test
    void deviceIdIsSha256OfTheRawPublicKey() throws Exception {
        String publicKey = DEVICE.get("publicKey").getAsString();
        byte[] raw = Base64.getUrlDecoder().decode(publicKey);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        assertEquals(DEVICE.get("id").getAsString(), sha);
        assertEquals(sha, DeviceIdentity.deviceIdOf(publicKey).orElseThrow());
    }

    @Test
    void parsesAndVerifiesLikeTheGateway() {
        ConnectParamsParse parse = ConnectParams.parse(PARAMS);
        ConnectParams params = assertInstanceOf(ConnectParamsParse.Valid.class, parse).params();
        assertEquals(DeviceAuthPayload.Version.V3, DeviceAuthPayload.verifiedVersion(params).orElseThrow());
        assertEquals("testtoken", params.auth().token().reveal());
    }

    @Test
    void writerReproducesTheCapturedParamsByteForByte() {
        DeviceProof proof = new DeviceProof(DEVICE.get("id").getAsString(), DEVICE.get("publicKey").getAsString(),
                DEVICE.get("signature").getAsString(), DEVICE.get("signedAt").getAsLong(),
                DEVICE.get("nonce").getAsString());
        assertEquals(PARAMS.toString(), rebuiltWithoutDevice().withDevice(proof).toJson().toString());
        ConnectParams parsed = ((ConnectParamsParse.Valid) ConnectParams.parse(PARAMS)).params();
        assertEquals(PARAMS.toString(), parsed.toJson().toString());
    }
}
