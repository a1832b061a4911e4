package dev.clawscope.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.chaos.Fault;
import dev.clawscope.link.LinkState;
import dev.clawscope.sim.PairingMode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JSON scenario format and the step language, with the errors a scenario author sees. */
class ScenarioParserTest {

    private static final String FULL = """
            {
              "name": "my-check",
              "description": "custom",
              "sim": {"tick": "300ms", "ws_ping": "5s", "pairing": "manual", "startup": "1s"},
              "link": {"ping": "500ms", "pong_deadline": "400ms", "tick_watchdog": 3, "backoff": "windows-tray",
                       "stable_period": "2s", "pairing_retry_min": "1s", "probe": "0ms", "token": "wrong"},
              "steps": [
                "connect",
                {"fault": "blackhole 2s"},
                "await liveness_timeout[kind=ws_pong, deadline_ms>=400] within 3s",
                "sim restart 1500ms",
                "expect connect_attempt count >= 2 after shutdown_notice at_least 1500ms",
                "expect_no reconnect_paused after hello_ok",
                "expect_state connected",
                "max_attempts_per_minute 5",
                "expect_sim sockets = 0 within 2s",
                "dispose_race 3"
              ]
            }
            """;

    @Test
    void readsEverySettingAndStep() throws Exception {
        Scenario s = ScenarioParser.parse(FULL);
        assertEquals("my-check", s.name());
        assertEquals(new SimSettings(Duration.ofMillis(300), Duration.ofSeconds(5), PairingMode.MANUAL,
                Duration.ofSeconds(1)), s.sim());
        assertEquals(new LinkSettings(Duration.ofMillis(500), Duration.ofMillis(400), 3, "windows-tray",
                Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO, "wrong"), s.link());
        assertEquals(10, s.steps().size());
        Step.InjectFault fault = assertInstanceOf(Step.InjectFault.class, s.steps().get(1));
        assertEquals("fault blackhole 2s", fault.text());
        assertEquals(new Fault.Blackhole(java.util.Optional.of(Duration.ofSeconds(2))), fault.fault());
        Step.Await await = assertInstanceOf(Step.Await.class, s.steps().get(2));
        assertEquals("liveness_timeout[kind=ws_pong,deadline_ms>=400]", await.event().toString());
        assertEquals(Duration.ofSeconds(3), await.within());
        Step.Sim restart = assertInstanceOf(Step.Sim.class, s.steps().get(3));
        assertEquals(Duration.ofMillis(750), restart.secondDuration(), "down for half the expected time by default");
        Step.Expect expect = assertInstanceOf(Step.Expect.class, s.steps().get(4));
        assertEquals(">=", expect.countOp());
        assertEquals(2L, expect.countValue());
        assertEquals(Duration.ofMillis(1500), expect.atLeast());
        assertNull(expect.within());
        assertEquals(LinkState.CONNECTED, assertInstanceOf(Step.ExpectState.class, s.steps().get(6)).state());
        Step.MaxRate rate = assertInstanceOf(Step.MaxRate.class, s.steps().get(7));
        assertEquals(Duration.ofMinutes(1), rate.per());
        assertTrue(s.needsSimulator());
        assertEquals(List.of("sim restart 1500ms", "expect_sim sockets = 0 within 2s"),
                s.simulatorSteps().stream().map(Step::text).toList());
    }

    @Test
    void aFaultStepTakesTheProxysDelayRange() throws Exception {
        Scenario s = ScenarioParser.parse("{\"name\":\"x\",\"steps\":[\"connect\",\"fault delay 0-2000 30s\"]}");
        Step.InjectFault fault = assertInstanceOf(Step.InjectFault.class, s.steps().get(1));
        assertEquals(new Fault.Delay(0, 2_000, java.util.Optional.of(Duration.ofSeconds(30))), fault.fault());
    }

