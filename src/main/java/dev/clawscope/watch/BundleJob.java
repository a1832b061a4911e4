package dev.clawscope.watch;

import dev.clawscope.journal.JournalEntry;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One bundle to write, made under a tracker's lock and handed to the writer thread: everything in
 * it is a copy.
 *
 * @param incident the incident it belongs to: the same folder for each of its writes
 * @param gateway  the gateway's name in the watch config
 * @param label    the gateway as shown to people (no credentials needed; redacted anyway)
 * @param entries  the incident's kept entries, in journal order
 * @param settings what the summary's table says about the incident, the recorder's marker first
 * @param last     whether the incident ends with this write (finished or unfinished)
 */
record BundleJob(Incident incident, String gateway, String label, Instant dropTs, List<JournalEntry> entries,
        Map<String, String> settings, boolean last) {

    BundleJob {
        Objects.requireNonNull(incident, "incident");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(dropTs, "dropTs");
        entries = List.copyOf(entries);
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }
}
