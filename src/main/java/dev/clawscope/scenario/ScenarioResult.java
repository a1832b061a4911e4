package dev.clawscope.scenario;

import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.Source;
import dev.clawscope.link.LinkHistory;
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
 * @param history what the run's links did by their own count: the scenario's link and any raced ones
 * @param droppedEntries entries the journal's ring dropped before the first of {@code entries}
 * @param source whose journal it is: the scenario's link to the gateway it ran against
 */
public record ScenarioResult(Scenario scenario, Optional<String> failure, List<JournalEntry> entries,
                             Duration elapsed, List<StepTiming> steps, LinkHistory history, long droppedEntries,
                             Source source) {

    public ScenarioResult {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(failure, "failure");
        entries = List.copyOf(entries);
        Objects.requireNonNull(elapsed, "elapsed");
        steps = List.copyOf(steps);
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(source, "source");
    }

    public boolean passed() {
        return failure.isEmpty();
    }

    /** One step's run: when it started (from the scenario start) and how long it took. */
    public record StepTiming(int index, String text, Duration start, Duration took) {
    }
}
