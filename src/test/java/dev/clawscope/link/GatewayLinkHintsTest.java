package dev.clawscope.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.clawscope.journal.Journal;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.LivenessKind;
import dev.clawscope.protocol.ClientId;
import dev.clawscope.protocol.ClientInfo;
import dev.clawscope.protocol.ClientMode;
import dev.clawscope.protocol.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the link makes of absurd numbers from a gateway, on virtual time against a gateway in
 * memory: hints out of range are clamped or ignored, journaled, and never turn into a timeout or
 * an endless wait.
 */
@Timeout(30)
class GatewayLinkHintsTest {

    private final VirtualLinkExecutor time = new VirtualLinkExecutor();
    private final Journal journal = new Journal();
    private GatewayLink link;

    @AfterEach
    void stop() {
        if (link != null) {
            link.dispose();
        }
        time.shutdown(Duration.ofSeconds(5));
        journal.close();
    }

    /** Connects to {@code gateway} with our own WebSocket pings off, so only the tick watchdog watches. */
    private void connect(ScriptedGateway gateway) {
        LinkConfig config = LinkConfig.defaults(GatewayAddress.parse("ws://127.0.0.1:1", false), Secret.of("t"),
                        ClientInfo.of(ClientId.CLI, ClientMode.CLI, "0.1.0-test", "linux"), List.of("operator.read"))
                .withSignDevice(false)
                .withWsPing(Duration.ZERO, Duration.ofSeconds(10));
        link = new GatewayLink(config, gateway, time, journal, null, DeviceTokenStore.inMemory(), new SplittableRandom(3));
        link.connect();
        time.runPending();
    }

    private static ScriptedGateway acceptingWith(UnaryOperator<JsonObject> policy) {
        JsonObject hello = ScriptedGateway.helloOk();
        policy.apply(hello.getAsJsonObject("policy"));
        return ScriptedGateway.accepting(hello);
    }

    private <T extends LinkEvent> List<T> events(Class<T> type) {
        return journal.snapshot().stream().map(JournalEntry::event).filter(type::isInstance).map(type::cast).toList();
    }

    private List<String> types() {
        return journal.snapshot().stream().map(e -> e.event().type()).toList();
    }

    @ParameterizedTest
    @ValueSource(longs = {Long.MAX_VALUE, 600_001, 99, 1, 0, -5, Long.MIN_VALUE})
    void aTickIntervalOutOfRangeTurnsTheWatchdogOffAndIsJournaledOnce(long tickIntervalMs) {
        connect(acceptingWith(p -> {
            p.addProperty("tickIntervalMs", tickIntervalMs);
            return p;
        }));
        assertEquals(LinkState.CONNECTED, link.state());

        time.advance(Duration.ofHours(1));

        assertEquals(List.of(new LinkEvent.HintClamped("tick_interval_ms", tickIntervalMs, null)),
                events(LinkEvent.HintClamped.class));
        assertEquals(List.of(), events(LinkEvent.LivenessTimeout.class));
        assertEquals(LinkState.CONNECTED, link.state());
    }

    @ParameterizedTest
    @ValueSource(longs = {100, 600_000})
    void aTickIntervalInRangeArmsTheWatchdogAtTwiceIt(long tickIntervalMs) {
        connect(acceptingWith(p -> {
            p.addProperty("tickIntervalMs", tickIntervalMs);
            return p;
        }));

        time.advance(Duration.ofMillis(2 * tickIntervalMs - 1));
        assertEquals(List.of(), events(LinkEvent.LivenessTimeout.class));
        time.advance(Duration.ofMillis(1));

        assertEquals(List.of(new LinkEvent.LivenessTimeout(LivenessKind.TICK, 2 * tickIntervalMs, 2 * tickIntervalMs)),
                events(LinkEvent.LivenessTimeout.class));
        assertEquals(List.of(), events(LinkEvent.HintClamped.class));
    }

    @ParameterizedTest
    @CsvSource({
        "9007199254740992, 26214400", "9223372036854775807, 26214400", "26214401, 26214400",
        "65535, 65536", "1, 65536", "0, 65536", "-1, 65536", "-9223372036854775808, 65536"})
    void aMaxPayloadOutOfRangeIsClampedToOurCapAndJournaled(long maxPayload, int used) {
        ScriptedGateway gateway = acceptingWith(p -> {
            p.addProperty("maxPayload", maxPayload);
            return p;
        });
        connect(gateway);

        assertEquals(List.of(used), gateway.inboundCaps());
        assertEquals(List.of(new LinkEvent.HintClamped("max_payload", maxPayload, (long) used)),
                events(LinkEvent.HintClamped.class));
        assertEquals(LinkState.CONNECTED, link.state());
    }

