package dev.clawscope.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FrameCodecEncodeTest {

    private final FrameCodec codec = new FrameCodec();

    @Test
    void requestIsWrittenTypeFirstWithExactlyItsFields() {
        assertEquals("{\"type\":\"req\",\"id\":\"2\",\"method\":\"health\",\"params\":{}}",
                codec.encode(new RequestFrame("2", "health", new JsonObject())));
        assertEquals("{\"type\":\"req\",\"id\":\"3\",\"method\":\"status\"}",
                codec.encode(new RequestFrame("3", "status", null)));
    }

    @Test
    void responseErrorIsWrittenInFixedOrder() {
        JsonObject details = new JsonObject();
        details.addProperty("reason", "startup-sidecars");
        GatewayError error = new GatewayError("UNAVAILABLE", "gateway starting; retry shortly", details, true, 500L);
        assertEquals("{\"type\":\"res\",\"id\":\"r1\",\"ok\":false,\"error\":{\"code\":\"UNAVAILABLE\","
                        + "\"message\":\"gateway starting; retry shortly\",\"details\":{\"reason\":\"startup-sidecars\"},"
                        + "\"retryable\":true,\"retryAfterMs\":500}}",
                codec.encode(ResponseFrame.failure("r1", error)));
        assertEquals("{\"type\":\"res\",\"id\":\"r4\",\"ok\":false,\"error\":{\"code\":\"INVALID_REQUEST\","
                        + "\"message\":\"unknown method: ping\"}}",
                codec.encode(ResponseFrame.failure("r4", GatewayError.of("INVALID_REQUEST", "unknown method: ping"))));
    }

    @Test
    void eventIsWrittenInFixedOrder() {
        JsonObject payload = new JsonObject();
        payload.addProperty("ok", true);
        assertEquals("{\"type\":\"event\",\"event\":\"health\",\"payload\":{\"ok\":true},\"seq\":2,"
                        + "\"stateVersion\":{\"presence\":11,\"health\":7}}",
                codec.encode(new EventFrame("health", payload, 2L, new StateVersion(11, 7))));
        assertEquals("{\"type\":\"event\",\"event\":\"connect.challenge\",\"payload\":{\"nonce\":\"n\",\"ts\":1}}",
                codec.encode(new Challenge("n", 1).toEvent()));
    }

    @Test
    void payloadTreesKeepNullsAndAreNotHtmlEscaped() {
        JsonObject payload = new JsonObject();
        payload.add("updateAvailable", JsonNull.INSTANCE);
        payload.addProperty("text", "a<b & 'c'");
        assertEquals("{\"type\":\"event\",\"event\":\"update.available\",\"payload\":"
                        + "{\"updateAvailable\":null,\"text\":\"a<b & 'c'\"},\"seq\":1}",
                codec.encode(new EventFrame("update.available", payload, 1L, null)));
    }

    static Stream<Frame> frames() {
        JsonObject params = JsonParser.parseString(
                "{\"minProtocol\":4,\"maxProtocol\":4,\"client\":{\"id\":\"cli\",\"mode\":\"cli\"},\"scopes\":[]}")
                .getAsJsonObject();
        JsonObject details = JsonParser.parseString(
                "{\"code\":\"PAIRING_REQUIRED\",\"reason\":\"not-paired\",\"requestId\":\"req-1\","
                        + "\"requestedScopes\":[\"operator.read\"]}").getAsJsonObject();
        JsonArray presence = new JsonArray();
        presence.add(new JsonObject());
        return Stream.of(
                new RequestFrame("1:7f0c", "connect", params),
                new RequestFrame("2", "health", null),
                ResponseFrame.success("r2", JsonParser.parseString("{\"ok\":true,\"ts\":1795804472829}")),
                ResponseFrame.success("r6", JsonNull.INSTANCE),
                ResponseFrame.success("r7", presence),
                ResponseFrame.success("r8", null),
                ResponseFrame.failure("r1", new GatewayError("NOT_PAIRED", "pairing required", details, null, null)),
                ResponseFrame.failure("r9", new GatewayError("UNAVAILABLE", "busy", null, true, 0L)),
                new EventFrame("tick", JsonParser.parseString("{\"ts\":1795804532816}"), 1L, null),
                new EventFrame("health", new JsonObject(), 2L, new StateVersion(11, 7)),
                EventFrame.of("connect.challenge", new Challenge("03d8b3f6", 1795804519090L).toEvent().payload()),
                EventFrame.of("shutdown", null),
                new EventFrame("text", new JsonPrimitive("ünïcødé 😀 \u2028"), 0L, new StateVersion(0, 0)));
    }

    @ParameterizedTest
    @MethodSource("frames")
    void encodeThenDecodeGivesAnEqualFrame(Frame frame) {
        DecodeResult result = codec.decode(codec.encode(frame));
        assertEquals(frame, assertInstanceOf(Decoded.class, result, result::toString).frame());
    }

    static Stream<Arguments> invalidFrames() {
        GatewayError error = GatewayError.of("INVALID_REQUEST", "m");
        JsonObject nan = new JsonObject();
        nan.addProperty("x", Double.NaN);
        return Stream.of(
                Arguments.of("blank id", new RequestFrame(" ", "health", null)),
                Arguments.of("null id", new RequestFrame(null, "health", null)),
                Arguments.of("empty method", new RequestFrame("1", "", null)),
                Arguments.of("null method", new RequestFrame("1", null, null)),
                Arguments.of("res blank id", ResponseFrame.success("", null)),
                Arguments.of("ok with error", new ResponseFrame("1", true, null, error)),
                Arguments.of("failure without error", new ResponseFrame("1", false, null, null)),
                Arguments.of("blank error code", ResponseFrame.failure("1", GatewayError.of(" ", "m"))),
                Arguments.of("null error message", ResponseFrame.failure("1", GatewayError.of("X", null))),
                Arguments.of("negative retryAfterMs",
                        ResponseFrame.failure("1", new GatewayError("X", "m", null, true, -1L))),
                Arguments.of("blank event", EventFrame.of("", null)),
                Arguments.of("null event", EventFrame.of(null, null)),
                Arguments.of("negative seq", new EventFrame("tick", null, -1L, null)),
                Arguments.of("negative stateVersion", new EventFrame("health", null, 1L, new StateVersion(-1, 0))),
                Arguments.of("NaN in payload", EventFrame.of("x", nan)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFrames")
    void writerRejectsInvalidFrames(String why, Frame frame) {
        assertThrows(IllegalArgumentException.class, () -> codec.encode(frame));
    }

    @Test
    void encodeRejectsNull() {
        assertThrows(NullPointerException.class, () -> codec.encode(null));
    }

    @Test
    void requestParamsAreCopiedOnConstruction() {
        JsonObject params = new JsonObject();
        params.addProperty("probe", false);
        RequestFrame frame = new RequestFrame("1", "health", params);
        params.addProperty("probe", true);
        params.addProperty("extra", 1);
        assertEquals("{\"type\":\"req\",\"id\":\"1\",\"method\":\"health\",\"params\":{\"probe\":false}}",
                codec.encode(frame));
    }

    @Test
    void toStringsDoNotPrintPayloadsOrParams() {
        JsonObject auth = new JsonObject();
        auth.addProperty("token", "s3cret-token");
        JsonObject params = new JsonObject();
        params.add("auth", auth);
        String request = new RequestFrame("r1", "connect", params).toString();
        assertTrue(!request.contains("s3cret-token") && request.contains("connect"), request);

        String response = ResponseFrame.success("r1", params).toString();
        assertTrue(!response.contains("s3cret-token") && response.contains("payload=<object>"), response);

        String event = new Challenge("nonce-value-123", 5).toEvent().toString();
        assertTrue(!event.contains("nonce-value-123") && event.contains("connect.challenge"), event);
    }
}
