package dev.clawscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.clawscope.journal.Journal;
import dev.clawscope.journal.JournalClock;
import dev.clawscope.journal.JournalJson;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.link.LinkHistory;
import dev.clawscope.link.LinkState;
import dev.clawscope.sim.SimConfig;
import dev.clawscope.sim.SimGateway;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code clawscope probe} end to end against the simulator: live lines, the journal file, exit codes. */
@Timeout(60)
class ProbeCommandTest {

    private static final String TOKEN = "probe-test-token-77aa";
    /** Far fewer entries than a two-second flood of ticks journals. */
    private static final int FLOOD_RING = 200;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private SimGateway sim;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        sim = SimGateway.start(SimConfig.defaults(TOKEN).withTickInterval(Duration.ofMillis(300)));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void healthyRunPrintsEveryEventWritesTheJournalAndExitsZero() throws Exception {
        Path journalDir = dir.resolve("proof");
        int code = run(Map.of("T", TOKEN), "probe", "--url", sim.url().toString(), "--token-env", "T",
                "--duration", "2s", "--out", journalDir.toString());
        assertEquals(0, code, err::toString);
        String text = out.toString();
        assertTrue(text.contains("hello_ok"), text);
        assertTrue(text.contains("tick "), text);
        assertTrue(text.contains("dispose_end"), text);
        for (String name : List.of("journal.jsonl", "summary.md", "timeline.svg", "timeline.png", "manifest.json")) {
            assertTrue(Files.size(journalDir.resolve(name)) > 0, name + " written");
        }
        assertTrue(text.contains("proof bundle written to " + journalDir), text);
        List<String> lines = Files.readAllLines(journalDir.resolve("journal.jsonl"));
        assertFalse(lines.isEmpty());
        lines.forEach(line -> assertTrue(JournalJson.parse(line).isPresent(), line));
        String everything = text + String.join("\n", lines);
        assertFalse(everything.contains(TOKEN), "the token never reaches the output");

        String gateway = "ws://127.0.0.1:" + sim.port() + "/";
        JsonObject source = JsonParser.parseString(Files.readString(journalDir.resolve("manifest.json")))
                .getAsJsonObject().getAsJsonObject("source");
        assertEquals("gateway_link", source.get("kind").getAsString(), source::toString);
        assertEquals("link:" + gateway, source.get("id").getAsString(), "the window's id for this gateway");
        assertEquals("Clawscope probe \u2192 " + gateway, source.get("name").getAsString());
        assertTrue(Files.readString(journalDir.resolve("summary.md"))
                .contains("| Source | Clawscope probe \u2192 " + gateway + " (gateway_link) |"), "the summary names it");
    }

    @Test
    void wrongTokenExitsThreeWhenPaused() {
        int code = run(Map.of("T", "wrong-token"), "probe", "--url", sim.url().toString(), "--token-env", "T",
                "--duration", "2s");
        assertEquals(ProbeCommand.EXIT_PAUSED, code, out::toString);
        assertTrue(out.toString().contains("reconnect_paused"), out::toString);
    }