    @Test
    void settingsDefaultPerKey() throws Exception {
        Scenario s = ScenarioParser.parse("{\"name\":\"x\",\"link\":{\"ping\":\"1s\"},\"steps\":[\"connect\"]}");
        assertEquals(SimSettings.defaults(), s.sim());
        assertEquals(Duration.ofSeconds(1), s.link().wsPing());
        assertEquals(LinkSettings.defaults().pongDeadline(), s.link().pongDeadline());
        assertFalse(s.needsSimulator());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"name\":\"x\", \"steps\":[\"connect\",]}                           | not valid JSON",
        "[1]                                                                   | a scenario is a JSON object",
        "\"steps\"                                                               | a scenario is a JSON object",
        "{\"steps\":[\"connect\"]}                                             | name: missing",
        "{\"name\":\"x y\",\"steps\":[\"connect\"]}                            | name: use letters",
        "{\"name\":\"x\",\"steps\":[]}                                         | steps: expected a non-empty array",
        "{\"name\":\"x\",\"colour\":1,\"steps\":[\"connect\"]}                 | colour: unknown key",
        "{\"name\":\"x\",\"sim\":{\"tick\":\"0ms\"},\"steps\":[\"connect\"]}   | sim.tick: must be more than zero",
        "{\"name\":\"x\",\"sim\":{\"pairing\":\"maybe\"},\"steps\":[\"connect\"]} | sim.pairing: expected auto or manual",
        "{\"name\":\"x\",\"link\":{\"ping\":\"15\"},\"steps\":[\"connect\"]}   | link.ping: expected a duration",
        "{\"name\":\"x\",\"link\":{\"backoff\":\"fast\"},\"steps\":[\"connect\"]} | link.backoff: unknown policy 'fast'",
        "{\"name\":\"x\",\"link\":{\"tick_watchdog\":1.5},\"steps\":[\"connect\"]} | link.tick_watchdog: expected a whole number",
        "{\"name\":\"x\",\"steps\":[\"connect\",\"jump\"]}                     | step 2 ('jump'): unknown step 'jump'",
        "{\"name\":\"x\",\"steps\":[\"connect\",7]}                            | step 2: expected a string",
        "{\"name\":\"x\",\"steps\":[\"await hello\"]}                          | step 1 ('await hello'): unknown event type 'hello'",
        "{\"name\":\"x\",\"steps\":[\"fault blackhole soon\"]}                 | step 1 ('fault blackhole soon'): fault:",
        "{\"name\":\"x\",\"steps\":[\"fault delay 2000-100\"]}                 | fault: delay range '2000-100' goes down",
        "{\"name\":\"x\",\"steps\":[\"expect closed within 2s\"]}              | within and at_least measure from another event",
        "{\"name\":\"x\",\"steps\":[\"expect closed count about 2\"]}          | expected a comparison",
        "{\"name\":\"x\",\"steps\":[\"expect closed[code] \"]}                 | expected field=value inside []",
        "{\"name\":\"x\",\"steps\":[\"wait 2\"]}                               | step 1 ('wait 2'): expected a duration such as 500ms",
        "{\"name\":\"x\",\"steps\":[\"wait 2s now\"]}                          | unexpected 'now' at the end",
        "{\"name\":\"x\",\"steps\":[\"sim explode\"]}                          | unknown sim action 'explode'",
        "{\"name\":\"x\",\"steps\":[\"expect_state asleep\"]}                  | unknown link state 'asleep'",
        "{\"name\":\"x\",\"steps\":[\"max_rate connect_attempt 2 per\"]}       | ends too early",
        "{\"name\":\"x\",\"steps\":[\"expect_sim sessions = 0\"]}              | unknown simulator counter 'sessions'"
    })
    void errorsSayWhereAndWhat(String json, String message) {
        ScenarioFormatException e = assertThrows(ScenarioFormatException.class, () -> ScenarioParser.parse(json));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void jsonSyntaxErrorsCarryTheLine() {
        ScenarioFormatException e = assertThrows(ScenarioFormatException.class,
                () -> ScenarioParser.parse("{\n  \"name\": \"x\",\n  \"steps\": [\"connect\" \"dispose\"]\n}"));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void everyBuiltInIsReadable() {
        assertEquals(BuiltInScenarios.NAMES, BuiltInScenarios.all().stream().map(Scenario::name).toList());
        BuiltInScenarios.all().forEach(s -> assertFalse(s.description().isBlank(), s.name()));
        assertTrue(BuiltInScenarios.find("nope").isEmpty());
    }
}
