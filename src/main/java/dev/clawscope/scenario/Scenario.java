package dev.clawscope.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A scripted fault scenario: the settings it runs with and the steps it takes, checks included.
 *
 * @param name a short name such as {@code blackhole}
 * @param description one sentence on what it proves
 */
public record Scenario(String name, String description, SimSettings sim, LinkSettings link, List<Step> steps) {

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(sim, "sim");
        Objects.requireNonNull(link, "link");
        steps = List.copyOf(steps);
    }

    /** True when a step drives or reads the simulator: such a scenario cannot run against a real gateway. */
    public boolean needsSimulator() {
        return steps.stream().anyMatch(Step::needsSimulator);
    }

    /** The steps that need the simulator, for the message that refuses a real gateway. */
    public List<Step> simulatorSteps() {
        return steps.stream().filter(Step::needsSimulator).toList();
    }

    /** The longest the steps may take (each await counted at its full bound). */
    public Duration budget() {
        return steps.stream().map(Step::budget).reduce(Duration.ZERO, Duration::plus);
    }
}
