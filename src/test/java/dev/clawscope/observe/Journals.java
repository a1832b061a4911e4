package dev.clawscope.observe;

import dev.clawscope.journal.Journal;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import java.util.List;
import java.util.function.Predicate;

/** Reading an observer's journal in tests. */
final class Journals {

    private Journals() {
    }

    static <T extends LinkEvent> List<T> events(Journal journal, Class<T> type) {
        return journal.snapshot().stream().map(JournalEntry::event).filter(type::isInstance).map(type::cast).toList();
    }

    static <T extends LinkEvent> List<T> events(Journal journal, Class<T> type, Predicate<T> which) {
        return events(journal, type).stream().filter(which).toList();
    }

    /** Waits for the first event of {@code type} that {@code which} accepts. */
    static <T extends LinkEvent> T await(Journal journal, Class<T> type, Predicate<T> which) {
        return awaitCount(journal, type, which, 1).get(0);
    }

    static <T extends LinkEvent> List<T> awaitCount(Journal journal, Class<T> type, Predicate<T> which, int count) {
        RawEnd.soon().until(() -> events(journal, type, which).size() >= count);
        return events(journal, type, which);
    }

    /** Every event of connection {@code conn}, in order. */
    static List<LinkEvent> ofConn(Journal journal, int conn) {
        return journal.snapshot().stream().filter(e -> e.gen() == conn).map(JournalEntry::event).toList();
    }
}
