package dev.clawscope.cli;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.clawscope.journal.Journal;
import dev.clawscope.link.DeviceTokenStore;
import dev.clawscope.link.GatewayAddress;
import dev.clawscope.link.GatewayLink;
import dev.clawscope.link.LinkConfig;
import dev.clawscope.observe.TlsFront;
import dev.clawscope.protocol.ClientId;
import dev.clawscope.protocol.ClientInfo;
import dev.clawscope.protocol.ClientMode;
import dev.clawscope.protocol.DeviceIdentity;
import dev.clawscope.protocol.Secret;
import dev.clawscope.sim.SimConfig;
import dev.clawscope.sim.SimGateway;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code clawscope observe} through the root command with typed faults and a fake Ctrl-C; the client
 * under test is Clawscope's own link, connecting to the URL the command prints.
 */
@Timeout(90)
class ObserveCommandTest {

    private static final String TOKEN = "observe-canary-token-4e1b9d";
    private static final Pattern CLIENT_URL = Pattern.compile("client URL: (ws://127\\.0\\.0\\.1:\\d+)");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final FakeCtrlC ctrlC = new FakeCtrlC();
    private final PipedOutputStream typing = new PipedOutputStream();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private GatewayLink link;
    private Journal linkJournal;

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        if (link != null) {
            link.dispose();
        }
        if (linkJournal != null) {
            linkJournal.close();
        }
        typing.close();
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    @Test
    void printsTheObservedLinkAndATypedRestartShowsTheShutdownAndTheReconnect() throws Exception {
        CompletableFuture<Integer> command = start(Map.of("T", TOKEN),
                "observe", "--target", "sim", "--token-env", "T");
        connectLink(awaitClientUrl(), TOKEN);
        awaitOut("peer_hello_ok        #1 hello-ok from 2026.9.6-sim");

        type("restart 1000");

        awaitOut("peer_hello_ok        #2 hello-ok");
        ctrlC.press();
        assertThat(command.get(15, SECONDS)).as("stderr: %s", err).isZero();
        String text = out.toString();
        assertThat(text).contains("client token: the value of $T")
                .contains("fault applied: restart 1000ms")
                .contains("fault_injected       restart")
                .contains("peer_event           #1 shutdown")
                .contains("back in about 1000 ms")
                .contains("peer_close           #1 close 1012 \"service restart\" from the server")
                .containsPattern("peer_reconnect       #2 \\d+ ms after #1 ended")
                .containsPattern("peer_disconnect      #2 gone \\(rst by the observer\\) after \\d+ ms\\R")
                .endsWith("observer stopped (Ctrl-C)" + System.lineSeparator());
        assertThat(lines("peer_hello ")).first().asString()
                .contains("#1 cli 0.1.0-test (cli, linux) as operator, auth token+device");
        assertThat(text + err).doesNotContain(TOKEN);
        assertThat(err.toString()).isEmpty();
        assertThat(ctrlC.released).isTrue();
        assertThat(threads()).as("no observer or simulator thread outlives the command").isEmpty();
    }

    @Test
    void outWritesARedactedBundleThatNamesTheObservedClientAndNeverHoldsTheToken() throws Exception {
        Path proof = dir.resolve("proof");
        CompletableFuture<Integer> command = start(Map.of("T", TOKEN), "observe", "--target", "sim", "--token-env", "T",
                "--out", proof.toString());
        connectLink(awaitClientUrl(), TOKEN);
        awaitOut("peer_hello_ok        #1");
        type("auth-reject");
        type("reset");
        awaitOut("AUTH_TOKEN_MISMATCH");
        ctrlC.press();

        assertThat(command.get(30, SECONDS)).as("stderr: %s", err).isZero();
        assertThat(out.toString()).contains("proof bundle written to " + proof);
        JsonObject manifest = JsonParser.parseString(Files.readString(proof.resolve("manifest.json")))
                .getAsJsonObject();
        JsonObject source = manifest.getAsJsonObject("source");
        assertThat(source.get("kind").getAsString()).isEqualTo("observed_client");
        assertThat(source.get("id").getAsString()).isEqualTo("observe:sim");
        assertThat(source.get("name").getAsString()).startsWith("client observed on ws://127.0.0.1:");
        assertThat(Files.readString(proof.resolve("journal.jsonl"))).contains("\"type\":\"peer_hello\"");
        try (Stream<Path> files = Files.list(proof)) {
            for (Path file : files.toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                        .as(file.getFileName().toString()).doesNotContain(TOKEN);
            }
        }
        assertThat(out.toString() + err).doesNotContain(TOKEN);
    }

