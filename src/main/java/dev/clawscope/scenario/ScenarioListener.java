package dev.clawscope.scenario;

import dev.clawscope.journal.JournalEntry;
import java.time.Duration;

/** What a running scenario reports; called from the runner's and the journal's threads, never concurrently per method. */
public interface ScenarioListener {

    ScenarioListener NONE = new ScenarioListener() { };

    /** Step {@code index} (from 1) of {@code count} begins; {@code budget} bounds the whole scenario. */
    default void onStep(int index, int count, Step step, Duration elapsed, Duration budget) {
    }

    /** An entry reached the scenario journal. */
    default void onEntry(JournalEntry entry) {
    }

    /** Something the runner wants the user to know, e.g. where the gateway runs. */
    default void onNote(String note) {
    }
}
