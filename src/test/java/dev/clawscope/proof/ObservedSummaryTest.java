package dev.clawscope.proof;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.Source;
import dev.clawscope.timeline.OutageSpan;
import dev.clawscope.timeline.OutageTracker;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The summary of an observed client's journal, from journals with exactly known figures. */
class ObservedSummaryTest {

    private static final Source SOURCE = new Source(Source.Kind.OBSERVED_CLIENT, "observe:ws://127.0.0.1:18789",
            "client observed on ws://127.0.0.1:18790 \u2192 ws://127.0.0.1:18789");

    /**
     * A client that misses a freeze (healed after 60 s), calls {@code ping} which the gateway does not
     * advertise, and reconnects 2 s after a shutdown that expected 5 s; it leaves with 1000 at the end.
     */
    static List<JournalEntry> troubled() {
        return new PeerJournalBuilder()
                .connect(0, 1)
                .ping(1_000, 1, 2)
                .call(1_500, 1, "health", true, 4)
                .call(2_000, 1, "ping", false, 3)
                .call(2_500, 1, "ping", false, 3)
                .fault(10_000, "freeze")
                .fault(70_000, "heal")
                .at(70_500, new LinkEvent.PeerWsPong(1, "server", 9.0, true))
                .ping(71_000, 1, 5)
                .fault(80_000, "restart")
                .at(80_002, new LinkEvent.PeerEvent(1, "shutdown", 3L, 5_000L, "observer"))
                .closed(80_003, 1, "observer", 1012)
                .reconnect(82_005, 2, 2_000, 1)
                .call(83_000, 2, "health", true, 6)
                .closed(90_000, 2, "client", 1000)
                .build();
    }

    /** A client that notices a freeze after 12.3 s by its own close frame and is back 1.5 s later. */
    static List<JournalEntry> attentive() {
        return new PeerJournalBuilder()
                .connect(0, 1)
                .fault(5_000, "freeze")
                .at(17_300, new LinkEvent.PeerClose(1, "client", 4000, "tick timeout"))
                .at(18_300, new LinkEvent.PeerDisconnect(1, "close_frame", "client", 18_300))
                .at(18_300, new LinkEvent.PeerNoticed(1, "freeze", 13_300, "close_frame"))
                .fault(18_400, "heal")
                .reconnect(18_780, 2, 480, 1)
                .build();
    }

    private static String md(List<JournalEntry> journal) {
        return SummaryWriter.markdown(JournalStats.of(journal), new BundleInfo("observe", "ws://127.0.0.1:18789",
                Map.of(), List.of()).withSource(SOURCE), SummaryWriterTest.ENV, true);
    }

    @Test
    void namesTheObservedClient() {
        String md = md(troubled());
        assertThat(md).contains("| Source | client observed on ws://127.0.0.1:18790 \u2192 ws://127.0.0.1:18789 "
                + "(observed_client) |", "| Gateway | 2026.9.6 (from hello-ok) |");
        assertThat(md).contains("### Observed client\n\n| | |\n|---|---|\n| client id | openclaw-tray |\n"
                + "| version | 0.9.1 |\n| platform | windows |\n| mode | node |\n| role | node |\n"
                + "| scopes | node.read |\n| auth | token+device |\n");
        assertThat(md.indexOf("### Observed client")).isLessThan(md.indexOf("### Scenario"));
    }

    @Test
    void perOutageTheFaultWhenItWasNoticedWhenItWasBackAndTheConnectsBetween() {
        String md = md(troubled());
        assertThat(md).contains("| # | at | fault | client noticed after | first sign | back (hello-ok) after | connects |\n"
                + "|---|---|---|---|---|---|---|\n"
                + "| 1 | 10.0 s | freeze | not within 60.0 s | healed after 60.0 s | \u2013 | \u2013 |\n"
                + "| 2 | 80.0 s | restart | 3 ms | close 1012 from the observer | 2.0 s | 1 |\n");
        assertThat(md(attentive())).contains("| 1 | 5.0 s | freeze | 12.3 s | its close 4000 | 1.5 s | 1 |\n");
    }

