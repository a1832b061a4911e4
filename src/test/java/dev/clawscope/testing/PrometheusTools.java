package dev.clawscope.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the {@code prometheus} and {@code promtool} programs of Debian's {@code prometheus}
 * package, which {@code .ci/run} installs.
 *
 * <p>What a test gets when one is missing: with the {@code CI} environment variable set (to
 * anything not blank) the test <em>fails</em>, because CI is meant to install the package and a
 * silently skipped metrics test would hide that it did not; without it (a developer's machine) the
 * test is <em>skipped</em> with a message saying what to install.
 */
final class PrometheusTools {

    /** How many bytes of a program's output or a log's tail a failure message carries at most. */
    static final int TAIL_BYTES = 8 * 1024;

    private PrometheusTools() {
    }

    /** The program's path: {@code /usr/bin/NAME}, else the first executable {@code NAME} on {@code PATH}. */
    static Optional<Path> locate(String name) {
        Path debian = Path.of("/usr/bin", name);
        if (Files.isExecutable(debian)) {
            return Optional.of(debian);
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(java.io.File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /**
     * The program's path; when it is missing, fails the calling test under CI and skips it
     * elsewhere (see the class comment).
     */
    static Path require(String name) {
        Optional<Path> found = locate(name);
        if (found.isPresent()) {
            return found.get();
        }
        String why = name + " is not installed (Debian: apt-get install --no-install-recommends prometheus)";
        String ci = System.getenv("CI");
        if (ci != null && !ci.isBlank()) {
            throw new AssertionError(why + "; CI installs it in .ci/run, so this run is broken");
        }
        Assumptions.abort(why + "; skipping a test that needs it");
        throw new AssertionError("unreachable");
    }

    /** Reads at most {@code limit} bytes; more is an error naming {@code what}, not an unbounded buffer. */
    static byte[] readBounded(InputStream in, int limit, String what) throws IOException {
        byte[] bytes = in.readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw new IOException(what + " is longer than " + limit + " bytes");
        }
        return bytes;
    }

    /** The last lines of a text file, from at most its last {@link #TAIL_BYTES} bytes. */
    static String tail(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return "(" + file + " does not exist)";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long from = Math.max(0, raf.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (raf.length() - from)];
            raf.seek(from);
            raf.readFully(bytes);
            List<String> all = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
    }
}
