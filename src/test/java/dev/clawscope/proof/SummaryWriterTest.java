package dev.clawscope.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.journal.ClosedBy;
import dev.clawscope.journal.LinkEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryWriterTest {

    static final Environment ENV = new Environment("0.1.0", "17.0.15 (Debian)", "Linux 6.1 (amd64)");

    static BundleInfo info() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("backoff", "full-jitter");
        settings.put("ws_ping_interval", "15 s");
        return new BundleInfo("blackhole | restart", JournalBuilder.URL, settings, List.of("token: removed"));
    }

    private final String md = SummaryWriter.markdown(JournalStats.of(SyntheticJournals.twoOutages()), info(), ENV,
            true);

    @Test
    void environmentNamesEveryVersion() {
        assertTrue(md.contains("| Clawscope | 0.1.0 |"), md);
        assertTrue(md.contains("| Java | 17.0.15 (Debian) |"), md);
        assertTrue(md.contains("| OS | Linux 6.1 (amd64) |"), md);
        assertTrue(md.contains("| Gateway | 2026.9.6 (from hello-ok) |"), md);
    }

    @Test
    void scenarioAndSettingsInTheirOrder() {
        assertTrue(md.contains("**blackhole \\| restart** against `ws://127.0.0.1:18789`"), md);
        assertTrue(md.indexOf("| `backoff` | full-jitter |") < md.indexOf("| `ws_ping_interval` | 15 s |"), md);
    }

    @Test
    void outageTable() {
        assertTrue(md.contains("| # | down at | cause | detected after | recovered after | attempts |"), md);
        assertTrue(md.contains("| 1 | 55.0 s | liveness timeout (ws_pong) | 10.0 s | 7.1 s | 3 |"), md);
        assertTrue(md.contains("| 2 | 100.0 s | gateway shutdown \"restart\" | at close | 5.0 s | 1 |"), md);
    }

    @Test
    void linkFigures() {
        assertTrue(md.contains("- connected: 89.9 % of 2 min 00 s"), md);
        assertTrue(md.contains("- reconnects scheduled: 4 (connect attempts: 5)"), md);
        assertTrue(md.contains("- backoff delays seen: 1.0 s, 2.0 s, 4.0 s, 5.0 s"), md);
        assertTrue(md.contains("| ws pong | 5 | 5 ms | 20 ms | 20 ms |"), md);
        assertTrue(md.contains("| probe | 1 | 12 ms | 12 ms | 12 ms |"), md);
        assertTrue(md.contains("| all | 6 | 5 ms | 20 ms | 20 ms |"), md);
    }

    @Test
    void verdictLines() {
        assertTrue(md.contains("- \u2705 no reconnect storm: at most 4 attempts per minute while the gateway was down"),
                md);
        assertTrue(md.contains("- \u2705 dead peer detected in 10.0 s (ws_pong silence, deadline 10.0 s)"), md);
        assertTrue(md.contains("- \u2705 recovered from every outage (2), slowest after 7.1 s"), md);
        assertTrue(md.contains("- \u2705 no event after dispose_end (dispose took 4 ms)"), md);
    }

    @Test
    void failedVerdicts() {
        JournalBuilder b = new JournalBuilder().connect(0, 1)
                .at(1_000, new LinkEvent.Closed(1006, "", ClosedBy.TRANSPORT)).state(1_000, "backoff");
        for (int i = 0; i < 40; i++) {
            b.scheduled(1_000 + i * 1_000, i + 1, 990, "connect_failed").refused(1_990 + i * 1_000, i + 1);
        }
        b.dispose(50_000, 1).at(50_100, new LinkEvent.Tick(5));
        List<Verdict> verdicts = Verdict.of(JournalStats.of(b.build()));
        assertEquals(List.of(
                new Verdict(Verdict.Outcome.FAIL, "reconnect storm: 40 attempts within one minute (limit 30)"),
                new Verdict(Verdict.Outcome.FAIL, "did not recover from the outage at 1.0 s (closed 1006 by transport)"),
                new Verdict(Verdict.Outcome.FAIL, "1 events after dispose_end, first tick (dispose took 1 ms)")),
                verdicts);
    }

    @Test
    void aJournalWithoutHelloSaysSo() {
        String none = SummaryWriter.markdown(JournalStats.of(List.of()), info(), ENV, false);
        assertTrue(none.contains("| Gateway | unknown (no hello-ok) |"), none);
        assertTrue(none.contains("None: the link never dropped after connecting."), none);
        assertTrue(none.contains("the link was not disposed during the run"), none);
        assertTrue(!none.contains("timeline.png"), none);
    }

    @Test
    void cellsStayOnOneLine() {
        assertEquals("a \\| b c", SummaryWriter.cell("a | b\nc"));
        assertEquals("`` a`b ``", SummaryWriter.code("a`b"));
    }
}
