package dev.clawscope.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.journal.JournalJson;
import dev.clawscope.journal.LinkEvent;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Every built-in scenario passes against the simulator, in real time. */
class BuiltInScenariosTest {

    @ParameterizedTest(name = "{0}")
    @FieldSource("dev.clawscope.scenario.BuiltInScenarios#NAMES")
    @Timeout(40)
    void passesAgainstTheSimulator(String name) throws Exception {
        Scenario scenario = BuiltInScenarios.find(name).orElseThrow();
        ScenarioResult result = new ScenarioRunner().run(scenario, GatewayTarget.simulator(), ScenarioListener.NONE);
        String journal = result.entries().stream().map(JournalJson::toLine).collect(Collectors.joining("\n"));
        assertTrue(result.passed(), () -> result.failure().orElse("") + "\n" + journal);
        assertEquals(scenario.steps().size(), result.steps().size());
        assertTrue(result.elapsed().compareTo(scenario.budget()) <= 0, "ran within its budget");
        assertEquals("dispose_end", result.entries().get(result.entries().size() - 1).event().type(),
                "the run ends with the link disposed");
        assertEquals(0, result.droppedEntries());
        assertEquals(count(result, LinkEvent.ConnectAttempt.class), result.history().connectAttempts(),
                "the links' own count, raced links included, matches the complete journal");
        assertEquals(count(result, LinkEvent.HelloOk.class), result.history().helloOks());
    }

    private static long count(ScenarioResult result, Class<? extends LinkEvent> type) {
        return result.entries().stream().filter(e -> type.isInstance(e.event())).count();
    }
}
