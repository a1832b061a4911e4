package dev.clawscope.cli;

import dev.clawscope.journal.EventSummary;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** One readable terminal line per journal entry: time, type, and what matters about it. */
final class EventLine {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private EventLine() {
    }

    static String format(JournalEntry entry) {
        LinkEvent event = entry.event();
        return TIME.format(entry.ts()) + "  " + String.format(Locale.ROOT, "%-19s", event.type()) + "  "
                + EventSummary.of(event);
    }
}
