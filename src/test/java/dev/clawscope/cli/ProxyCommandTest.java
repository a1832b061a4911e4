package dev.clawscope.cli;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code clawscope proxy} through the root command, with scripted standard input and a fake Ctrl-C. */
@Timeout(20)
class ProxyCommandTest {

    private static final String FAULTS = "faults: pass, blackhole [DURATION], reset, delay MS|MIN-MAX [DURATION], "
            + "throttle BYTES_PER_S [DURATION], refuse [DURATION], heal";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final FakeCtrlC ctrlC = new FakeCtrlC();

    @Test
    void aScriptedSessionAppliesGoodLinesReportsBadOnesAndStopsAtTheEnd() {
        int code = run("blackhole 1s\nbogus\n\ndelay 0-2000\nheal\n", "proxy", "--target", "127.0.0.1:18789");

        assertEquals(0, code, err::toString);
        List<String> lines = out.toString().lines().toList();
        assertEquals(6, lines.size(), out::toString);
        assertTrue(lines.get(0).matches("proxy listening on 127\\.0\\.0\\.1:\\d+ -> 127\\.0\\.0\\.1:18789"), lines.get(0));
        assertFalse(lines.get(0).contains(":0 "), "the real port is printed");
        assertEquals(List.of(FAULTS, "fault applied: blackhole for 1s", "fault applied: delay 0-2000ms",
                "fault applied: heal", "proxy stopped"), lines.subList(1, 6));
        assertEquals("error: unknown fault 'bogus'; use one of: " + FAULTS.substring("faults: ".length()),
                err.toString().strip());
        assertTrue(ctrlC.released.get(), "the Ctrl-C trap is removed on the way out");
        assertTrue(proxyThreads().isEmpty(), "no proxy thread outlives the command");
    }

    @Test
    void printsEachExpiryAndStopsCleanlyOnCtrlC() throws Exception {
        PipedOutputStream typing = new PipedOutputStream();
        try (PipedInputStream stdin = new PipedInputStream(typing)) {
            CompletableFuture<Integer> command = CompletableFuture.supplyAsync(
                    () -> run(stdin, "proxy", "--listen", "localhost:0", "--target", "localhost:18789"));

            typing.write("refuse 200ms\n".getBytes(StandardCharsets.UTF_8));
            typing.flush();
            await().atMost(5, SECONDS).until(() -> out.toString().contains("fault expired: refuse for 200ms, back to pass"));
            ctrlC.press();

            assertEquals(0, command.get(5, SECONDS), err::toString);
            assertTrue(out.toString().contains("fault applied: refuse for 200ms"), out::toString);
            assertTrue(out.toString().endsWith("proxy stopped" + System.lineSeparator()), out::toString);
            assertTrue(proxyThreads().isEmpty(), "no proxy thread outlives the command");
        } finally {
            typing.close();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--listen 127.0.0.1:0               | Missing required option: '--target=HOST:PORT'",
        "--target nope                      | Invalid value for option '--target': expected HOST:PORT, e.g. 127.0.0.1:18789, got 'nope'",
        "--target 127.0.0.1:70000           | Invalid value for option '--target': port must be a number from 0 to 65535, got '70000'",
        "--target 127.0.0.1:-1              | Invalid value for option '--target': port must be a number from 0 to 65535, got '-1'",
        "--target ::1:80                    | Invalid value for option '--target': write an IPv6 host in brackets, e.g. [::1]:18789, got '::1:80'",
        "--target 127.0.0.1:0               | --target needs a port from 1 to 65535",
        "--listen 0.0.0.0:0 --target [::1]:80 | --listen must be a loopback address such as 127.0.0.1, not 0.0.0.0:0",
        "--target 127.0.0.1:80 extra        | Unmatched argument at index 3: 'extra'"
    })
    void badArgumentsPrintTheUsageAndExitWith2(String args, String message) {
        String[] words = ("proxy " + args.strip()).split(" ");

        assertEquals(2, run("", words));

        assertTrue(err.toString().startsWith(message + System.lineSeparator()), err::toString);
        assertTrue(err.toString().contains("Usage: clawscope proxy"), err::toString);
        assertEquals("", out.toString());
    }

    @Test
    void aPortInUseIsReportedWithExitCode1() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            assertEquals(1, run("", "proxy", "--listen", "127.0.0.1:" + port, "--target", "127.0.0.1:18789"));

            assertTrue(err.toString().startsWith("error: cannot listen on 127.0.0.1:" + port + ": "), err::toString);
        }
    }

    @Test
    void helpExplainsFaultsAndDurations() {
        assertEquals(0, run("", "proxy", "--help"));

        String help = out.toString();
        assertTrue(help.startsWith("Usage: clawscope proxy"), help);
        assertTrue(help.contains("--listen=HOST:PORT"), help);
        assertTrue(help.contains("(default: 127.0.0.1:0)"), help);
        assertTrue(help.contains("blackhole [DURATION]"), help);
        assertTrue(help.contains("a bare number is seconds (blackhole 30 = 30s)"), help);
        assertTrue(help.contains("number is milliseconds"), help);
        assertTrue(help.contains("usage error (bad option or address)"), help);
    }

    private int run(String stdin, String... args) {
        return run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
    }

    private int run(InputStream stdin, String... args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == ProxyCommand.class
                        ? type.cast(new ProxyCommand(stdin, ctrlC))
                        : CommandLine.defaultFactory().create(type);
            }
        };
        return ClawscopeCommand.run(args, () -> {
            throw new AssertionError("a command must not open the window");
        }, factory, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static List<String> proxyThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(name -> name.startsWith("fault-proxy-"))
                .toList();
    }
}
