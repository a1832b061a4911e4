package dev.clawscope.scenario;

import dev.clawscope.journal.JournalEntry;
import dev.clawscope.link.LinkState;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Evaluates the journal checks of a scenario; each returns what went wrong, or empty when it holds. */
final class JournalChecks {

    private JournalChecks() {
    }

    static Optional<String> evaluate(Step.Check check, List<JournalEntry> entries, LinkState state) {
        if (check instanceof Step.Expect e) {
            return expect(e, entries);
        }
        if (check instanceof Step.ExpectNo e) {
            return expectNo(e, entries);
        }
        if (check instanceof Step.ExpectState e) {
            return state == e.state() ? Optional.empty()
                    : Optional.of("the link is " + state.wire() + ", expected " + e.state().wire());
        }
        if (check instanceof Step.ExpectLast e) {
            if (entries.isEmpty()) {
                return Optional.of("the journal is empty");
            }
            JournalEntry last = entries.get(entries.size() - 1);
            return e.event().matches(last) ? Optional.empty()
                    : Optional.of("the last entry is " + last.event().type() + " (seq " + last.seq() + "), expected "
                            + e.event());
        }
        if (check instanceof Step.MaxRate e) {
            return maxRate(e, entries);
        }
        throw new IllegalArgumentException("not a journal check: " + check.text());
    }

    private static Optional<String> expect(Step.Expect e, List<JournalEntry> entries) {
        List<JournalEntry> scope = entries;
        JournalEntry anchor = null;
        if (e.after() != null) {
            Optional<JournalEntry> first = entries.stream().filter(e.after()::matches).findFirst();
            if (first.isEmpty()) {
                return Optional.of("no " + e.after() + " in the journal to measure from");
            }
            anchor = first.get();
            long from = anchor.seq();
            scope = entries.stream().filter(x -> x.seq() > from).toList();
        }
        List<JournalEntry> matching = scope.stream().filter(e.event()::matches).toList();
        String where = e.after() == null ? "" : " after " + e.after();
        if (e.countOp() != null) {
            if (!compare(matching.size(), e.countOp(), e.countValue())) {
                return Optional.of("found " + matching.size() + " " + e.event() + where + ", expected count "
                        + e.countOp() + " " + e.countValue());
            }
        } else if (matching.isEmpty()) {
            return Optional.of("no " + e.event() + where + " in the journal");
        }
        if (anchor != null && !matching.isEmpty()) {
            double gapMs = matching.get(0).monoMs() - anchor.monoMs();
            if (e.within() != null && gapMs > e.within().toMillis()) {
                return Optional.of("the first " + e.event() + " came " + ms(gapMs) + " after " + e.after()
                        + ", expected within " + e.within().toMillis() + " ms");
            }
            if (e.atLeast() != null && gapMs < e.atLeast().toMillis()) {
                return Optional.of("the first " + e.event() + " came " + ms(gapMs) + " after " + e.after()
                        + ", expected at least " + e.atLeast().toMillis() + " ms");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> expectNo(Step.ExpectNo e, List<JournalEntry> entries) {
        long from = 0;
        if (e.after() != null) {
            Optional<JournalEntry> first = entries.stream().filter(e.after()::matches).findFirst();
            if (first.isEmpty()) {
                return Optional.of("no " + e.after() + " in the journal to look after");
            }
            from = first.get().seq();
        }
        long after = from;
        return entries.stream().filter(x -> x.seq() > after && e.event().matches(x)).findFirst()
                .map(x -> "found " + e.event() + " at seq " + x.seq()
                        + (e.after() == null ? "" : " after " + e.after()));
    }

    private static Optional<String> maxRate(Step.MaxRate e, List<JournalEntry> entries) {
        long from = 0;
        if (e.after() != null) {
            Optional<JournalEntry> first = entries.stream().filter(e.after()::matches).findFirst();
            if (first.isEmpty()) {
                return Optional.of("no " + e.after() + " in the journal to count from");
            }
            from = first.get().seq();
        }
        long after = from;
        List<Double> times = entries.stream().filter(x -> x.seq() > after && e.event().matches(x))
                .map(JournalEntry::monoMs).toList();
        long windowMs = e.per().toMillis();
        int start = 0;
        for (int end = 0; end < times.size(); end++) {
            while (times.get(end) - times.get(start) >= windowMs) {
                start++;
            }
            int inWindow = end - start + 1;
            if (inWindow > e.max()) {
                return Optional.of(inWindow + " " + e.event() + " within " + describe(e.per()) + ", expected at most "
                        + e.max());
            }
        }
        return Optional.empty();
    }

    static boolean compare(long actual, String op, long expected) {
        return switch (op) {
            case "=" -> actual == expected;
            case "!=" -> actual != expected;
            case ">=" -> actual >= expected;
            case "<=" -> actual <= expected;
            case ">" -> actual > expected;
            case "<" -> actual < expected;
            default -> throw new IllegalArgumentException("unknown comparison " + op);
        };
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, "%.0f ms", value);
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
