package dev.clawscope.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FrameCodecDecodeTest {

    /** Planted in every bad frame below; no failure message may repeat it. */
    private static final String SECRET = "tok-9f8e7d6c5b4a";

    private final FrameCodec codec = new FrameCodec();

    static Stream<Arguments> badFrames() {
        String s = SECRET;
        return Stream.of(
                // NOT_JSON: syntax, lenient-only syntax, trailing data, truncation
                bad(DecodeFailure.Kind.NOT_JSON, ""),
                bad(DecodeFailure.Kind.NOT_JSON, "   \n"),
                bad(DecodeFailure.Kind.NOT_JSON, q("{type:'req',id:'1',method:'" + s + "'}")),
                bad(DecodeFailure.Kind.NOT_JSON, "{'type':'req','id':'1','method':'" + s + "'}"),
                bad(DecodeFailure.Kind.NOT_JSON, q("{'type':'event','event':'tick'} " + s)),
                bad(DecodeFailure.Kind.NOT_JSON, q("{'type':'event','event':'tick'}{'t':'" + s + "'}")),
                bad(DecodeFailure.Kind.NOT_JSON, q("// " + s + "\n{'type':'event','event':'tick'}")),
                bad(DecodeFailure.Kind.NOT_JSON, q("{'type':'event','event':'tick','payload':[1,],'x':'" + s + "'}")),
                bad(DecodeFailure.Kind.NOT_JSON, q("{'type':'event','event':'tick','payload':NaN,'x':'" + s + "'}")),
                bad(DecodeFailure.Kind.NOT_JSON, q("{'type':'req','id':'1','method':'" + s + "\tx'}")),
                bad(DecodeFailure.Kind.NOT_JSON, q("{'type':'req','id':'1','params':{'token':'" + s)),
                // NOT_OBJECT
                bad(DecodeFailure.Kind.NOT_OBJECT, q("['" + s + "']")),
                bad(DecodeFailure.Kind.NOT_OBJECT, q("'" + s + "'")),
                bad(DecodeFailure.Kind.NOT_OBJECT, "42"),
                bad(DecodeFailure.Kind.NOT_OBJECT, "null"),
                bad(DecodeFailure.Kind.NOT_OBJECT, "true"),
                // MISSING_TYPE
                bad(DecodeFailure.Kind.MISSING_TYPE, q("{'id':'1','method':'" + s + "'}")),
                bad(DecodeFailure.Kind.MISSING_TYPE, q("{'type':null,'event':'" + s + "'}")),
                // UNKNOWN_TYPE
                bad(DecodeFailure.Kind.UNKNOWN_TYPE, q("{'type':'" + s + "'}")),
                bad(DecodeFailure.Kind.UNKNOWN_TYPE, q("{'type':'REQ','id':'1','method':'" + s + "'}")),
                // MISSING_FIELD
                bad(DecodeFailure.Kind.MISSING_FIELD, q("{'type':'req','method':'" + s + "'}")),
                bad(DecodeFailure.Kind.MISSING_FIELD, q("{'type':'req','id':'" + s + "'}")),
                bad(DecodeFailure.Kind.MISSING_FIELD, q("{'type':'res','id':'" + s + "','payload':{}}")),
                bad(DecodeFailure.Kind.MISSING_FIELD, q("{'type':'res','id':'" + s + "','ok':false}")),
                bad(DecodeFailure.Kind.MISSING_FIELD, q("{'type':'res','id':'1','ok':false,'error':{'message':'" + s + "'}}")),
                bad(DecodeFailure.Kind.MISSING_FIELD, q("{'type':'res','id':'1','ok':false,'error':{'code':'" + s + "'}}")),
                bad(DecodeFailure.Kind.MISSING_FIELD, q("{'type':'event','payload':{'nonce':'" + s + "'}}")),
                bad(DecodeFailure.Kind.MISSING_FIELD, q("{'type':'event','event':'" + s + "','stateVersion':{'presence':1}}")),
                // WRONG_TYPE
                bad(DecodeFailure.Kind.WRONG_TYPE, q("{'type':7,'event':'" + s + "'}")),
                bad(DecodeFailure.Kind.WRONG_TYPE, q("{'type':'req','id':5,'method':'" + s + "'}")),
                bad(DecodeFailure.Kind.WRONG_TYPE, q("{'type':'req','id':'','method':'" + s + "'}")),
                bad(DecodeFailure.Kind.WRONG_TYPE, q("{'type':'req','id':'1','method':['" + s + "']}")),
                bad(DecodeFailure.Kind.WRONG_TYPE, q("{'type':'req','id':'1','method':'connect','params':['" + s + "']}")),
                bad(DecodeFailure.Kind.WRONG_TYPE, q("{'type':'res','id':'1','ok':'true','payload':'" + s + "'}")),
                bad(DecodeFailure.Kind.WRONG_TYPE, q("{'type':'res','id':'1','ok':false,'error':'" + s + "'}")),
                bad(DecodeFailure.Kind.WRONG_TYPE,
                        q("{'type':'res','id':'1','ok':false,'error':{'code':'X','message':'" + s + "','retryAfterMs':'5'}}")),
                bad(DecodeFailure.Kind.WRONG_TYPE,
                        q("{'type':'res','id':'1','ok':false,'error':{'code':'X','message':'" + s + "','retryable':'yes'}}")),
                bad(DecodeFailure.Kind.WRONG_TYPE, q("{'type':'event','event':'tick','seq':-1,'payload':'" + s + "'}")),
                bad(DecodeFailure.Kind.WRONG_TYPE, q("{'type':'event','event':'tick','seq':1.5,'payload':'" + s + "'}")),
                bad(DecodeFailure.Kind.WRONG_TYPE, q("{'type':'event','event':'tick','seq':'3','payload':'" + s + "'}")),
                bad(DecodeFailure.Kind.WRONG_TYPE, q("{'type':'event','event':'tick','seq':1e30,'payload':'" + s + "'}")),
                bad(DecodeFailure.Kind.WRONG_TYPE, q("{'type':'event','event':' ','payload':'" + s + "'}")),
                bad(DecodeFailure.Kind.WRONG_TYPE, q("{'type':'event','event':'health','stateVersion':'" + s + "'}")));
    }

    /** JSON written with single quotes for readability. */
    private static String q(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private static Arguments bad(DecodeFailure.Kind kind, String text) {
        return Arguments.of(kind, text);
    }

    @ParameterizedTest
    @MethodSource("badFrames")
    void badFrameIsATypedFailureThatDoesNotEchoContent(DecodeFailure.Kind kind, String text) {
        DecodeFailure failure = assertFailure(codec.decode(text));
        assertEquals(kind, failure.kind(), failure.message());
        assertFalse(failure.message().isBlank());
        assertFalse(failure.message().contains(SECRET), failure.message());

        DecodeFailure fromBytes = assertFailure(codec.decode(text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(failure, fromBytes, "String and byte[] input agree");
    }

    @Test
    void messagesNameTheFieldAndItsJsonType() {
        assertEquals("field 'seq' must be a non-negative integer, got string",
                failure("{\"type\":\"event\",\"event\":\"tick\",\"seq\":\"3\"}").message());
        assertEquals("field 'ok' must be a boolean, got string",
                failure("{\"type\":\"res\",\"id\":\"1\",\"ok\":\"true\"}").message());
        assertEquals("missing required field 'error.code'",
                failure("{\"type\":\"res\",\"id\":\"1\",\"ok\":false,\"error\":{\"message\":\"m\"}}").message());
        assertEquals("missing required field 'stateVersion.health'",
                failure("{\"type\":\"event\",\"event\":\"health\",\"stateVersion\":{\"presence\":1}}").message());
        assertEquals("frame is a JSON array, not an object", failure("[]").message());
    }

    @Test
    void gsonEscapeErrorsDoNotLeakInput() {
        // Gson's own message here would quote the four characters after \\u
        DecodeFailure failure = failure("{\"type\":\"req\",\"id\":\"1\",\"method\":\"\\uabcz\"}");
        assertEquals(DecodeFailure.Kind.NOT_JSON, failure.kind());
        assertFalse(failure.message().contains("abcz"), failure.message());
        assertTrue(failure.message().contains("line 1 column"), failure.message());
    }

    @Test
    void deeplyNestedInputIsNotJson() {
        assertEquals(DecodeFailure.Kind.NOT_JSON, failure("[".repeat(100_000)).kind());
        String nestedObjects = "{\"type\":\"event\",\"event\":\"x\",\"payload\":" + "{\"a\":".repeat(100_000)
                + "1" + "}".repeat(100_001);
        assertEquals(DecodeFailure.Kind.NOT_JSON, failure(nestedObjects).kind());
        assertEquals(DecodeFailure.Kind.NOT_JSON, failure(("[".repeat(100_000)).getBytes(StandardCharsets.UTF_8)).kind());
    }

    @Test
    void malformedUtf8IsNotJson() {
        byte[] frame = "{\"type\":\"event\",\"event\":\"tick\",\"payload\":\"xx\"}".getBytes(StandardCharsets.UTF_8);
        frame[frame.length - 4] = (byte) 0xC3; // lead byte followed by an ASCII byte
        DecodeFailure failure = failure(frame);
        assertEquals(DecodeFailure.Kind.NOT_JSON, failure.kind());
        assertTrue(failure.message().contains("UTF-8"), failure.message());
    }

    @Test
    void nullInputIsAFailureNotAnException() {
        assertEquals(DecodeFailure.Kind.NOT_JSON, failure((String) null).kind());
        assertEquals(DecodeFailure.Kind.NOT_JSON, failure((byte[]) null).kind());
    }

    @Test
    void framesOverTheDefaultCapAreRejectedBeforeParsing() {
        long cap = FrameCodec.DEFAULT_MAX_BYTES;
        assertEquals(26_214_400L, cap);
        byte[] bytes = new byte[(int) cap + 1]; // zeros: would be NOT_JSON if it were parsed
        DecodeFailure fromBytes = failure(bytes);
        assertEquals(DecodeFailure.Kind.TOO_LARGE, fromBytes.kind());
        assertEquals("frame is 26214401 bytes, over the 26214400-byte limit", fromBytes.message());

        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertEquals(DecodeFailure.Kind.TOO_LARGE, failure(text).kind());
    }

    @Test
    void aFrameOfExactlyTheDefaultCapIsParsed() {
        String head = "{\"type\":\"event\",\"event\":\"big\",\"payload\":\"";
        String tail = "\"}";
        int fill = (int) FrameCodec.DEFAULT_MAX_BYTES - head.length() - tail.length();
        String frame = head + "x".repeat(fill) + tail;
        assertEquals(FrameCodec.DEFAULT_MAX_BYTES, frame.length());
        EventFrame event = (EventFrame) decoded(frame);
        assertEquals(fill, event.payload().getAsString().length());
    }

    @Test
    void configuredCapCountsUtf8Bytes() {
        String ascii = "{\"type\":\"event\",\"event\":\"tick\",\"payload\":\"abcd\"}";
        FrameCodec exact = new FrameCodec(ascii.length());
        assertInstanceOf(Decoded.class, exact.decode(ascii));
        assertInstanceOf(Decoded.class, exact.decode(ascii.getBytes(StandardCharsets.UTF_8)));

        FrameCodec oneLess = new FrameCodec(ascii.length() - 1);
        assertEquals(DecodeFailure.Kind.TOO_LARGE, assertFailure(oneLess.decode(ascii)).kind());
        assertEquals(DecodeFailure.Kind.TOO_LARGE,
                assertFailure(oneLess.decode(ascii.getBytes(StandardCharsets.UTF_8))).kind());

        // "é" is two bytes, "😀" four (two chars, a surrogate pair): 5 chars, 10 bytes instead of 4 and 4
        String accented = ascii.replace("abcd", "ééé\uD83D\uDE00");
        int bytes = accented.getBytes(StandardCharsets.UTF_8).length;
        assertEquals(ascii.length() + 6, bytes);
        assertInstanceOf(Decoded.class, new FrameCodec(bytes).decode(accented));
        DecodeFailure tooLarge = assertFailure(new FrameCodec(bytes - 1).decode(accented));
        assertEquals(DecodeFailure.Kind.TOO_LARGE, tooLarge.kind());
        assertEquals("frame exceeds the " + (bytes - 1) + "-byte limit", tooLarge.message());
        assertEquals(DecodeFailure.Kind.TOO_LARGE,
                assertFailure(new FrameCodec(bytes - 1).decode(accented.getBytes(StandardCharsets.UTF_8))).kind());
    }

    @Test
    void capMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new FrameCodec(0));
        assertEquals(64, new FrameCodec(64).maxBytes());
    }

    @Test
    void unknownFieldsAreIgnoredAndOptionalNullsAreAbsent() {
        EventFrame tick = (EventFrame) decoded("{\"type\":\"event\",\"event\":\"tick\",\"payload\":{\"ts\":1},"
                + "\"seq\":null,\"stateVersion\":null,\"recipientProfileId\":\"p\",\"_sincePrevTickMs\":30001}");
        assertNull(tick.seq());
        assertNull(tick.stateVersion());

        RequestFrame request = (RequestFrame) decoded("{\"type\":\"req\",\"id\":\"1\",\"method\":\"health\","
                + "\"params\":null,\"traceparent\":\"00-abc-def-01\"}");
        assertNull(request.params());

        ResponseFrame response = (ResponseFrame) decoded("{\"type\":\"res\",\"id\":\"1\",\"ok\":false,"
                + "\"error\":{\"code\":\"X\",\"message\":\"m\",\"details\":null,\"retryable\":null,\"future\":1}}");
        assertNull(response.error().details());
        assertNull(response.error().retryable());
        assertNull(response.payload());
    }

    @Test
    void payloadNullIsKeptDistinctFromAbsent() {
        ResponseFrame withNull = (ResponseFrame) decoded("{\"type\":\"res\",\"id\":\"r6\",\"ok\":true,\"payload\":null}");
        assertEquals(JsonNull.INSTANCE, withNull.payload());
        ResponseFrame without = (ResponseFrame) decoded("{\"type\":\"res\",\"id\":\"r6\",\"ok\":true}");
        assertNull(without.payload());
    }

    @Test
    void anErrorNextToOkTrueIsIgnored() {
        ResponseFrame response = (ResponseFrame) decoded(
                "{\"type\":\"res\",\"id\":\"1\",\"ok\":true,\"payload\":{},\"error\":{\"code\":\"X\",\"message\":\"m\"}}");
        assertTrue(response.ok());
        assertNull(response.error());
    }

    @Test
    void integralNumbersWrittenAsDecimalsAreIntegers() {
        EventFrame event = (EventFrame) decoded("{\"type\":\"event\",\"event\":\"tick\",\"seq\":2.0,"
                + "\"stateVersion\":{\"presence\":1e2,\"health\":0}}");
        assertEquals(2L, event.seq());
        assertEquals(new StateVersion(100, 0), event.stateVersion());
    }

    @Test
    void everyTruncationOfARealFrameIsATypedResult() {
        String hello = Captures.text("hello-ok-token-only-cli.json");
        for (int end = 0; end < hello.length(); end += 37) {
            DecodeResult result = codec.decode(hello.substring(0, end));
            assertNotNull(result);
            assertEquals(DecodeFailure.Kind.NOT_JSON, assertFailure(result).kind());
        }
        assertInstanceOf(Decoded.class, codec.decode(hello));
    }

    @Test
    void everyFieldOfARealFrameReplacedByEachJsonTypeNeverThrows() {
        JsonObject template = JsonParser.parseString("{\"type\":\"res\",\"id\":\"r1\",\"ok\":false,"
                + "\"error\":{\"code\":\"UNAVAILABLE\",\"message\":\"m\",\"details\":{\"reason\":\"startup-sidecars\"},"
                + "\"retryable\":true,\"retryAfterMs\":500}}").getAsJsonObject();
        String[] replacements = {"null", "1", "-1", "1.5", "\"s\"", "\"\"", "true", "[]", "{}"};
        for (String field : Arrays.asList("type", "id", "ok", "error")) {
            for (String value : replacements) {
                JsonObject copy = template.deepCopy();
                copy.add(field, JsonParser.parseString(value));
                assertNotNull(codec.decode(copy.toString()));
            }
        }
        for (String field : Arrays.asList("code", "message", "details", "retryable", "retryAfterMs")) {
            for (String value : replacements) {
                JsonObject copy = template.deepCopy();
                copy.getAsJsonObject("error").add(field, JsonParser.parseString(value));
                assertNotNull(codec.decode(copy.toString()));
            }
        }
    }

    private Frame decoded(String text) {
        DecodeResult result = codec.decode(text);
        return assertInstanceOf(Decoded.class, result, () -> "expected a frame, got " + result).frame();
    }

    private DecodeFailure failure(String text) {
        return assertFailure(codec.decode(text));
    }

    private DecodeFailure failure(byte[] bytes) {
        return assertFailure(codec.decode(bytes));
    }

    private static DecodeFailure assertFailure(DecodeResult result) {
        return assertInstanceOf(DecodeFailure.class, result, () -> "expected a failure, got " + result);
    }
}
