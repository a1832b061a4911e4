package dev.clawscope.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.JournalJson;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.RedactionRules;
import dev.clawscope.journal.Redactor;
import dev.clawscope.observe.LinkThroughObserver;
import dev.clawscope.observe.PeerFault;
import dev.clawscope.render.AwtPngRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof bundle of an observed client from a real run: Clawscope's own link through the observer to
 * the simulator, a {@code freeze} it must notice and a {@code restart} whose restartExpectedMs it
 * must wait out, exported with redaction as any bundle is.
 */
class ObservedBundleTest {

    private static final String TOKEN = "observed-bundle-token-8c1e";
    private static final long RESTART_MS = 1_500;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private LinkThroughObserver run;

    @BeforeEach
    void start() throws Exception {
        run = LinkThroughObserver.start(TOKEN,
                settings -> settings.withRestartHook(ms -> run.sim().restart(Duration.ofMillis(ms), Duration.ofMillis(ms),
                        Duration.ZERO)),
                config -> config.withWsPing(Duration.ofSeconds(1), Duration.ofSeconds(1))
                        .withProbe("health", Duration.ofSeconds(1)));
    }

    @AfterEach
    void stop() {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void aFreezeAndARestartInTheSummaryAndOnTheTimeline() throws Exception {
        awaitCount(LinkEvent.PeerHelloOk.class, 1);
        await().atMost(WAIT).until(() -> count(LinkEvent.PeerWsPong.class) >= 2
                && count(LinkEvent.PeerResponse.class) >= 1);
        run.observer().apply(new PeerFault.Freeze(Optional.empty()));
        awaitCount(LinkEvent.PeerNoticed.class, 1);
        run.observer().apply(parsed("heal"));
        awaitCount(LinkEvent.PeerHelloOk.class, 2);
        int pongs = count(LinkEvent.PeerWsPong.class);
        await().atMost(WAIT).until(() -> count(LinkEvent.PeerWsPong.class) >= pongs + 2);
        run.observer().apply(new PeerFault.Restart(RESTART_MS));
        awaitCount(LinkEvent.PeerHelloOk.class, 3);
        int later = count(LinkEvent.PeerWsPong.class);
        await().atMost(WAIT).until(() -> count(LinkEvent.PeerWsPong.class) >= later + 2);
        run.disposeLink();
        run.observer().close();

        List<JournalEntry> entries = run.seen().snapshot();
        Path bundleDir = dir.resolve("bundle");
        ProofBundle bundle = new BundleExport(Redactor.withRandomKey(RedactionRules.defaults()),
                new ProofBundleWriter(new AwtPngRenderer())).export(bundleDir, entries,
                new BundleInfo("observe: freeze, restart", run.observer().targetDisplay(), Map.of(), List.of())
                        .withSource(run.observer().source()));
        keepForLooking(bundle);
        String md = Files.readString(bundleDir.resolve(ProofBundle.SUMMARY));

        // who the client is
        assertThat(md).contains("### Observed client", "| client id | cli |", "| version | 0.1.0-test |",
                "| platform | linux |", "| mode | cli |", "| role | operator |", "| auth | token+device |",
                "| scopes | operator.read, operator.write |");
        assertThat(md).containsPattern("\\| device \\| device#[0-9a-f]{6} \\|")
                .doesNotContain(run.identity().deviceId());
        assertThat(md).contains("(observed_client)", "| Gateway | 2026.9.6-sim (from hello-ok) |");

        // per outage: fault, noticed after, back after, connects
        assertThat(md).contains("| # | at | fault | client noticed after | first sign | back (hello-ok) after | connects |");
        Matcher freeze = row("freeze", "its close 4000").matcher(md);
        assertThat(freeze.find()).as(md).isTrue();
        double noticed = seconds(freeze.group(2));
        // pings 1 s apart, a pong deadline of 1 s: the first ping the freeze swallows times out 1 s to 2 s after it
        assertThat(noticed).as("noticed after").isBetween(0.9, 3.0);
        Matcher restart = row("restart", "close 1012 from the server").matcher(md);
        assertThat(restart.find()).as(md).isTrue();
        assertThat(seconds(restart.group(3))).as("back only once the simulator is back").isGreaterThanOrEqualTo(1.4);
        assertThat(Integer.parseInt(restart.group(4))).isGreaterThanOrEqualTo(1);

        // reconnect gaps, who pinged whom, every method
        List<Long> gaps = events(entries, LinkEvent.PeerReconnect.class).stream().map(LinkEvent.PeerReconnect::gapMs)
                .toList();
        assertThat(gaps).hasSizeGreaterThanOrEqualTo(1);
        assertThat(md).contains("- reconnect gaps it chose: " + String.join(", ",
                gaps.stream().map(Durations::seconds).toList()));
        long clientPings = events(entries, LinkEvent.PeerWsPing.class).stream().filter(p -> p.from().equals("client"))
                .count();
        assertThat(md).contains("- who pinged whom: the client sent " + clientPings + " ws pings (the server's pongs: "
                + "median RTT ", "; the server sent 0 ws pings");
        long healthCalls = events(entries, LinkEvent.PeerRequest.class).stream().filter(r -> r.method().equals("health"))
                .count();
        assertThat(md).containsPattern("\\| `health` \\| " + healthCalls + " \\| \\d+ \\| 0 \\| [0-9.]+ ms \\| yes \\|");

        // verdicts
        assertThat(md).containsPattern("- \u2705 noticed a frozen gateway after " + Pattern.quote(freeze.group(2)) + "\n");
        assertThat(md).containsPattern("- \u2705 honoured restartExpectedMs: first reconnect [0-9.]+ s after a shutdown "
                + "that expected 1\\.5 s\n");
        assertThat(md).contains("- \u2705 never used a method the gateway did not advertise (1 method, " + healthCalls
                + " calls)");
        assertThat(md).containsPattern("- \u2705 came back after every outage \\(2\\), slowest hello-ok after ");
        assertThat(md).doesNotContain("### Link", "dispose");

        // the timeline: per-connection labels, outage shading with the undetected part
        String svg = Files.readString(bundleDir.resolve(ProofBundle.SVG));
        List<String> texts = TimelineSvgTest.texts(TimelineSvgTest.parse(svg));
        int conns = count(LinkEvent.PeerConnect.class);
        assertThat(texts).contains("Connections", "RPC", "#1").doesNotContain("Disposal", "Link state");
        assertThat(texts).anySatisfy(t -> assertThat(t).matches("#[2-9][0-9]* after .*"));
        assertThat(texts).contains("fault: freeze", "fault: restart");
        assertThat(texts).anySatisfy(t -> assertThat(t).matches("#1 close 4000 from client"));
        assertThat(texts).anySatisfy(t -> assertThat(t).startsWith("undetected "));
        List<String> tips = TimelineSvgTest.titles(TimelineSvgTest.parse(svg), "rect");
        assertThat(tips).anySatisfy(t -> assertThat(t).startsWith("#1 up from "));
        assertThat(tips).anySatisfy(t -> assertThat(t).startsWith("#" + conns + " up from "));
        assertThat(tips).anySatisfy(t -> assertThat(t).matches("fault at [0-9.]+ s, detected after .*"));
        assertThat(tips).anySatisfy(t -> assertThat(t).contains("fault freeze, first sign: its close 4000"));

        // redacted as any bundle: ids pseudonymised, no token
        String journal = Files.readString(bundleDir.resolve(ProofBundle.JOURNAL));
        assertThat(journal).contains("\"device_id\":\"device#").doesNotContain(run.identity().deviceId(), TOKEN);
        assertThat(JournalJson.parse(journal.lines().findFirst().orElseThrow())).isPresent();
    }

    /** A row of the outage table: fault, then noticed after, first sign, back after, connects. */
    private static Pattern row(String fault, String sign) {
        return Pattern.compile("\\| \\d+ \\| ([0-9.]+ s) \\| " + fault + " \\| ([0-9.]+ m?s) \\| " + Pattern.quote(sign)
                + " \\| ([0-9.]+ m?s) \\| (\\d+) \\|");
    }

    private static double seconds(String text) {
        return text.endsWith(" ms") ? Double.parseDouble(text.replace(" ms", "")) / 1000
                : Double.parseDouble(text.replace(" s", ""));
    }

    /** The PNG under target/ to look at; nothing is committed. */
    private static void keepForLooking(ProofBundle bundle) throws Exception {
        Path out = Path.of("target", "observed-timeline.png");
        Files.createDirectories(out.getParent());
        Files.copy(bundle.dir().resolve(ProofBundle.PNG), out, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(bundle.dir().resolve(ProofBundle.SUMMARY), Path.of("target", "observed-summary.md"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.copy(bundle.dir().resolve(ProofBundle.JOURNAL), Path.of("target", "observed-journal.jsonl"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.copy(bundle.dir().resolve(ProofBundle.SVG), Path.of("target", "observed-timeline.svg"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static PeerFault parsed(String line) {
        return ((PeerFault.Parse.Parsed) PeerFault.parse(line)).fault();
    }

    private void awaitCount(Class<? extends LinkEvent> type, int n) {
        await().atMost(WAIT).until(() -> count(type) >= n);
    }

    private int count(Class<? extends LinkEvent> type) {
        return run.events(type).size();
    }

    private static <T extends LinkEvent> List<T> events(List<JournalEntry> entries, Class<T> type) {
        return LinkThroughObserver.of(entries, type);
    }
}
