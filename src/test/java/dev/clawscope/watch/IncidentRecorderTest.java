package dev.clawscope.watch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.clawscope.chaos.Fault;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.JournalJson;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.link.GatewayAddress;
import dev.clawscope.link.LinkState;
import dev.clawscope.proof.ProofBundle;
import dev.clawscope.protocol.Secret;
import dev.clawscope.session.GatewayChoice;
import dev.clawscope.session.GatewaySession;
import dev.clawscope.session.LinkTuning;
import dev.clawscope.sim.SimConfig;
import dev.clawscope.sim.SimGateway;
import dev.clawscope.timeline.OutageSpan;
import dev.clawscope.timeline.OutageTracker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recorder on a real link: a gateway session through its fault proxy to the embedded simulator
 * on loopback, faults injected and healed, bundles read back from the folder. Short pings and
 * 1 s windows keep each test to a few seconds.
 */
@Timeout(60)
class IncidentRecorderTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final LinkTuning QUICK = new LinkTuning(Duration.ofMillis(200), Duration.ofMillis(200),
            Duration.ofSeconds(60), "paced-jitter");
    private static final String TOKEN = "watch-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));

    @TempDir
    Path dir;
    private SimGateway sim;
    private GatewaySession session;
    private IncidentRecorder recorder;
    private Path incidents;

    @BeforeEach
    void start() throws IOException {
        sim = SimGateway.start(SimConfig.defaults(TOKEN));
        session = GatewaySession.open(new GatewayChoice.Remote(GatewayAddress.parse(sim.url().toString(), false),
                Secret.of(TOKEN), "a test"), true, QUICK, "incident test", dir.resolve("settings"));
        incidents = dir.resolve("incidents");
    }

    @AfterEach
    void stop() {
        if (recorder != null) {
            recorder.close();
        }
        session.close();
        sim.close();
    }

    private void record(IncidentSettings settings) throws IOException {
        recorder = IncidentRecorder.start(settings);
        // a careless label with the token in its query: redaction must keep it out of the bundle
        recorder.attach("home", sim.url() + "?token=" + TOKEN, session.journal());
        session.connect();
        awaitState(LinkState.CONNECTED);
    }

    private IncidentSettings windows(Duration before, Duration after) {
        return IncidentSettings.defaults(incidents).withWindows(before, after);
    }

    private void awaitState(LinkState state) {
        await().atMost(WAIT).until(() -> session.state() == state);
    }

    private long count(Class<? extends LinkEvent> type) {
        return session.journal().snapshot().stream().filter(e -> type.isInstance(e.event())).count();
    }

    private static JsonObject manifest(Path bundle) throws IOException {
        return JsonParser.parseString(Files.readString(bundle.resolve(ProofBundle.MANIFEST))).getAsJsonObject();
    }

    private static String setting(Path bundle, String name) throws IOException {
        JsonObject settings = manifest(bundle).getAsJsonObject("settings");
        return settings.has(name) ? settings.get(name).getAsString() : "";
    }

    private static Set<Long> seqs(Path bundle) throws IOException {
        try (Stream<String> lines = Files.lines(bundle.resolve(ProofBundle.JOURNAL))) {
            return lines.map(JournalJson::parse).flatMap(Optional::stream).map(JournalEntry::seq)
                    .collect(Collectors.toSet());
        }
    }

    @Test
    void anOutageMakesOneRedactedBundleOfItsWindowAndAHealthyLinkNone() throws Exception {
        record(windows(Duration.ofSeconds(1), Duration.ofSeconds(1)));
        long pongs = count(LinkEvent.WsPong.class);
        await().atMost(WAIT).until(() -> count(LinkEvent.WsPong.class) >= pongs + 5);
        assertEquals(0, recorder.written(), "healthy: nothing written");
        assertTrue(recorder.bundles().isEmpty());

        session.inject(new Fault.Reset());
        await().atMost(WAIT).until(() -> count(LinkEvent.HelloOk.class) >= 2);
        await().atMost(WAIT).until(() -> recorder.written() == 1);
        List<Path> bundles = recorder.bundles();
        assertEquals(1, bundles.size());
        Path bundle = bundles.get(0);
        assertTrue(bundle.getFileName().toString().matches("home-\\d{8}T\\d{6}Z"), bundle.toString());
        for (String name : List.of(ProofBundle.JOURNAL, ProofBundle.SUMMARY, ProofBundle.SVG, ProofBundle.MANIFEST)) {
            assertTrue(Files.isRegularFile(bundle.resolve(name)), name);
        }
        assertTrue(setting(bundle, "incident").startsWith("finished"), setting(bundle, "incident"));

        List<JournalEntry> all = session.journal().snapshot();
        OutageSpan outage = OutageTracker.of(all).get(0);
        assertTrue(all.stream().anyMatch(e -> e.event() instanceof LinkEvent.FaultInjected f
                && "reset".equals(f.kind()) && e.monoMs() == outage.faultMs()), "the window counts from the fault");
        Set<Long> expected = all.stream().filter(e -> e.monoMs() >= outage.faultMs() - 1_000
                && e.monoMs() < outage.helloMs() + 1_000).map(JournalEntry::seq).collect(Collectors.toSet());
        assertEquals(expected, seqs(bundle), "exactly the entries from 1 s before the fault to 1 s after hello-ok");

        try (Stream<Path> files = Files.walk(incidents)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(file).contains(TOKEN), "token text in " + file);
            }
        }
    }

    @Test
    void aGatewayThatFlapsMakesOneBundle() throws Exception {
        record(windows(Duration.ofSeconds(1), Duration.ofSeconds(3)));
        session.inject(new Fault.Reset());
        await().atMost(WAIT).until(() -> count(LinkEvent.HelloOk.class) >= 2 && session.state() == LinkState.CONNECTED);
        session.inject(new Fault.Reset());
        await().atMost(WAIT).until(() -> count(LinkEvent.HelloOk.class) >= 3);
        await().atMost(WAIT).until(() -> recorder.written() == 1);
        recorder.close();
        List<Path> bundles = recorder.bundles();
        assertEquals(1, bundles.size(), "one incident");
        assertTrue(setting(bundles.get(0), "outages").startsWith("2 "), setting(bundles.get(0), "outages"));
        assertTrue(Files.readString(bundles.get(0).resolve(ProofBundle.SUMMARY)).contains("| 2 |"),
                "the summary lists both outages");
    }

    @Test
    void anOutageThatLastsIsWrittenOngoingAndFinishedInTheSameFolder() throws Exception {
        record(windows(Duration.ofSeconds(1), Duration.ofSeconds(1)).withOngoingEvery(Duration.ofSeconds(1)));
        session.inject(new Fault.Blackhole(Optional.empty()));
        await().atMost(WAIT).until(() -> recorder.written() >= 1);
        Path bundle = recorder.bundles().get(0);
        assertTrue(setting(bundle, "incident").startsWith("ongoing"), setting(bundle, "incident"));

        session.inject(new Fault.Heal());
        await().atMost(WAIT).until(() -> setting(bundle, "incident").startsWith("finished"));
        assertEquals(List.of(bundle), recorder.bundles());
        try (Stream<Path> folders = Files.list(incidents)) {
            assertEquals(1, folders.count());
        }
    }

    @Test
    void closingWritesTheIncidentInProgressMarkedUnfinished() throws Exception {
        record(windows(Duration.ofSeconds(1), Duration.ofSeconds(1)));
        session.inject(new Fault.Blackhole(Optional.empty()));
        await().atMost(WAIT).until(() -> count(LinkEvent.LivenessTimeout.class) >= 1);
        await().atMost(WAIT).until(() -> session.state() != LinkState.CONNECTED);
        recorder.close();
        List<Path> bundles = recorder.bundles();
        assertEquals(1, bundles.size());
        String incident = setting(bundles.get(0), "incident");
        assertTrue(incident.startsWith("unfinished") && incident.contains("still down"), incident);
        assertTrue(Files.readString(bundles.get(0).resolve(ProofBundle.SUMMARY)).contains("unfinished"));
    }
}
