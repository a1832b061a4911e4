package dev.clawscope.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChallengeTest {

    private static final String NONCE = "24e7eef0-d5a0-47d2-9518-5a1d90587005";

    private final FrameCodec codec = new FrameCodec();

    @Test
    void readsTheRealChallengeAndIgnoresExtraFields() {
        EventFrame frame = event("{\"type\":\"event\",\"event\":\"connect.challenge\",\"payload\":{\"nonce\":\""
                + NONCE + "\",\"ts\":1795804389454,\"capabilities\":[\"model-catalog-snapshot\"]}}");
        assertEquals(new Challenge(NONCE, 1795804389454L), Challenge.from(frame).toOptional().orElseThrow());
    }

    @Test
    void toStringRedactsTheNonce() {
        String text = new Challenge(NONCE, 1795804389454L).toString();
        assertFalse(text.contains(NONCE), text);
        assertEquals("Challenge[nonce=<redacted>, ts=1795804389454]", text);
    }

    @Test
    void toEventRoundTrips() {
        Challenge challenge = new Challenge(NONCE, 7);
        EventFrame decoded = event(codec.encode(challenge.toEvent()));
        assertEquals(challenge, Challenge.from(decoded).toOptional().orElseThrow());
    }

    static Stream<Arguments> badChallenges() {
        return Stream.of(
                Arguments.of("{\"ts\":1}", "payload.nonce", FieldProblem.MISSING),
                Arguments.of("{\"nonce\":\"\",\"ts\":1}", "payload.nonce", FieldProblem.WRONG_TYPE),
                Arguments.of("{\"nonce\":\"   \",\"ts\":1}", "payload.nonce", FieldProblem.WRONG_TYPE),
                Arguments.of("{\"nonce\":42,\"ts\":1}", "payload.nonce", FieldProblem.WRONG_TYPE),
                Arguments.of("{\"nonce\":null,\"ts\":1}", "payload.nonce", FieldProblem.WRONG_TYPE),
                Arguments.of("{\"nonce\":\"" + NONCE + "\"}", "payload.ts", FieldProblem.MISSING),
                Arguments.of("{\"nonce\":\"" + NONCE + "\",\"ts\":\"1795804389454\"}", "payload.ts", FieldProblem.WRONG_TYPE),
                Arguments.of("{\"nonce\":\"" + NONCE + "\",\"ts\":1795804389454.5}", "payload.ts", FieldProblem.WRONG_TYPE),
                Arguments.of("{\"nonce\":\"" + NONCE + "\",\"ts\":-1}", "payload.ts", FieldProblem.WRONG_TYPE),
                Arguments.of("[\"" + NONCE + "\"]", "payload", FieldProblem.WRONG_TYPE),
                Arguments.of("null", "payload", FieldProblem.MISSING));
    }

    @ParameterizedTest
    @MethodSource("badChallenges")
    void rejectsBadPayloadsWithoutEchoingTheNonce(String payload, String field, FieldProblem problem) {
        EventFrame frame = EventFrame.of(Challenge.EVENT, JsonParser.parseString(payload));
        PayloadResult.Invalid<Challenge> invalid = invalid(Challenge.from(frame));
        assertEquals(field, invalid.field());
        assertEquals(problem, invalid.problem());
        assertFalse(invalid.message().contains(NONCE), invalid.message());
    }

    @Test
    void rejectsAMissingPayloadAndOtherEvents() {
        assertEquals("payload",
                ((PayloadResult.Invalid<Challenge>) Challenge.from(EventFrame.of(Challenge.EVENT, null))).field());
        PayloadResult.Invalid<Challenge> wrongEvent =
                invalid(Challenge.from(EventFrame.of("tick", JsonParser.parseString("{\"nonce\":\"n\",\"ts\":1}"))));
        assertEquals(FieldProblem.WRONG_VALUE, wrongEvent.problem());
        assertEquals("event", wrongEvent.field());
    }

    @Test
    void shutdownNotice() {
        ShutdownNotice restart = ShutdownNotice.from(event("{\"type\":\"event\",\"event\":\"shutdown\",\"payload\":"
                + "{\"reason\":\"gateway restarting\",\"restartExpectedMs\":1500},\"seq\":4}")).toOptional().orElseThrow();
        assertEquals(1500L, restart.restartExpected().orElseThrow());

        assertTrue(ShutdownNotice.from(EventFrame.of("shutdown", JsonParser.parseString("{}"))) instanceof PayloadResult.Invalid);
        assertEquals(-1L, ShutdownNotice.from(EventFrame.of("shutdown",
                JsonParser.parseString("{\"reason\":\"x\",\"restartExpectedMs\":-1}"))).toOptional().orElseThrow()
                .restartExpectedMs(), "kept as sent, for the link to judge");
        assertTrue(ShutdownNotice.from(EventFrame.of("shutdown",
                JsonParser.parseString("{\"reason\":\"x\",\"restartExpectedMs\":\"soon\"}"))) instanceof PayloadResult.Invalid);
        assertTrue(ShutdownNotice.from(EventFrame.of("tick", JsonParser.parseString("{\"reason\":\"x\"}")))
                instanceof PayloadResult.Invalid);
    }

    private EventFrame event(String text) {
        DecodeResult result = codec.decode(text);
        return (EventFrame) assertInstanceOf(Decoded.class, result, result::toString).frame();
    }

    private static <T> PayloadResult.Invalid<T> invalid(PayloadResult<T> result) {
        assertInstanceOf(PayloadResult.Invalid.class, result, () -> "expected invalid, got " + result);
        return (PayloadResult.Invalid<T>) result;
    }
}