    @Test
    void aGeneratedTokenIsPrintedForTheClientAndKeptOutOfTheBundle() throws Exception {
        Path proof = dir.resolve("generated");
        CompletableFuture<Integer> command = start(Map.of(), "observe", "--target", "sim", "--out", proof.toString());
        String url = awaitClientUrl();
        Matcher printed = Pattern.compile("client token: ([0-9a-f]{32}) \\(generated for this run\\)")
                .matcher(out.toString());
        assertThat(printed.find()).as("stdout: %s", out).isTrue();
        String generated = printed.group(1);
        connectLink(url, generated);
        awaitOut("peer_hello_ok        #1");
        typing.close();

        assertThat(command.get(30, SECONDS)).as("stderr: %s", err).isZero();
        assertThat(out.toString()).contains("observer stopped (end of input)");
        assertThat(out.toString().split(generated, -1)).as("printed once, on the token line").hasSize(2);
        assertThat(Files.readString(proof.resolve("journal.jsonl")))
                .contains("peer_hello_ok").doesNotContain(generated);
        assertThat(Files.readString(proof.resolve("summary.md"))).doesNotContain(generated);
    }

    @Test
    void aPinnedWssTargetIsObservedThroughTheTlsBridge() throws Exception {
        TlsFront front = simulatorBehindTls();
        CompletableFuture<Integer> command = start(Map.of(), "observe", "--target", "wss://127.0.0.1:" + front.port(),
                "--tls-fingerprint", front.fingerprint());
        String url = awaitClientUrl();
        assertThat(out.toString()).contains(" -> wss://127.0.0.1:" + front.port()
                + " (TLS pinned to the certificate's SHA-256 fingerprint)");
        connectLink(url, TOKEN);

        awaitOut("peer_hello_ok        #1 hello-ok from 2026.9.6-sim");
        ctrlC.press();
        assertThat(command.get(15, SECONDS)).as("stderr: %s", err).isZero();
        assertThat(out.toString()).doesNotContain("error ").doesNotContain(TOKEN);
    }

    @Test
    void anUnpinnedSelfSignedWssTargetIsRefusedAndTheConsoleSaysWhy() throws Exception {
        TlsFront front = simulatorBehindTls();
        CompletableFuture<Integer> command = start(Map.of(), "observe", "--target", "wss://127.0.0.1:" + front.port());
        connectLink(awaitClientUrl(), TOKEN);

        awaitOut("error                tls: TLS bridge: refused the certificate of 127.0.0.1:" + front.port()
                + ": it is not trusted (self-signed or from an unknown authority); if you trust it, pin it with "
                + "--tls-fingerprint");
        ctrlC.press();
        assertThat(command.get(15, SECONDS)).as("stderr: %s", err).isZero();
        assertThat(out.toString()).contains("peer_disconnect").doesNotContain("peer_hello_ok");
    }

    @Test
    void typedLinesAreAppliedOrRejectedAndTheEndOfInputStops() {
        int code = run("bogus\n\n# a comment\nfreeze 1s\nrestart\nrestart 1000-2000\ndelay 0-2000\nheal\n", "observe",
                "--target", "ws://127.0.0.1:9");

        assertThat(code).as("stderr: %s", err).isZero();
        assertThat(out.toString()).contains("fault applied: freeze for 1000ms", "fault applied: delay 0-2000ms",
                "fault applied: heal",
                "observer stopped (end of input)");
        assertThat(err.toString().lines().toList()).containsExactly(
                "error: unknown fault 'bogus'; use one of: freeze [DURATION], stall-upgrade [N], "
                        + "drop-pongs [DURATION], restart MS, unavailable MS, auth-reject, pass, blackhole [DURATION], "
                        + "reset, delay MS|MIN-MAX [DURATION], throttle BYTES_PER_S [DURATION], refuse [DURATION], heal",
                "error: restart needs one time, e.g. restart 5000 or restart 5s",
                "error: restart needs a positive time, e.g. restart 5000 or restart 5s");
        assertThat(out.toString()).doesNotContain("client token");
    }

