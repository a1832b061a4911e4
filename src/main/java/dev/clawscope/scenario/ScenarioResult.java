package dev.clawscope.scenario;

import dev.clawscope.journal.JournalEntry;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a scenario ended.
 *
 * @param failure the failed step and why, e.g. {@code step 4 'await hello_ok within 5s': no hello_ok within 5000 ms}
 * @param entries the whole scenario journal, teardown included
 * @param steps how long each step took, in order; a failed run stops at the failed step
 */
public record ScenarioResult(Scenario scenario, Optional<String> failure, List<JournalEntry> entries,
                             Duration elapsed, List<StepTiming> steps) {

    public ScenarioResult {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(failure, "failure");
        entries = List.copyOf(entries);
        Objects.requireNonNull(elapsed, "elapsed");
        steps = List.copyOf(steps);
    }

    public boolean passed() {
        return failure.isEmpty();
    }

    /** One step's run: when it started (from the scenario start) and how long it took. */
    public record StepTiming(int index, String text, Duration start, Duration took) {
    }
}
