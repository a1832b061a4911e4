package dev.clawscope.grade;

import dev.clawscope.journal.Journal;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code no_invented_methods}: every request the client made in every check of the run, against
 * the methods hello-ok advertised. Keeps, per check, the methods called with their counts and, for
 * the check's proof bundle, the hello-oks and requests (at most {@link #MAX_EVIDENCE} per check).
 * Thread-safe: checks add themselves as they finish.
 */
final class MethodLedger {

    static final int MAX_EVIDENCE = 2_000;
    static final int MAX_METHODS = 1_000;

    private final Map<CheckId, Map<String, Integer>> calls = new LinkedHashMap<>();
    private final Set<String> advertised = new LinkedHashSet<>();
    private final List<JournalEntry> evidence = new ArrayList<>();
    private final Map<CheckId, int[]> connections = new LinkedHashMap<>();
    private int nextConn = 1;
    private boolean anyHello;

    /** Adds what {@code id}'s client requested; connections are numbered on from the previous check's. */
    synchronized void add(CheckId id, Recorder recorder) {
        Map<String, Integer> counts = calls.computeIfAbsent(id, k -> new TreeMap<>());
        int offset = nextConn - 1;
        int highest = 0;
        int kept = 0;
        for (JournalEntry entry : recorder.entries()) {
            int conn = (int) entry.gen();
            highest = Math.max(highest, conn);
            LinkEvent event = entry.event();
            LinkEvent renumbered = null;
            if (event instanceof LinkEvent.PeerHelloOk ok) {
                if (!anyHello || !advertised.containsAll(ok.methods())) {
                    advertised.addAll(ok.methods());
                }
                anyHello = true;
                renumbered = new LinkEvent.PeerHelloOk(conn + offset, ok.serverVersion(), ok.protocol(),
                        ok.tickIntervalMs(), ok.methods(), ok.authMethod());
            } else if (event instanceof LinkEvent.PeerRequest r) {
                if (counts.containsKey(r.method()) || counts.size() < MAX_METHODS) {
                    counts.merge(r.method(), 1, Integer::sum);
                }
                renumbered = new LinkEvent.PeerRequest(conn + offset, r.method(), r.id());
            }
            if (renumbered != null && kept < MAX_EVIDENCE) {
                evidence.add(new JournalEntry(0, entry.ts(), entry.monoMs(), conn + offset, renumbered));
                kept++;
            }
        }
        if (highest > 0) {
            connections.put(id, new int[] {offset + 1, offset + highest});
            nextConn = offset + highest + 1;
        }
    }

    synchronized CheckResult evaluate(Threshold threshold, boolean connected) {
        CheckId id = CheckId.NO_INVENTED_METHODS;
        String passWhen = id.passWhen(threshold);
        if (!anyHello) {
            return new CheckResult(id, Verdict.SKIP, "n/a", passWhen,
                    "no hello-ok in any check: no features.methods to compare with", connected);
        }
        Map<String, Integer> total = new TreeMap<>();
        Map<String, Set<CheckId>> where = new TreeMap<>();
        calls.forEach((check, counts) -> counts.forEach((method, n) -> {
            total.merge(method, n, Integer::sum);
            where.computeIfAbsent(method, m -> new LinkedHashSet<>()).add(check);
        }));
        List<String> invented = total.keySet().stream().filter(m -> !advertised.contains(m)).toList();
        String measured = total.size() + (total.size() == 1 ? " method" : " methods") + " called, "
                + invented.size() + " not advertised";
        String detail;
        if (invented.isEmpty()) {
            detail = total.isEmpty() ? "called no method"
                    : "called " + total.entrySet().stream().limit(20).map(e -> e.getKey() + " (" + e.getValue() + ")")
                            .collect(Collectors.joining(", ")) + (total.size() > 20 ? ", …" : "");
        } else {
            List<String> named = new ArrayList<>();
            if (invented.contains("ping")) {
                named.add("ping, which the gateway does not have (" + calls(total.get("ping")) + ", in "
                        + where.get("ping").stream().map(CheckId::id).collect(Collectors.joining(", ")) + ")");
            }
            invented.stream().filter(m -> !m.equals("ping")).limit(20)
                    .forEach(m -> named.add(m + " (" + calls(total.get(m)) + ")"));
            detail = "called methods not in features.methods: " + String.join("; ", named)
                    + (invented.size() > 21 ? "; …" : "");
        }
        Verdict verdict = invented.size() <= threshold.value() ? Verdict.PASS : Verdict.FAIL;
        return new CheckResult(id, verdict, measured, passWhen, detail, connected);
    }

    private static String calls(int n) {
        return n + (n == 1 ? " call" : " calls");
    }

    /** The hello-oks and requests of every check, in time order, for the check's proof bundle. */
    synchronized void writeEvidence(Journal journal) {
        evidence.stream().sorted(Comparator.comparingDouble(JournalEntry::monoMs))
                .forEach(e -> journal.append(e.gen(), e.monoMs(), e.ts(), e.event()));
    }

    /** Which connection numbers of the evidence belong to which check, e.g. {@code handshake 1-1, backs_off 2-9}. */
    synchronized String connectionRanges() {
        return connections.entrySet().stream().map(e -> e.getKey().id() + " " + e.getValue()[0] + "-" + e.getValue()[1])
                .collect(Collectors.joining(", "));
    }
}