    @Test
    void withADurationTheEndOfInputDoesNotStopIt() {
        long started = System.nanoTime();
        int code = run("", "observe", "--target", "ws://127.0.0.1:9", "--duration", "700ms");

        assertThat(code).as("stderr: %s", err).isZero();
        assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(Duration.ofMillis(700).toNanos());
        assertThat(out.toString()).endsWith("observer stopped (after 700ms)" + System.lineSeparator());
    }

    @Test
    void anIpv6LoopbackListenPrintsAUrlWithTheHostInBrackets() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            assertThat(probe.getLocalPort()).isPositive();
        } catch (IOException noIpv6) {
            org.junit.jupiter.api.Assumptions.abort("no IPv6 loopback here: " + noIpv6.getMessage());
        }
        assertThat(run("", "observe", "--listen", "[::1]:0", "--target", "sim", "--duration", "100ms")).isZero();

        assertThat(out.toString()).containsPattern("client URL: ws://\\[0:0:0:0:0:0:0:1]:\\d+\\R");
    }

    @Test
    void withDurationZeroOnlyCtrlCStopsIt() throws Exception {
        CompletableFuture<Integer> command = start(Map.of(),
                "observe", "--target", "ws://127.0.0.1:9", "--duration", "0");
        type("freeze 200ms");
        typing.close();
        awaitOut("fault_injected       heal");

        assertThat(command).as("the end of input came before the heal").isNotDone();
        ctrlC.press();
        assertThat(command.get(15, SECONDS)).as("stderr: %s", err).isZero();
        assertThat(out.toString()).endsWith("observer stopped (Ctrl-C)" + System.lineSeparator());
    }

    @Test
    void aWsTargetIsRelayedAsItIs() throws Exception {
        SimGateway sim = SimGateway.start(SimConfig.defaults(TOKEN));
        toClose.add(sim);
        CompletableFuture<Integer> command = start(Map.of(), "observe", "--target", "ws://127.0.0.1:" + sim.port());
        connectLink(awaitClientUrl(), TOKEN);

        awaitOut("peer_hello_ok        #1 hello-ok from 2026.9.6-sim");
        type("restart 500");
        awaitOut("peer_hello_ok        #2");
        ctrlC.press();
        assertThat(command.get(15, SECONDS)).as("stderr: %s", err).isZero();
        assertThat(out.toString())
                .containsPattern("observer listening on ws://127\\.0\\.0\\.1:\\d+ -> ws://127\\.0\\.0\\.1:" + sim.port() + "\\R")
                .contains("peer_event           #1 shutdown seq 1, back in about 500 ms (sent by the observer)")
                .doesNotContain("client token").doesNotContain(TOKEN);
        assertThat(sim.handshakes()).as("the simulator itself was not restarted: both handshakes reached it")
                .isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--listen 127.0.0.1:0                             | Missing required option: '--target=TARGET'",
        "--listen 0.0.0.0:0 --target sim                  | --listen must be a loopback address such as 127.0.0.1, not 0.0.0.0:0",
        "--listen 192.0.2.1:18790 --target sim            | --listen must be a loopback address such as 127.0.0.1, not 192.0.2.1:18790",
        "--target http://127.0.0.1:18789                  | --target: the gateway URL must start with ws:// or wss:// (or sim)",
        "--target simulator                               | --target: the gateway URL must start with ws:// or wss:// (or sim)",
        "--target ws://8.8.8.8:18789                      | --target: refusing plaintext ws:// to the public host 8.8.8.8",
        "--target ws://127.0.0.1:18789/path               | --target: give only ws://HOST:PORT or wss://HOST:PORT",
        "--target ws://127.0.0.1:18790 --listen 127.0.0.1:18790 | --target is the observer's own --listen address",
        "--target sim --token-env T --token-file t.txt    | --token-env=VAR, --token-file=F are mutually exclusive",
        "--target ws://127.0.0.1:18789 --token-env T      | --token-env and --token-file set the simulator's token",
        "--target sim --token-env NOT_SET                 | --token-env: the variable NOT_SET is not set",
        "--target sim --tls-fingerprint ab                | --tls-fingerprint needs a wss:// target",
        "--target wss://127.0.0.1:18789 --tls-fingerprint ab | --tls-fingerprint: a TLS fingerprint is 64 hex digits",
        "--target sim --duration soon                     | expected a duration"
    })
    void badArgumentsAreUsageErrorsWithExitCode2(String args, String message) {
        String[] words = ("observe " + args.strip()).split("\\s+");

        assertThat(run(Map.of("T", TOKEN), "", words)).isEqualTo(2);

        assertThat(err.toString()).contains(message).contains("Usage: clawscope observe");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aPortInUseIsReportedWithExitCode1() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            assertThat(run("", "observe", "--listen", "127.0.0.1:" + port, "--target", "sim")).isEqualTo(1);

            assertThat(err.toString()).startsWith("error: cannot listen on 127.0.0.1:" + port + ": ");
        }
        assertThat(threads()).isEmpty();
    }

    @Test
    void helpListsTheFaultsAnExampleAndTheExitCodes() {
        assertThat(run("", "observe", "--help")).isZero();

        String help = out.toString();
        assertThat(help).startsWith("Usage: clawscope observe")
                .contains("--listen=HOST:PORT", "127.0.0.1:0).", "--target=TARGET", "--tls-fingerprint")
                .contains("freeze [DURATION]", "stall-upgrade [N]", "drop-pongs [DURATION]", "restart MS",
                        "unavailable MS", "auth-reject", "blackhole [DURATION]", "throttle BYTES_PER_S")
                .contains("clawscope observe --listen 127.0.0.1:18790 --target sim --out proof")
                .contains("0   stopped by Ctrl-C, --duration or the end of input")
                .contains("2   usage error");
        assertThat(help.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private void connectLink(String url, String token) {
        LinkConfig config = LinkConfig.defaults(GatewayAddress.parse(url, false), Secret.of(token),
                ClientInfo.of(ClientId.CLI, ClientMode.CLI, "0.1.0-test", "linux"), List.of("operator.read"));
        linkJournal = new Journal();
        link = GatewayLink.create(config, linkJournal, DeviceIdentity.generate(), DeviceTokenStore.inMemory(),
                Optional.empty());
        link.connect();
    }

    /** The simulator behind a TLS server with a fresh self-signed certificate: a wss:// gateway. */
    private TlsFront simulatorBehindTls() throws Exception {
        SimGateway sim = SimGateway.start(SimConfig.defaults(TOKEN));
        toClose.add(sim);
        TlsFront front = TlsFront.start(dir, new InetSocketAddress("127.0.0.1", sim.port()));
        toClose.add(front);
        return front;
    }

    private String awaitClientUrl() {
        await().atMost(WAIT).until(() -> CLIENT_URL.matcher(out.toString()).find() || !err.toString().isEmpty());
        Matcher m = CLIENT_URL.matcher(out.toString());
        assertThat(m.find()).as("stderr: %s", err).isTrue();
        return m.group(1);
    }

    private void awaitOut(String text) {
        await().atMost(WAIT).alias(text).until(() -> out.toString().contains(text));
    }

    private List<String> lines(String containing) {
        return out.toString().lines().filter(l -> l.contains(containing)).toList();
    }

    private void type(String line) throws IOException {
        typing.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        typing.flush();
    }

    private CompletableFuture<Integer> start(Map<String, String> env, String... args) throws IOException {
        PipedInputStream stdin = new PipedInputStream(typing);
        toClose.add(stdin);
        return CompletableFuture.supplyAsync(() -> run(env, stdin, args));
    }

    private int run(String stdin, String... args) {
        return run(Map.of(), stdin, args);
    }

    private int run(Map<String, String> env, String stdin, String... args) {
        return run(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
    }

    private int run(Map<String, String> env, InputStream stdin, String... args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == ObserveCommand.class
                        ? type.cast(new ObserveCommand(stdin, ctrlC, env::get))
                        : CommandLine.defaultFactory().create(type);
            }
        };
        return ClawscopeCommand.run(args, () -> {
            throw new AssertionError("a command must not open the window");
        }, factory, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static List<String> threads() {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(name -> name.startsWith("fault-proxy-") || name.startsWith("observer-")
                        || name.startsWith("tls-bridge-") || name.equals("clawscope-observe-console"))
                .toList();
    }
}
