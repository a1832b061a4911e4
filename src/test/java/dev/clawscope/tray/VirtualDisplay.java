package dev.clawscope.tray;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;

/**
 * A virtual X display ({@code Xvfb}) for tests that drive the real desktop, and the processes
 * started on it; closing it ends them, last started first. Where there is no Xvfb (or not Linux)
 * {@link #start} aborts the test as skipped, saying so.
 */
public final class VirtualDisplay implements AutoCloseable {

    private final List<Process> processes = new ArrayList<>();
    private String name;

    private VirtualDisplay() {
    }

    /** Whether {@code tool} is installed in {@code /usr/bin} or {@code /usr/local/bin}. */
    public static boolean installed(String tool) {
        return Files.isExecutable(Path.of("/usr/bin", tool)) || Files.isExecutable(Path.of("/usr/local/bin", tool));
    }

    /**
     * Starts Xvfb on a display number it picks itself and returns once it accepts clients (Xvfb
     * writes the number with {@code -displayfd} only then; a socket file can appear earlier); skips
     * the calling test where Xvfb is missing.
     */
    public static VirtualDisplay start() throws IOException, InterruptedException {
        Assumptions.assumeTrue(System.getProperty("os.name", "").startsWith("Linux") && installed("Xvfb"),
                "Xvfb is not installed (apt-get install xvfb); this test needs an X display");
        VirtualDisplay display = new VirtualDisplay();
        Process xvfb = display.start(new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1024x600x24",
                "-nolisten", "tcp").redirectError(ProcessBuilder.Redirect.DISCARD));
        CompletableFuture<String> number = CompletableFuture.supplyAsync(() -> {
            try {
                return new java.io.BufferedReader(new java.io.InputStreamReader(xvfb.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String n;
        try {
            n = number.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            n = null;
        }
        if (n == null || !n.strip().matches("\\d+")) {
            display.close();
            throw new AssertionError("Xvfb did not start (it said " + n + ")");
        }
        display.name = ":" + n.strip();
        return display;
    }

    /** The display, e.g. {@code :93}. */
    public String name() {
        return name;
    }

    /** Starts {@code command} on this display, its output discarded; it ends when the display closes. */
    public Process start(List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        return start(pb);
    }

    /** Starts {@code pb} with {@code DISPLAY} set to this display; it ends when the display closes. */
    public Process start(ProcessBuilder pb) throws IOException {
        if (name != null) {
            pb.environment().put("DISPLAY", name);
        }
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    /** Runs {@code command} on this display to its end (at most 10 s); its exit code, -1 when it did not end. */
    public int run(String... command) throws IOException, InterruptedException {
        return run(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD));
    }

    /** Runs {@code command} to its end (at most 10 s) and returns what it printed; fails when it fails. */
    public String output(String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("DISPLAY", name);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + ": " + out);
        return out;
    }

    private int run(ProcessBuilder pb) throws IOException, InterruptedException {
        pb.environment().put("DISPLAY", name);
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    /** Starts {@code trayer} as the tray host in the top right corner (the icon at about (1010, 13)) and waits for it. */
    public Process startTrayHost() throws IOException, InterruptedException {
        // trayer is not ours: when it quits at once (it did once in a CI run on a display just made,
        // exit 1), it is started again, at most three times, and its own words go into the failure.
        AssertionError last = null;
        for (int tries = 0; tries < 3; tries++) {
            Path said = Files.createTempFile("trayer", ".log");
            Process trayer = start(new ProcessBuilder("trayer", "--edge", "top", "--align", "right", "--widthtype",
                    "pixel", "--width", "120", "--height", "28", "--SetDockType", "true", "--transparent", "false")
                    .redirectErrorStream(true).redirectOutput(said.toFile()));
            try {
                waitForWindow("trayer", trayer);
                return trayer;
            } catch (AssertionError e) {
                String words = Files.readString(said, StandardCharsets.UTF_8).strip();
                last = new AssertionError(e.getMessage() + (words.isEmpty() ? "" : "; trayer said: " + words), last);
                if (trayer.isAlive()) {
                    throw last; // running but no window in 10 s: not a start that failed, so no second try
                }
            } finally {
                Files.deleteIfExists(said);
            }
        }
        throw last;
    }

    /** Waits up to 10 s for {@code owner} to map a window of {@code windowClass} (at once without xdotool). */
    public void waitForWindow(String windowClass, Process owner) throws IOException, InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until && owner.isAlive()) {
            if (!installed("xdotool") || run("xdotool", "search", "--class", windowClass) == 0) {
                return;
            }
            owner.waitFor(100, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError(windowClass + " did not map a window on " + name
                + (owner.isAlive() ? "" : " (it exited with " + owner.exitValue() + ")"));
    }

    @Override
    public void close() throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        processes.clear();
    }
}
