package dev.clawscope.cli;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code clawscope sim} through the root command, with a scripted console and a fake Ctrl-C. */
@Timeout(30)
class SimCommandTest {

    private static final Pattern URL = Pattern.compile("ws://127\\.0\\.0\\.1:(\\d+)");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final FakeCtrlC ctrlC = new FakeCtrlC();

    @TempDir
    Path data;

    @Test
    void printsItsUrlAnswersTheConsoleAndStopsOnCtrlC() throws Exception {
        PipedOutputStream typing = new PipedOutputStream();
        try (PipedInputStream stdin = new PipedInputStream(typing)) {
            CompletableFuture<Integer> command = CompletableFuture.supplyAsync(
                    () -> run(stdin, "sim", "--port", "0", "--tick-ms", "1000"));
            await().atMost(10, SECONDS).until(() -> URL.matcher(out.toString()).find());
            Matcher url = URL.matcher(out.toString());
            assertTrue(url.find());
            int port = Integer.parseInt(url.group(1));
            try (Socket probe = new Socket("127.0.0.1", port)) {
                assertTrue(probe.isConnected());
            }

            Path tokenFile = data.resolve("sim-token");
            assertTrue(out.toString().contains("token written to " + tokenFile), out::toString);
            String token = Files.readString(tokenFile).strip();
            assertEquals(48, token.length());
            assertFalse(out.toString().contains(token), "the generated token is never printed");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)));

            typing.write("status\nwhat\npending\n".getBytes(StandardCharsets.UTF_8));
            typing.flush();
            await().atMost(5, SECONDS).until(() -> out.toString().contains("no pending pairing requests"));
            assertTrue(out.toString().contains("clients 0, sockets"), out::toString);
            assertTrue(err.toString().contains("error: unknown command 'what'"), err::toString);

            ctrlC.press();
            assertEquals(0, command.get(10, SECONDS), err::toString);
            assertTrue(out.toString().endsWith("simulated gateway stopped" + System.lineSeparator()), out::toString);
            assertTrue(ctrlC.released.get());
            assertThrows(IOException.class, () -> new Socket("127.0.0.1", port).close(), "port closed after stop");
        } finally {
            typing.close();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--pairing sometimes | --pairing must be auto or manual, got 'sometimes'",
        "--port 70000        | --port must be from 0 to 65535, got 70000",
        "--tick-ms 0         | --tick-ms must be positive, got 0",
        "--token=            | --token must not be blank",
        "--port many         | Invalid value for option '--port'"
    })
    void badArgumentsAreUsageErrors(String args, String message) {
        assertEquals(2, run(InputStream.nullInputStream(), ("sim " + args).split(" ")));
        assertTrue(err.toString().contains(message), err::toString);
        assertTrue(err.toString().contains("Usage: clawscope sim"), err::toString);
    }

    private int run(InputStream stdin, String... args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == SimCommand.class
                        ? type.cast(new SimCommand(stdin, ctrlC, data))
                        : CommandLine.defaultFactory().create(type);
            }
        };
        return ClawscopeCommand.run(args, () -> {
            throw new AssertionError("a command must not open the window");
        }, factory, new PrintWriter(out, true), new PrintWriter(err, true));
    }
}