    @Test
    void gapsPingsAndEveryMethod() {
        String md = md(troubled());
        assertThat(md).contains("- connections opened: 2 (hello-ok on 2)\n", "- reconnect gaps it chose: 2.0 s\n",
                "- who pinged whom: the client sent 2 ws pings (the server's pongs: median RTT 2 ms); "
                        + "the server sent 0 ws pings\n",
                "| server's pongs to the client's pings | 2 | 2 ms | 5 ms | 5 ms |\n",
                "- pongs dropped by the observer (drop-pongs): 1\n");
        assertThat(md).contains("| method | calls | ok | failed | p50 RTT | advertised |\n|---|---|---|---|---|---|\n"
                + "| `health` | 2 | 2 | 0 | 4 ms | yes |\n"
                + "| `ping` | 2 | 0 | 2 | 3 ms | **no** |\n");
        // up from 20 ms to the observer's close at 80.003 s and from 82.025 s to the client's close at 90 s
        assertThat(md).contains(String.format(Locale.ROOT, "- connected: %.1f %% of 90.0 s",
                100 * (79_983 + 7_975) / 90_002.0));
        assertThat(md).doesNotContain("### Link", "backoff delays", "dispose");
    }

    @Test
    void verdictLines() {
        assertThat(Verdict.of(JournalStats.of(troubled()))).containsExactly(
                new Verdict(Verdict.Outcome.PASS, "no reconnect storm: at most 1 reconnect per minute"),
                new Verdict(Verdict.Outcome.FAIL, "did not notice a frozen gateway within 60.0 s"),
                new Verdict(Verdict.Outcome.FAIL, "did not honour restartExpectedMs: reconnected 2.0 s after a shutdown "
                        + "that expected 5.0 s"),
                new Verdict(Verdict.Outcome.PASS, "came back after every outage (1), slowest hello-ok after 2.0 s"),
                new Verdict(Verdict.Outcome.FAIL, "used a method the gateway did not advertise: `ping` (2 calls)"));
        assertThat(Verdict.of(JournalStats.of(attentive()))).containsExactly(
                new Verdict(Verdict.Outcome.PASS, "no reconnect storm: at most 1 reconnect per minute"),
                new Verdict(Verdict.Outcome.PASS, "noticed a frozen gateway after 12.3 s"),
                new Verdict(Verdict.Outcome.PASS, "came back after every outage (1), slowest hello-ok after 1.5 s"),
                new Verdict(Verdict.Outcome.PASS, "never used a method the gateway did not advertise (0 methods, 0 calls)"));
        assertThat(md(attentive())).contains("- \u2705 noticed a frozen gateway after 12.3 s\n");
    }

    @Test
    void theSummaryFindsTheOutagesTheTimelineShades() {
        for (List<JournalEntry> journal : List.of(troubled(), attentive())) {
            List<OutageSpan> spans = OutageTracker.of(journal);
            List<ClientStats.ClientOutage> noticed = JournalStats.of(journal).client().orElseThrow().outages().stream()
                    .filter(ClientStats.ClientOutage::noticed).toList();
            assertThat(noticed).hasSameSizeAs(spans);
            for (int i = 0; i < spans.size(); i++) {
                assertThat(noticed.get(i).faultMs()).isEqualTo(spans.get(i).faultMs());
                assertThat(noticed.get(i).noticedAfterMs().getAsDouble()).isEqualTo(spans.get(i).undetectedMs());
                assertThat(noticed.get(i).backAfterMs().getAsDouble()).isEqualTo(spans.get(i).recoveredAfterMs());
            }
        }
    }

    @Test
    void aFreezeStillUnnoticedWhenTheJournalEndsAndABlackholeTheServerEndedFirst() {
        List<JournalEntry> open = new PeerJournalBuilder().connect(0, 1).fault(1_000, "freeze").ping(61_000, 1, 1)
                .build();
        assertThat(md(open)).contains("| 1 | 1.0 s | freeze | not within 60.0 s | not noticed by the end of the "
                + "journal | \u2013 | \u2013 |", "- \u274c did not notice a frozen gateway within 60.0 s");
        List<JournalEntry> serverFirst = new PeerJournalBuilder().connect(0, 1).fault(1_000, "blackhole")
                .at(31_000, new LinkEvent.PeerDisconnect(1, "rst", "server", 31_000))
                .build();
        assertThat(Verdict.of(JournalStats.of(serverFirst))).contains(new Verdict(Verdict.Outcome.NOTE,
                "did not notice a blackholed gateway before the other side ended the connection (rst by the server) "
                        + "after 30.0 s"), new Verdict(Verdict.Outcome.FAIL,
                "did not come back after the outage at 1.0 s (blackhole)"));
    }

