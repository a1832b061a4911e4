package dev.clawscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code clawscope redact} through the root command, with files and scripted standard input. */
@Timeout(20)
class RedactCommandTest {

    private static final String UNPARSEABLE = "{\"type\":\"redacted_line\",\"reason\":\"unparseable\"}";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    @Test
    void redactsStandardInputWhenNoFileIsGiven() {
        int code = run("{\"seq\":1,\"token\":\"abc\"}\nAuthorization: Bearer xyz\n{oops\n", "redact");

        assertEquals(0, code, err::toString);
        assertEquals(List.of("{\"seq\":1,\"token\":\"<redacted>\"}", "Authorization: <redacted>", UNPARSEABLE), outLines());
        assertEquals("", err.toString());
    }

    @Test
    void redactsFilesInOrderWithPseudonymsSharedAcrossThem() throws IOException {
        Path first = write("a.jsonl", "{\"deviceId\":\"dev-1\",\"type\":\"x\"}");
        Path second = write("b.log", "seen deviceId=dev-1 at /home/alice/x");

        assertEquals(0, run("", "redact", first.toString(), second.toString()), err::toString);

        List<String> lines = outLines();
        assertEquals(2, lines.size(), out::toString);
        String pseudonym = lines.get(0).substring("{\"deviceId\":\"".length(), "{\"deviceId\":\"".length() + 13);
        assertTrue(pseudonym.matches("device#[0-9a-f]{6}"), pseudonym);
        assertEquals("seen deviceId=" + pseudonym + " at ~/x", lines.get(1));
    }

    @Test
    void eachRunHasItsOwnKey() throws IOException {
        Path file = write("a.jsonl", "{\"deviceId\":\"dev-1\"}");
        run("", "redact", file.toString());
        String first = out.toString();
        out.getBuffer().setLength(0);
        run("", "redact", file.toString());
        // Two random 24-bit pseudonyms collide once in 16 million runs.
        assertTrue(!first.equals(out.toString()), first);
    }

    @Test
    void aDashReadsStandardInputBetweenFiles() throws IOException {
        Path file = write("a.txt", "password=p1");

        assertEquals(0, run("nonce=n1\n", "redact", file.toString(), "-"), err::toString);

        assertEquals(List.of("password=<redacted>", "nonce=<redacted>"), outLines());
    }

    @Test
    void optionalRulesAreOffUnlessAsked() {
        String input = "from 10.0.0.5 to wss://gateway.example.com/ and 127.0.0.1\n";

        assertEquals(0, run(input, "redact"));
        assertEquals(List.of(input.strip()), outLines());

        out.getBuffer().setLength(0);
        assertEquals(0, run(input, "redact", "--ips", "--hosts"));
        assertEquals(List.of("from <ip> to wss://<host>/ and 127.0.0.1"), outLines());
    }

    @Test
    void aMissingFileIsReportedTheOthersAreStillRedactedAndTheExitCodeIs1() throws IOException {
        Path good = write("good.txt", "token=abc");
        Path missing = dir.resolve("missing.jsonl");

        assertEquals(1, run("", "redact", missing.toString(), good.toString()));

        assertEquals("error: no such file: " + missing + System.lineSeparator(), err.toString());
        assertEquals(List.of("token=<redacted>"), outLines());
    }

    @Test
    void aDirectoryIsReportedWithExitCode1() {
        assertEquals(1, run("", "redact", dir.toString()));
        assertTrue(err.toString().startsWith("error: cannot read " + dir + ": "), err::toString);
    }

    @Test
    void aBadOptionIsAUsageErrorWithExitCode2() {
        assertEquals(2, run("", "redact", "--no-such-option"));

        assertTrue(err.toString().startsWith("Unknown option: '--no-such-option'"), err::toString);
        assertTrue(err.toString().contains("Usage: clawscope redact"), err::toString);
        assertEquals("", out.toString());
    }

    @Test
    void helpDescribesFilesOptionsAndExitCodes() {
        assertEquals(0, run("", "redact", "--help"));

        String help = out.toString();
        assertTrue(help.startsWith("Usage: clawscope redact"), help);
        assertTrue(help.contains("--ips"), help);
        assertTrue(help.contains("--hosts"), help);
        assertTrue(help.contains("'-' or no file reads standard input"), help);
        assertTrue(help.contains("redacted_line"), help);
        assertTrue(help.contains("a file could not be read"), help);
    }

    @Test
    void theRootHelpListsTheCommand() {
        assertEquals(0, ClawscopeCommand.run(new String[] {"--help"}, () -> 0, new PrintWriter(out, true),
                new PrintWriter(err, true)));
        assertTrue(out.toString().contains("redact"), out::toString);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content + "\n", StandardCharsets.UTF_8);
    }

    private List<String> outLines() {
        return out.toString().lines().toList();
    }

    private int run(String stdin, String... args) {
        InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == RedactCommand.class
                        ? type.cast(new RedactCommand(in))
                        : CommandLine.defaultFactory().create(type);
            }
        };
        return ClawscopeCommand.run(args, () -> {
            throw new AssertionError("a command must not open the window");
        }, factory, new PrintWriter(out, true), new PrintWriter(err, true));
    }
}