    @Test
    void unreachableGatewayExitsFour() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int code = run(Map.of(), "probe", "--url", "ws://127.0.0.1:" + port, "--duration", "1s", "--no-device");
        assertEquals(ProbeCommand.EXIT_NEVER_CONNECTED, code, out::toString);
        assertTrue(out.toString().contains("reconnect_scheduled"), out::toString);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "probe                                                  | Missing required option: '--url=URL'",
        "probe --url http://127.0.0.1:1                         | --url: the gateway URL must start with ws://",
        "probe --url ws://8.8.8.8                               | refusing plaintext ws://",
        "probe --url ws://127.0.0.1:1 --token-env NOT_SET       | the variable NOT_SET is not set",
        "probe --url ws://127.0.0.1:1 --duration soon           | expected a duration",
        "probe --url ws://127.0.0.1:1 --backoff sometimes       | unknown backoff policy",
        "probe --url ws://127.0.0.1:                            | --url: the gateway URL has an empty port after ':'",
        "probe --url ws://127.0.0.1:0                           | --url: the port of the gateway URL must be from 1 to 65535"
    })
    void badArgumentsAreUsageErrors(String args, String message) {
        assertEquals(2, run(Map.of(), args.split(" ")));
        assertTrue(err.toString().contains(message), err::toString);
    }

    @Test
    void aFloodThatDropsTheHelloOkFromTheRingStillExitsZeroAndTheBundleSaysWhatIsMissing() throws Exception {
        Journal journal = new Journal(FLOOD_RING, 64, JournalClock.system());
        // once connected, the gateway sends valid ticks as fast as it can, far beyond the ring
        journal.subscribe("flood", entry -> {
            if (entry.event() instanceof LinkEvent.HelloOk) {
                sim.setTickInterval(Duration.ofMillis(1));
            }
        });
        Path proof = dir.resolve("proof");
        int code = run(Map.of("T", TOKEN), () -> journal, "probe", "--url", sim.url().toString(), "--token-env", "T",
                "--duration", "2s", "--out", proof.toString());

        assertEquals(0, code, err::toString);
        long dropped = journal.dropped();
        assertTrue(dropped > 0, "the ring dropped the oldest entries");
        assertTrue(journal.snapshot().stream().noneMatch(e -> e.event() instanceof LinkEvent.HelloOk),
                "the hello-ok is among them");
        String summary = Files.readString(proof.resolve("summary.md"));
        assertTrue(summary.contains("**Incomplete journal:** its ring dropped the oldest " + dropped + " entries"),
                summary);
        assertTrue(summary.contains("the kept journal covers seq " + (dropped + 1) + " to "), summary);
        assertTrue(summary.contains("connected at least once (the link's own record)"), summary);
        assertTrue(summary.contains("| Gateway | unknown (its hello-ok is not in the kept journal) |"), summary);
        assertFalse(summary.contains("no hello-ok"), summary);
        JsonObject manifest = JsonParser.parseString(Files.readString(proof.resolve("manifest.json"))).getAsJsonObject();
        assertEquals(dropped, manifest.getAsJsonObject("journal").get("dropped_entries").getAsLong());
        assertEquals(dropped + 1, manifest.getAsJsonObject("journal").get("first_seq").getAsLong());
        assertTrue(manifest.getAsJsonObject("link").get("ever_connected").getAsBoolean());
        assertEquals(FLOOD_RING, Files.readAllLines(proof.resolve("journal.jsonl")).size());

        long printed = out.toString().lines().filter(l -> l.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  .*")).count();
        long notShown = out.toString().lines()
                .filter(l -> l.endsWith(" not shown in all: output fell behind"))
                .mapToLong(l -> Long.parseLong(l.split(" ")[1])).sum();
        assertEquals(dropped + FLOOD_RING, printed + notShown,
                "every entry of the run was printed or counted as not shown:\n" + out);
    }

    @ParameterizedTest
    @CsvSource({
        "connected,    1, 1, 0",
        "backoff,      7, 2, 0",
        "disconnected, 1, 1, 0",
        "paused,       3, 1, 3",
        "paused,       1, 0, 3",
        "backoff,      9, 0, 4",
        "idle,         0, 0, 4"
    })
    void theExitCodeComesFromTheLinksStateAndHistory(String state, long attempts, long hellos, int exit) {
        LinkHistory history = new LinkHistory(attempts, hellos, state.equals("paused") ? "auth" : null, null);
        assertEquals(exit, ProbeCommand.exitCode(LinkState.valueOf(state.toUpperCase(Locale.ROOT)), history));
    }

    private int run(Map<String, String> env, String... args) {
        return run(env, Journal::new, args);
    }

    private int run(Map<String, String> env, Supplier<Journal> journals, String... args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == ProbeCommand.class
                        ? type.cast(new ProbeCommand(new FakeCtrlC(), env::get, dir.resolve("settings"), journals))
                        : CommandLine.defaultFactory().create(type);
            }
        };
        return ClawscopeCommand.run(args, () -> {
            throw new AssertionError("a command must not open the window");
        }, factory, new PrintWriter(out, true), new PrintWriter(err, true));
    }
}
