package dev.clawscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TerminalPrinterTest {

    private static final Instant TS = Instant.parse("2026-12-03T10:00:00Z");
    private final StringWriter text = new StringWriter();
    private final AtomicLong nanos = new AtomicLong();
    private final TerminalPrinter printer = new TerminalPrinter(new PrintWriter(text), nanos::get);

    private void deliver(long seq, long atMs) {
        nanos.set(TimeUnit.MILLISECONDS.toNanos(atMs));
        printer.accept(new JournalEntry(seq, TS, atMs, 1, new LinkEvent.Tick(seq)));
    }

    private List<String> lines() {
        return text.toString().lines().map(l -> l.startsWith("\u2026") ? l : l.substring(l.indexOf("seq "))).toList();
    }

    @Test
    void everyEntryDeliveredIsPrintedAndNothingElse() {
        deliver(1, 0);
        deliver(2, 1);
        printer.finish(2);
        assertEquals(List.of("seq 1", "seq 2"), lines());
    }

    @Test
    void skippedEntriesAreSaidAtMostOnceASecondAndCountedInAllAtTheEnd() {
        deliver(1, 0);
        deliver(4, 10);
        deliver(9, 500);
        deliver(10, 1_010);
        deliver(12, 1_011);
        printer.finish(15);
        deliver(15, 1_012);
        assertEquals(List.of(
                "seq 1",
                "\u2026 2 journal entries not shown: output fell behind",
                "seq 4",
                "seq 9",
                "\u2026 4 journal entries not shown: output fell behind",
                "seq 10",
                "seq 12",
                "\u2026 10 journal entries not shown in all: output fell behind"), lines(),
                "the 4 skipped within the second after the first notice are said with the entry a second later, "
                        + "entry 11 not until the end, which counts every entry not shown, 13 to 15 included");
    }

    @Test
    void oneEntryNotShownIsSingular() {
        deliver(2, 0);
        printer.finish(2);
        assertEquals(List.of("\u2026 1 journal entry not shown: output fell behind", "seq 2",
                "\u2026 1 journal entry not shown in all: output fell behind"), lines());
    }
}