    @ParameterizedTest
    @ValueSource(ints = {65_536, 1_048_576, 26_214_400})
    void aMaxPayloadWithinOurCapLowersItSilently(int maxPayload) {
        ScriptedGateway gateway = acceptingWith(p -> {
            p.addProperty("maxPayload", maxPayload);
            return p;
        });
        connect(gateway);

        assertEquals(List.of(maxPayload), gateway.inboundCaps());
        assertEquals(List.of(), events(LinkEvent.HintClamped.class));
    }

    @Test
    void aMalformedHelloOkIsJournaledNamingTheField() {
        JsonObject hello = ScriptedGateway.helloOk();
        hello.getAsJsonObject("server").addProperty("version", 7);
        connect(ScriptedGateway.accepting(hello));

        assertEquals(new LinkEvent.Error("hello_ok",
                        "the gateway's hello-ok is malformed: field 'server.version' must be a string, got number"),
                events(LinkEvent.Error.class).get(0));
        assertEquals("transient:bad_hello", events(LinkEvent.ReconnectScheduled.class).get(0).cause());
    }

    @Test
    void aMalformedShutdownIsJournaledNamingTheFieldAndTheCloseIsAPlainOne() {
        ScriptedGateway gateway = ScriptedGateway.accepting(ScriptedGateway.helloOk());
        connect(gateway);

        gateway.send("{\"type\":\"event\",\"event\":\"shutdown\",\"payload\":{\"reason\":5,\"restartExpectedMs\":1500}}");
        gateway.close(1012, "service restart");
        time.runPending();

        assertEquals(List.of(new LinkEvent.Error("shutdown",
                        "the gateway's shutdown event is malformed: field 'payload.reason' must be a string, got number")),
                events(LinkEvent.Error.class));
        assertEquals(List.of(), events(LinkEvent.ShutdownNotice.class));
        assertEquals("transient:close_1012", events(LinkEvent.ReconnectScheduled.class).get(0).cause());
    }

    @Test
    void aRestartExpectedInThirtyThousandYearsWaitsTenMinutesAndSaysSo() {
        ScriptedGateway gateway = ScriptedGateway.accepting(ScriptedGateway.helloOk());
        connect(gateway);

        gateway.send("{\"type\":\"event\",\"event\":\"shutdown\",\"payload\":{\"reason\":\"gateway restarting\","
                + "\"restartExpectedMs\":1000000000000000}}");
        gateway.close(1012, "service restart");
        time.runPending();

        assertEquals(List.of(new LinkEvent.ShutdownNotice("gateway restarting", 1_000_000_000_000_000L)),
                events(LinkEvent.ShutdownNotice.class));
        assertEquals(List.of(new LinkEvent.HintClamped("restart_expected_ms", 1_000_000_000_000_000L, 600_000L)),
                events(LinkEvent.HintClamped.class));
        List<String> types = types();
        assertEquals("hint_clamped", types.get(types.indexOf("reconnect_scheduled") - 1),
                "the clamp is journaled just before the schedule it shaped");
        LinkEvent.ReconnectScheduled scheduled = events(LinkEvent.ReconnectScheduled.class).get(0);
        assertEquals("restart_expected", scheduled.cause());
        assertTrue(scheduled.delayMs() >= 600_000 && scheduled.delayMs() <= 600_250, scheduled.toString());
    }

    @Test
    void aGatewayAnsweringRetryAfterOneMillisecondIsBackedOffNotHammered() {
        ScriptedGateway gateway = new ScriptedGateway(id -> "{\"type\":\"res\",\"id\":\"" + id + "\",\"ok\":false,"
                + "\"error\":{\"code\":\"UNAVAILABLE\",\"message\":\"gateway starting\",\"retryable\":true,"
                + "\"retryAfterMs\":1}}");
        connect(gateway);
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            // A starting gateway closes 1013 right after its answer.
            gateway.close(1013, "gateway starting");
            time.runPending();
            LinkEvent.ReconnectScheduled scheduled = events(LinkEvent.ReconnectScheduled.class).get(i);
            assertEquals("retry_after", scheduled.cause());
            delays.add(scheduled.delayMs());
            time.advance(Duration.ofMillis(scheduled.delayMs()));
        }

        // Twelve answers at the plain floor (a starting gateway is followed closely), then growing.
        List<Long> expected = new ArrayList<>(Collections.nCopies(12, 250L));
        expected.addAll(List.of(250L, 375L, 562L, 843L, 1_265L, 1_898L, 2_847L, 4_271L, 6_407L));
        assertEquals(expected, delays);
        assertEquals(List.of(new LinkEvent.HintClamped("retry_after_ms", 1, 250L)),
                events(LinkEvent.HintClamped.class).stream().distinct().toList());
        assertEquals(21, events(LinkEvent.HintClamped.class).size());
        assertEquals(22, events(LinkEvent.ConnectAttempt.class).size());
    }
}
