package dev.clawscope.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/** Finding the programs, and what a test gets when one is missing: a failure under CI, a skip elsewhere. */
class PrometheusToolsTest {

    private static final String MISSING = "clawscope-no-such-program";

    @Test
    void aMissingProgramFailsUnderCiAndSkipsElsewhere() {
        assertEquals(Optional.empty(), PrometheusTools.locate(MISSING));
        String ci = System.getenv("CI");
        boolean underCi = ci != null && !ci.isBlank();

        Throwable thrown = assertThrows(Throwable.class, () -> PrometheusTools.require(MISSING));

        assertEquals(underCi ? AssertionError.class : TestAbortedException.class, thrown.getClass(), thrown.toString());
        assertTrue(thrown.getMessage().contains("apt-get install --no-install-recommends prometheus"), thrown.getMessage());
    }

    @Test
    void readsAtMostTheLimit() throws IOException {
        byte[] ten = "0123456789".getBytes(StandardCharsets.US_ASCII);

        assertEquals(10, PrometheusTools.readBounded(new ByteArrayInputStream(ten), 10, "ten").length);
        IOException tooLong = assertThrows(IOException.class,
                () -> PrometheusTools.readBounded(new ByteArrayInputStream(ten), 9, "the answer"));
        assertTrue(tooLong.getMessage().contains("longer than 9 bytes"), tooLong.getMessage());
    }

    @Test
    void tailKeepsTheLastLines(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("prometheus.log");
        Files.writeString(log, "a\nb\nc\nd\n");

        assertEquals("c\nd", PrometheusTools.tail(log, 2));
        assertTrue(PrometheusTools.tail(dir.resolve("absent.log"), 2).contains("does not exist"));
    }
}
