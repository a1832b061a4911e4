package dev.clawscope.realgateway;

import dev.clawscope.protocol.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One real OpenClaw gateway process on 127.0.0.1, run by {@code scripts/real-gateway/gateway.sh}:
 * started in the foreground as a child of this JVM (so it is reaped here and dies with it, also
 * through the script's owner watchdog), signalled, stopped and started again on the same port and
 * state. Its console, with every WebSocket request it answered ({@code --ws-log compact}), is
 * appended to {@code console.log} in its state folder across restarts.
 */
public final class RealGateway implements AutoCloseable {

    static final Path SCRIPT = Path.of("scripts", "real-gateway", "gateway.sh").toAbsolutePath();
    static final Duration READY_TIMEOUT = Duration.ofSeconds(150);
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
    private static final Pattern READY_AT = Pattern.compile("at-ms=(\\d+)");
    private static final Pattern ANSWERED = Pattern.compile("\\[ws] ⇄ res [✓✗] (\\S+)");

    private final Path state;
    private final int port;
    private Process process;
    private final List<Duration> startupTimes = new ArrayList<>();

    private RealGateway(Path state, int port) {
        this.state = state;
        this.port = port;
    }

    /** A gateway with a fresh state folder and a free loopback port, not yet started. */
    public static RealGateway prepare(Path state) throws IOException {
        if (Files.exists(state)) {
            try (var walk = Files.walk(state)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(state);
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new RealGateway(state, probe.getLocalPort());
        }
    }

    public String url() {
        return "ws://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The gateway's random token, written by the script into the state folder (0600). */
    public Secret token() {
        try {
            return Secret.of(Files.readString(state.resolve("token"), StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("the gateway has no token yet; start it first", e);
        }
    }

    public Path stateDir() {
        return state;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("not started");
        }
        return process.pid();
    }

    /** How long each start took until a hello-ok, in order. */
    public synchronized List<Duration> startupTimes() {
        return List.copyOf(startupTimes);
    }

    /** Starts the gateway and returns once it answers a handshake with hello-ok. */
    public synchronized Duration start() throws IOException, InterruptedException {
        if (isRunning()) {
            throw new IllegalStateException("already running as pid " + process.pid());
        }
        long t0 = System.nanoTime();
        Path console = state.resolve("console.log");
        ProcessBuilder run = new ProcessBuilder(SCRIPT.toString(), "run", "--state", state.toString(),
                "--port", Integer.toString(port), "--owner-pid", Long.toString(ProcessHandle.current().pid()),
                "--ws-log", "compact")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()));
        process = run.start();
        // The handshake probe retries until hello-ok; stop waiting at once if the gateway exits.
        Process ready = Script.launch("ready", "--state", state.toString(), "--port", Integer.toString(port),
                "--wait", Long.toString(READY_TIMEOUT.toSeconds()));
        var readyOutput = Script.drain(ready);
        long deadline = System.nanoTime() + READY_TIMEOUT.plusSeconds(10).toNanos();
        while (!ready.waitFor(250, TimeUnit.MILLISECONDS)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                ready.descendants().forEach(ProcessHandle::destroyForcibly);
                ready.destroyForcibly();
                ready.waitFor();
                break;
            }
        }
        if (ready.exitValue() != 0 || !process.isAlive()) {
            String why = process.isAlive() ? "no hello-ok within " + READY_TIMEOUT.toSeconds() + " s"
                    : "the gateway exited with code " + process.waitFor() + " while starting";
            kill();
            throw new IllegalStateException("real gateway did not start: " + why + "\n"
                    + readyOutput.completeOnTimeout("", 2, TimeUnit.SECONDS).join()
                    + "\n--- last lines of " + console + " ---\n" + tail(consoleLines(), 25));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        startupTimes.add(took);
        return took;
    }

    /**
     * Waits for the gateway to answer a fresh handshake with hello-ok, probing every
     * {@code pollEvery}, and returns the wall-clock milliseconds of that hello-ok (the moment a
     * client could first get in, to within one poll).
     */
    public long awaitHelloOk(Duration pollEvery, Duration timeout) throws IOException, InterruptedException {
        Script probe = Script.run(timeout.plusSeconds(10), Map.of("READY_POLL_MS", Long.toString(pollEvery.toMillis())),
                "ready", "--state", state.toString(), "--port", Integer.toString(port),
                "--wait", Long.toString(timeout.toSeconds()));
        Matcher at = READY_AT.matcher(probe.output());
        if (!probe.ok() || !at.find()) {
            throw new IllegalStateException("no hello-ok from the real gateway within " + timeout.toSeconds() + " s: "
                    + probe.output());
        }
        return Long.parseLong(at.group(1));
    }

    /** Starts it when it is not running (a test before this one stopped it). */
    public synchronized void ensureRunning() throws IOException, InterruptedException {
        if (!isRunning()) {
            start();
        }
    }

    /**
     * Sends {@code USR2} (in-process restart, same pid), {@code STOP}/{@code CONT} (to the whole
     * process group), {@code TERM} or {@code KILL}.
     */
    public void signal(String signal) throws IOException, InterruptedException {
        if (!isRunning()) {
            throw new IllegalStateException("not running");
        }
        Script sent = Script.run(Duration.ofSeconds(10), "signal", "--state", state.toString(), signal);
        if (!sent.ok()) {
            throw new IllegalStateException("could not send SIG" + signal + ": " + sent.output());
        }
    }

    /** SIGTERM and wait for the process to end (the script escalates to SIGKILL after 30 s). */
    public Duration stop() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Script stopped = Script.run(Duration.ofSeconds(45), "stop", "--state", state.toString());
        Process p;
        synchronized (this) {
            p = process;
        }
        if (p != null && !p.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("still running after stop: " + stopped.output());
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** SIGKILL the process group and reap it. */
    public void kill9() throws IOException, InterruptedException {
        signal("KILL");
        Process p;
        synchronized (this) {
            p = process;
        }
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("pid " + p.pid() + " survived SIGKILL");
        }
    }

    /** The console so far, without colour codes. */
    public List<String> consoleLines() {
        try {
            Path console = state.resolve("console.log");
            if (!Files.exists(console)) {
                return List.of();
            }
            return Files.readAllLines(console, StandardCharsets.UTF_8).stream()
                    .map(line -> ANSI.matcher(line).replaceAll(""))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Methods the gateway answered, one entry per answer, from its WebSocket log. */
    public List<String> methodsAnswered() {
        return methodsAnswered(consoleLines());
    }

    static List<String> methodsAnswered(List<String> console) {
        List<String> methods = new ArrayList<>();
        for (String line : console) {
            Matcher m = ANSWERED.matcher(line);
            if (m.find()) {
                methods.add(m.group(1));
            }
        }
        return methods;
    }

    /** Lines of the gateway's WebSocket log that record a socket it accepted. */
    public long socketsOpened() {
        return consoleLines().stream().filter(line -> line.contains("[ws] ← open")).count();
    }

    /** Ends the gateway whatever its state (stopped ones too) and reaps it and its children. */
    @Override
    public synchronized void close() throws InterruptedException {
        kill();
    }

    private void kill() throws InterruptedException {
        if (process == null) {
            return;
        }
        Process p = process;
        if (p.isAlive()) {
            List<ProcessHandle> children = p.descendants().toList();
            // The gateway leads its own process group; a stopped group must be continued to die cleanly.
            sh("kill -CONT -- -" + p.pid() + " 2>/dev/null; kill -KILL -- -" + p.pid() + " 2>/dev/null; true");
            p.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gateway pid " + p.pid() + " did not die");
            }
            for (ProcessHandle child : children) {
                child.onExit().orTimeout(15, TimeUnit.SECONDS).exceptionally(t -> child).join();
            }
        }
    }

    private static void sh(String command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String tail(List<String> lines, int n) {
        return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }

    /** One run of the script with its merged output. */
    record Script(int exitCode, String output) {

        boolean ok() {
            return exitCode == 0;
        }

        static Script run(Duration timeout, String... args) throws IOException, InterruptedException {
            return run(timeout, Map.of(), args);
        }

        /** With {@code env} added to the script's environment. */
        static Script run(Duration timeout, Map<String, String> env, String... args)
                throws IOException, InterruptedException {
            Process p = launch(env, args);
            var output = drain(p);
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
                return new Script(-1, "gateway.sh " + args[0] + " did not finish within " + timeout.toSeconds()
                        + " s\n" + output.completeOnTimeout("", 2, TimeUnit.SECONDS).join());
            }
            return new Script(p.exitValue(), output.join().strip());
        }

        static Process launch(String... args) throws IOException {
            return launch(Map.of(), args);
        }

        static Process launch(Map<String, String> env, String... args) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(SCRIPT.toString());
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(env);
            return builder.start();
        }

        /** Collects the merged output on a daemon thread, so a chatty script never blocks on its pipe. */
        static CompletableFuture<String> drain(Process p) {
            CompletableFuture<String> output = new CompletableFuture<>();
            Thread pump = new Thread(() -> {
                try {
                    output.complete(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    output.complete("(output unreadable: " + e.getMessage() + ")");
                }
            }, "gateway.sh output");
            pump.setDaemon(true);
            pump.start();
            return output;
        }
    }
}
