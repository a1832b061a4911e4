package dev.clawscope.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every frame captured from a real 2026.9.6 gateway decodes, re-encodes and classifies as expected. */
class CaptureReplayTest {

    private final FrameCodec codec = new FrameCodec();

    @Test
    void stay75DecodesEveryFrameObject() {
        List<Captures.Line> lines = Captures.jsonl("stay75-frames.jsonl");
        assertEquals(25, lines.size());
        assertEquals(7, lines.stream().filter(l -> !l.isFrame()).count(), "notes: open, signing, 3 WS pings, close x2");

        List<Frame> frames = lines.stream().filter(Captures.Line::isFrame).map(l -> decoded(l.body())).toList();
        assertEquals(18, frames.size());
        Map<String, Integer> perType = new TreeMap<>();
        frames.forEach(f -> perType.merge(f.type(), 1, Integer::sum));
        assertEquals(Map.of("event", 6, "req", 6, "res", 6), perType);

        List<EventFrame> events = only(frames, EventFrame.class);
        assertEquals(List.of("connect.challenge", "tick", "health", "tick", "tick", "health"),
                events.stream().map(EventFrame::event).toList());
        assertNull(events.get(0).seq(), "the pre-auth challenge carries no seq");
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), events.stream().skip(1).map(EventFrame::seq).toList(),
                "one per-connection counter shared by all events");

        List<EventFrame> ticks = events.stream().filter(e -> e.event().equals("tick")).toList();
        assertEquals(List.of(1L, 3L, 4L), ticks.stream().map(EventFrame::seq).toList());
        assertEquals(List.of(1795804532816L, 1795804562817L, 1795804592823L),
                ticks.stream().map(t -> t.payload().getAsJsonObject().get("ts").getAsLong()).toList());
        ticks.forEach(t -> assertNull(t.stateVersion(), "tick has no stateVersion"));

        List<EventFrame> health = events.stream().filter(e -> e.event().equals("health")).toList();
        assertEquals(List.of(new StateVersion(11, 7), new StateVersion(11, 8)),
                health.stream().map(EventFrame::stateVersion).toList());
        health.forEach(h -> assertTrue(h.payload().getAsJsonObject().get("ok").getAsBoolean()));

        List<RequestFrame> requests = only(frames, RequestFrame.class);
        assertEquals(List.of("connect", "health", "status", "ping", "ping", "system.info"),
                requests.stream().map(RequestFrame::method).toList());
        assertEquals(List.of("r1", "r2", "r3", "r4", "r5", "r6"), requests.stream().map(RequestFrame::id).toList());

        List<ResponseFrame> responses = only(frames, ResponseFrame.class);
        assertEquals(List.of(true, true, true, false, false, true), responses.stream().map(ResponseFrame::ok).toList());
    }

    @Test
    void stay75ChallengeHelloAndUnknownPing() {
        List<Frame> frames = Captures.jsonl("stay75-frames.jsonl").stream()
                .filter(Captures.Line::isFrame).map(l -> decoded(l.body())).toList();

        Challenge challenge = Challenge.from((EventFrame) frames.get(0)).toOptional().orElseThrow();
        assertEquals(1795804519090L, challenge.ts());
        assertEquals("03d8b3f6-5769-423d-8530-0fb08eeaba36", challenge.nonce());

        HelloOk hello = HelloOk.from((ResponseFrame) frames.get(2)).toOptional().orElseThrow();
        assertEquals("dcd6ff17-67ff-4a72-a36f-83b4cb274acb", hello.server().connId());
        assertEquals(30000, hello.policy().tickIntervalMs());

        for (ResponseFrame failed : only(frames, ResponseFrame.class).stream().filter(r -> !r.ok()).toList()) {
            GatewayError error = failed.error();
            assertEquals("INVALID_REQUEST", error.code());
            assertEquals(ErrorClass.UNKNOWN_METHOD, error.classify());
            assertEquals("ping", error.unknownMethod().orElseThrow());
            assertFalse(error.pausesReconnect());
            assertTrue(error.retryDelayMs().isEmpty());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"chatsend.log", "kill9.log", "methods.log", "sigterm.log", "sigusr2.log"})
    void everyCapturedFrameDecodesOrIsACaptureTruncation(String name) {
        Captures.Log log = Captures.log(name);
        List<Captures.Line> frames = new ArrayList<>(log.fromServer());
        frames.addAll(log.toServer());
        assertFalse(frames.isEmpty());
        for (Captures.Line line : frames) {
            DecodeResult result = codec.decode(line.body());
            if (line.truncated()) {
                DecodeFailure failure = assertInstanceOf(DecodeFailure.class, result);
                assertEquals(DecodeFailure.Kind.NOT_JSON, failure.kind());
            } else {
                Frame frame = assertInstanceOf(Decoded.class, result, () -> name + ": " + result).frame();
                assertEquals(line.fromServer() ? frame.type() : "req", frame.type());
                assertRoundTrips(frame);
            }
        }
    }

    @Test
    void captureLogsHaveTheExpectedServerFrames() {
        assertEquals(List.of("event connect.challenge", "res r1 ok", "res r2 ok", "event chat.metadata.changed #1",
                        "event sessions.changed #2", "event chat #3", "event agent #4", "event chat #5", "event agent #6",
                        "event agent #7", "event agent #8", "event agent #9", "event chat #10", "event chat #11",
                        "event sessions.changed #12"),
                summary("chatsend.log"));
        assertEquals(List.of("event connect.challenge", "truncated", "event health #1", "res r2 ok"),
                summary("kill9.log"));
        assertEquals(List.of("event connect.challenge", "res r1 ok", "res r2 ok", "res r3 ok", "res r4 ok",
                        "res r5 ok", "res r6 ok", "res r7 ok", "res r8 ok", "res r9 ok", "res r10 ok", "res r11 ok",
                        "res r12 FORBIDDEN"),
                summary("methods.log"));
        assertEquals(List.of("event connect.challenge", "res r1 ok", "res r2 ok", "event shutdown #1"),
                summary("sigterm.log"));
        assertEquals(List.of("event connect.challenge", "truncated", "res r2 ok", "event update.available #1",
                        "event health #2", "event sessions.changed #3", "event shutdown #4"),
                summary("sigusr2.log"));
        assertEquals(7, Captures.log("methods.log").foreignLines(), "the probe's crash output after r12");
    }

    @Test
    void methodsLogForbiddenWithoutScopeDetails() {
        ResponseFrame r12 = serverFrames("methods.log").stream()
                .filter(f -> f instanceof ResponseFrame r && !r.ok())
                .map(ResponseFrame.class::cast).findFirst().orElseThrow();
        assertEquals("r12", r12.id());
        GatewayError error = r12.error();
        assertEquals("FORBIDDEN", error.code());
        assertEquals("users.self requires an authenticated user", error.message());
        assertNull(error.details());
        assertEquals(ErrorClass.FORBIDDEN, error.classify());
        assertTrue(error.missingScope().isEmpty());
        assertFalse(error.pausesReconnect());
    }

    @Test
    void methodsLogNullPayloadIsKept() {
        ResponseFrame r6 = (ResponseFrame) serverFrames("methods.log").get(6);
        assertEquals("r6", r6.id());
        assertTrue(r6.payload().isJsonNull(), "last-heartbeat answers payload:null");
        assertTrue(codec.encode(r6).contains("\"payload\":null"));
    }

    @Test
    void shutdownNoticesTellRestartFromStop() {
        EventFrame restart = lastEvent("sigusr2.log");
        assertEquals(4L, restart.seq());
        ShutdownNotice restartNotice = ShutdownNotice.from(restart).toOptional().orElseThrow();
        assertEquals(new ShutdownNotice("gateway restarting", 1500L), restartNotice);

        EventFrame stop = lastEvent("sigterm.log");
        assertEquals(1L, stop.seq());
        ShutdownNotice stopNotice = ShutdownNotice.from(stop).toOptional().orElseThrow();
        assertEquals("gateway stopping", stopNotice.reason());
        assertTrue(stopNotice.restartExpected().isEmpty());
    }

    @Test
    void healthEventsCarryStateVersion() {
        EventFrame kill9Health = (EventFrame) serverFrames("kill9.log").get(1);
        assertEquals(new StateVersion(11, 9), kill9Health.stateVersion());
        EventFrame sigusr2Health = (EventFrame) serverFrames("sigusr2.log").get(3);
        assertEquals("health", sigusr2Health.event());
        assertEquals(new StateVersion(1, 3), sigusr2Health.stateVersion());
    }

    @Test
    void chatRunEndsInAnErrorEvent() {
        List<EventFrame> chat = only(serverFrames("chatsend.log"), EventFrame.class).stream()
                .filter(e -> e.event().equals("chat")).toList();
        assertEquals(4, chat.size());
        JsonObject last = chat.get(3).payload().getAsJsonObject();
        assertEquals("error", last.get("state").getAsString());
        assertEquals("k-1", last.get("runId").getAsString());
    }

    @Test
    void helloOkInLogsMatchesTheStoredCaptures() {
        for (String name : List.of("chatsend.log", "methods.log", "sigterm.log")) {
            ResponseFrame r1 = (ResponseFrame) serverFrames(name).get(1);
            HelloOk hello = HelloOk.from(r1).toOptional().orElseThrow();
            assertEquals("2026.9.6", hello.server().version());
            assertEquals(List.of("operator.read", "operator.write", "operator.admin"), hello.grantedScopes());
            assertEquals("token", hello.auth().method());
        }
    }

    private List<String> summary(String name) {
        List<String> out = new ArrayList<>();
        for (Captures.Line line : Captures.log(name).fromServer()) {
            DecodeResult result = codec.decode(line.body().getBytes(StandardCharsets.UTF_8));
            if (result instanceof DecodeFailure) {
                out.add("truncated");
            } else if (((Decoded) result).frame() instanceof EventFrame e) {
                out.add("event " + e.event() + (e.seq() == null ? "" : " #" + e.seq()));
            } else {
                ResponseFrame r = (ResponseFrame) ((Decoded) result).frame();
                out.add("res " + r.id() + " " + (r.ok() ? "ok" : r.error().code()));
            }
        }
        return out;
    }

    private List<Frame> serverFrames(String name) {
        return Captures.log(name).fromServer().stream()
                .filter(l -> !l.truncated()).map(l -> decoded(l.body())).toList();
    }

    private EventFrame lastEvent(String name) {
        List<EventFrame> events = only(serverFrames(name), EventFrame.class);
        return events.get(events.size() - 1);
    }

    private Frame decoded(String text) {
        DecodeResult result = codec.decode(text);
        return assertInstanceOf(Decoded.class, result, () -> "expected a frame, got " + result).frame();
    }

    private void assertRoundTrips(Frame frame) {
        assertEquals(frame, decoded(codec.encode(frame)));
    }

    private static <T extends Frame> List<T> only(List<Frame> frames, Class<T> type) {
        return frames.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