    @Test
    void honouredRestartExpectedMs() {
        List<JournalEntry> journal = new PeerJournalBuilder().connect(0, 1)
                .fault(5_000, "restart")
                .at(5_001, new LinkEvent.PeerEvent(1, "shutdown", 1L, 3_000L, null))
                .closed(5_002, 1, "server", 1012)
                .at(6_000, new LinkEvent.PeerConnect(2))
                .at(6_000, new LinkEvent.PeerReconnect(2, 998, 1, "restart"))
                .at(6_001, new LinkEvent.PeerDisconnect(2, "rst", "observer", 1))
                .reconnect(8_100, 3, 2_099, 2)
                .build();
        assertThat(Verdict.of(JournalStats.of(journal))).contains(new Verdict(Verdict.Outcome.FAIL,
                "did not honour restartExpectedMs: reconnected 999 ms after a shutdown that expected 3.0 s"));
        List<JournalEntry> patient = new PeerJournalBuilder().connect(0, 1)
                .at(5_001, new LinkEvent.PeerEvent(1, "shutdown", 1L, 3_000L, null))
                .closed(5_002, 1, "server", 1012)
                .reconnect(8_100, 2, 3_096, 1)
                .build();
        assertThat(md(patient)).contains("| 1 | 5.0 s | none | 0 ms | close 1012 from the server | 3.1 s | 1 |",
                "- \u2705 honoured restartExpectedMs: first reconnect 3.1 s after a shutdown that expected 3.0 s\n");
    }

    @Test
    void severalIdentitiesAndNoHelloOk() {
        List<JournalEntry> journal = new PeerJournalBuilder().connect(0, 1)
                .at(100, new LinkEvent.PeerConnect(2))
                .at(108, new LinkEvent.PeerHello(2, "c2", "openclaw-control-ui", "webchat", "2026.9.6", "web", null,
                        "operator", List.of("operator.read"), "device-token", null, 3, 4))
                .build();
        String md = md(journal);
        assertThat(md).contains("It said hello as 2 different clients:\n\n"
                + "| client id | version | platform | mode | role | auth | device | hellos |\n",
                "| openclaw-control-ui | 2026.9.6 | web | webchat | operator | device-token | \u2013 | 1 |\n");
        List<JournalEntry> none = List.of(new JournalEntry(1, PeerJournalBuilder.START, 0, 1,
                new LinkEvent.PeerConnect(1)), new JournalEntry(2, PeerJournalBuilder.START, 5, 1,
                new LinkEvent.PeerRequest(1, "health", "1")));
        assertThat(md(none)).contains("It sent no `connect` request in the kept journal.",
                "- \u2139\ufe0f no hello-ok in the journal: the methods it called (1) could not be checked against "
                        + "the gateway's");
    }

    @Test
    void whatAHostileClientSendsIsCutShort() {
        List<String> scopes = java.util.stream.IntStream.range(0, 10_000).mapToObj(i -> "scope." + i).toList();
        List<JournalEntry> journal = new PeerJournalBuilder()
                .at(0, new LinkEvent.PeerConnect(1))
                .at(8, new LinkEvent.PeerHello(1, "c1", "x|y", "node", "1\n2", "linux", null, "node", scopes, "token",
                        null, 3, 4))
                .build();
        String md = md(journal);
        assertThat(md).contains("| client id | x\\|y |", "| version | 1 2 |",
                "| scopes | scope.0, scope.1, scope.2, scope.3, scope.4, scope.5, scope.6, scope.7, scope.8, scope.9, "
                        + "scope.10, scope.11, scope.12, scope.13, scope.14, scope.15, scope.16, scope.17, scope.18, "
                        + "scope.19, \u2026 (9980 more) |");
        assertThat(md.length()).isLessThan(8_000);
    }

    @Test
    void anObservedSourceWithoutPeerLinesIsStillSummarisedAsAClient() {
        List<JournalEntry> faultsOnly = List.of(new JournalEntry(1, PeerJournalBuilder.START, 0, 0,
                new LinkEvent.FaultInjected("freeze")));
        assertThat(JournalStats.of(faultsOnly).observed()).isFalse();
        JournalStats stats = JournalStats.of(faultsOnly, true);
        assertThat(stats.observed()).isTrue();
        String md = SummaryWriter.markdown(stats, new BundleInfo("observe", "sim", Map.of(), List.of())
                .withSource(SOURCE), SummaryWriterTest.ENV, false);
        assertThat(md).contains("It sent no `connect` request", "None: no connection of the client dropped",
                "It called no method.");
    }
}
