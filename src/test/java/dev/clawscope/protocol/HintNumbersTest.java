package dev.clawscope.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The numbers a gateway sends as hints ({@code retryAfterMs}, {@code restartExpectedMs}, {@code
 * policy.*}) are read whatever they are: any sign, fractions rounded up, beyond the long range
 * saturated. The link judges them; the parser never throws and never wraps around.
 */
@Timeout(10)
class HintNumbersTest {

    private final FrameCodec codec = new FrameCodec();

    @ParameterizedTest
    @CsvSource({
        "1500, 1500",
        "-5, -5",
        "0, 0",
        "1.5e3, 1500",
        "0.5, 1",
        "-0.5, 0",
        "-1.5, -1",
        "9223372036854775806.5, 9223372036854775807",
        "9223372036854775807, 9223372036854775807",
        "9223372036854775808, 9223372036854775807",
        "1e30, 9223372036854775807",
        "-1e30, -9223372036854775808",
        "-9223372036854775809, -9223372036854775808",
        "1e999999999, 9223372036854775807",
        "-1e999999999, -9223372036854775808",
        "1e-999999999, 1",
        "-1e-999999999, 0",
        "123456789012345678901234567890123456789012345678901234567890, 9223372036854775807"})
    void everyHintReadsTheSameSaturatedNumber(String literal, long expected) {
        assertEquals(expected, retryAfterMs(literal));
        assertEquals(expected, restartExpectedMs(literal));
        HelloOk.Policy policy = policy(literal);
        assertEquals(new HelloOk.Policy(expected, expected, expected), policy);
    }

    @Test
    void aLongRunOfDigitsSaturatesByItsSign() {
        String digits = "9".repeat(1_000);
        assertEquals(Long.MAX_VALUE, retryAfterMs(digits));
        assertEquals(Long.MIN_VALUE, retryAfterMs("-" + digits));
        assertEquals(1, retryAfterMs("0." + "0".repeat(1_000) + "1"));
    }

    @Test
    void aNumberLiteralTooLongForTheJsonReaderIsNotJson() {
        DecodeResult result = codec.decode(errorFrame("9".repeat(5_000)));
        assertEquals(DecodeFailure.Kind.NOT_JSON, assertInstanceOf(DecodeFailure.class, result).kind());
    }

    @Test
    void aBuiltPayloadSaturatesUpToTheLimitAndIsRefusedBeyondItNamingTheField() {
        String digits = "9".repeat(FieldReader.MAX_NUMBER_CHARS);
        JsonObject payload = helloWithPolicy("30000");
        payload.getAsJsonObject("policy").add("tickIntervalMs", new JsonPrimitive(new BigInteger(digits)));
        assertEquals(Long.MAX_VALUE, HelloOk.parse(payload).toOptional().orElseThrow().policy().tickIntervalMs());

        payload.getAsJsonObject("policy").add("tickIntervalMs", new JsonPrimitive(new BigInteger(digits + "9")));
        PayloadResult.Invalid<HelloOk> invalid = assertInstanceOf(PayloadResult.Invalid.class, HelloOk.parse(payload));
        assertEquals("policy.tickIntervalMs", invalid.field());
        assertEquals(FieldProblem.WRONG_TYPE, invalid.problem());
        assertTrue(invalid.message().startsWith("field 'policy.tickIntervalMs' must be a number of at most 10000"),
                invalid.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e9999999999", "-1e-9999999999"})
    void anExponentBeyondTheIntRangeIsRefusedNamingTheField(String literal) {
        DecodeFailure failure = assertInstanceOf(DecodeFailure.class, codec.decode(errorFrame(literal)));
        assertEquals(DecodeFailure.Kind.WRONG_TYPE, failure.kind());
        assertTrue(failure.message().startsWith("field 'error.retryAfterMs' must be a number of at most"),
                failure.message());

        PayloadResult.Invalid<HelloOk> invalid = invalidHello(literal);
        assertEquals("policy.maxPayload", invalid.field());
        assertTrue(invalid.message().startsWith("field 'policy.maxPayload' must be a number of at most"),
                invalid.message());
    }

    @Test
    void aHintThatIsNotANumberIsAWrongTypeNamingTheField() {
        PayloadResult.Invalid<HelloOk> invalid = invalidHello("\"30000\"");
        assertEquals("policy.maxPayload", invalid.field());
        assertEquals("field 'policy.maxPayload' must be a number, got string", invalid.message());

        PayloadResult.Invalid<ShutdownNotice> shutdown = assertInstanceOf(PayloadResult.Invalid.class,
                ShutdownNotice.from(EventFrame.of("shutdown",
                        JsonParser.parseString("{\"reason\":\"r\",\"restartExpectedMs\":true}"))));
        assertEquals("payload.restartExpectedMs", shutdown.field());
        assertEquals("field 'payload.restartExpectedMs' must be a number, got boolean", shutdown.message());
    }

    private long retryAfterMs(String literal) {
        Frame frame = assertInstanceOf(Decoded.class, codec.decode(errorFrame(literal))).frame();
        return ((ResponseFrame) frame).error().retryAfterMs();
    }

    private static String errorFrame(String literal) {
        return "{\"type\":\"res\",\"id\":\"c1\",\"ok\":false,\"error\":{\"code\":\"UNAVAILABLE\",\"message\":\"m\","
                + "\"retryable\":true,\"retryAfterMs\":" + literal + "}}";
    }

    private long restartExpectedMs(String literal) {
        Frame frame = assertInstanceOf(Decoded.class, codec.decode("{\"type\":\"event\",\"event\":\"shutdown\","
                + "\"payload\":{\"reason\":\"gateway restarting\",\"restartExpectedMs\":" + literal + "}}")).frame();
        return ShutdownNotice.from((EventFrame) frame).toOptional().orElseThrow().restartExpectedMs();
    }

    private static HelloOk.Policy policy(String literal) {
        return HelloOk.parse(helloWithPolicy(literal)).toOptional().orElseThrow().policy();
    }

    private static PayloadResult.Invalid<HelloOk> invalidHello(String literal) {
        return assertInstanceOf(PayloadResult.Invalid.class, HelloOk.parse(helloWithPolicy(literal)));
    }

    /** A captured hello-ok with every policy number replaced by {@code literal}, parsed as the wire would. */
    private static JsonObject helloWithPolicy(String literal) {
        JsonObject payload = JsonParser.parseString(Captures.text("hello-ok-token-only-cli.json"))
                .getAsJsonObject().getAsJsonObject("payload");
        JsonObject policy = JsonParser.parseString("{\"maxPayload\":" + literal + ",\"maxBufferedBytes\":" + literal
                + ",\"tickIntervalMs\":" + literal + "}").getAsJsonObject();
        payload.add("policy", policy);
        return payload;
    }
}
