package dev.clawscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A test's main class run in a JVM of its own, started with the options a launcher would give it. */
final class ChildJvm {

    private ChildJvm() {
    }

    /**
     * Runs {@code main} on this test run's class path under {@code options} and returns what it
     * printed, line by line, without blank lines and log lines; fails unless it exits 0 within a minute.
     */
    static List<String> run(Class<?> main, String... options) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child ended");
        assertEquals(0, p.exitValue(), out);
        return out.lines().filter(l -> !l.isBlank() && !l.contains("SLF4J") && !l.contains(" DEBUG ")).toList();
    }
}
