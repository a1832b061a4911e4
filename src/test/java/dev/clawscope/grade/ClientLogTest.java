package dev.clawscope.grade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawscope.journal.RedactionRules;
import dev.clawscope.journal.Redactor;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientLogTest {

    private static final String TOKEN = "c0ffee-not-hex-token-7";
    private static final Redactor REDACTOR = Redactor.withRandomKey(RedactionRules.defaults());

    @TempDir
    Path dir;

    @Test
    void theTokensHandedOutNeverReachTheLog() throws Exception {
        Path file = dir.resolve("c").resolve("client.log");
        try (ClientLog log = new ClientLog(file, REDACTOR, List.of(TOKEN, "wrong-one-44"), 1 << 20)) {
            log.pump(stream("connecting with " + TOKEN + "\r\nretry with wrong-one-44\n"
                    + "{\"auth\":{\"password\":\"hunter2\"}}\nno newline at the end"), "[1] ");
        }
        assertThat(Files.readAllLines(file)).containsExactly("[1] connecting with <redacted>",
                "[1] retry with <redacted>", "[1] {\"auth\":{\"password\":\"<redacted>\"}}", "[1] no newline at the end");
    }

    @Test
    void aLongLineIsCutWithoutLeavingTheStartOfAToken() throws Exception {
        Path file = dir.resolve("client.log");
        String line = "x".repeat(ClientLog.MAX_LINE_CHARS - 5) + TOKEN + " and more";
        try (ClientLog log = new ClientLog(file, REDACTOR, List.of(TOKEN), 1 << 20)) {
            log.pump(stream(line + "\nnext\n"), "");
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo("x".repeat(ClientLog.MAX_LINE_CHARS - 5) + " [line cut at 4096 characters]");
        assertThat(lines.get(1)).isEqualTo("next");
    }

    @Test
    void theFileIsBoundedAndSaysWhatItLeftOut() throws Exception {
        Path file = dir.resolve("client.log");
        try (ClientLog log = new ClientLog(file, REDACTOR, List.of(TOKEN), 100)) {
            log.pump(stream("line of twenty chars\n".repeat(20)), "");
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(5);
        assertThat(lines.get(4)).isEqualTo("[16 more lines not kept: client.log is bounded at 100 bytes]");
        assertThat(Files.size(file)).isLessThan(200);
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
