package dev.clawscope.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Child processes the benchmarks start and measure on Linux: a private environment, an Xvfb
 * display, CPU and memory from {@code /proc}, stopping, the tail of a log.
 */
final class ChildProcesses {

    private ChildProcesses() {
    }

    /**
     * A minimal environment: PATH and locale from this process, everything else (home, XDG
     * folders, Clawscope's folder) inside {@code home}; no D-Bus session, so no keyring is touched.
     */
    static Map<String, String> childEnvironment(Path home) throws IOException {
        Map<String, String> env = new HashMap<>();
        for (String keep : List.of("PATH", "LANG", "LC_ALL", "TZ")) {
            String value = System.getenv(keep);
            if (value != null) {
                env.put(keep, value);
            }
        }
        Path runtime = home.resolve("runtime");
        Files.createDirectories(runtime);
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------"));
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
        env.put("XDG_STATE_HOME", home.resolve(".local/state").toString());
        env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        env.put("XDG_RUNTIME_DIR", runtime.toString());
        env.put("CLAWSCOPE_HOME", home.resolve("clawscope").toString());
        return env;
    }

    /** An X server the benchmark started. */
    record Display(Process xvfb, int number) {
        String describe() {
            return "Xvfb :" + number + " 1600x1000x24";
        }

        String name() {
            return ":" + number;
        }
    }

    /**
     * Starts Xvfb on a display number with no socket or lock yet, and waits until it is ready:
     * {@code -displayfd} makes it write the number once it accepts connections; then its socket
     * must exist.
     */
    static Display startXvfb(Path xvfb, Path log) throws Exception {
        return startXvfb(xvfb, log, 90);
    }

    /** {@link #startXvfb(Path, Path)} on the first free display number from {@code from}. */
    static Display startXvfb(Path xvfb, Path log, int from) throws Exception {
        int number = IntStream.range(from, 200)
                .filter(n -> !Files.exists(Path.of("/tmp/.X11-unix/X" + n)) && !Files.exists(Path.of("/tmp/.X" + n + "-lock")))
                .findFirst().orElseThrow(() -> new IllegalStateException("no free X display number in " + from + "..199"));
        Process process = new ProcessBuilder(xvfb.toString(), ":" + number, "-screen", "0", "1600x1000x24",
                "-nolisten", "tcp", "-displayfd", "1").redirectError(log.toFile()).start();
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.US_ASCII))) {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String announced;
        try {
            announced = ready.get(20, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            stop(process);
            throw new IllegalStateException("Xvfb :" + number + " was not ready within 20 s" + tail(log));
        }
        Path socket = Path.of("/tmp/.X11-unix/X" + number);
        if (announced == null || !announced.strip().equals(Integer.toString(number)) || !Files.exists(socket)) {
            stop(process);
            throw new IllegalStateException("Xvfb :" + number + " did not start (announced " + announced + ", socket "
                    + (Files.exists(socket) ? "present" : "missing") + ")" + tail(log));
        }
        return new Display(process, number);
    }

    static Path onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        return Arrays.stream(path.split(File.pathSeparator)).filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, program)).filter(Files::isExecutable).findFirst().orElse(null);
    }

    /** utime + stime of a process in clock ticks, from {@code /proc/<pid>/stat}. */
    static long cpuTicks(long pid) throws IOException {
        return statTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII));
    }

    /** utime + stime of a {@code stat} line of {@code /proc/<pid>/stat} or {@code /proc/<pid>/task/<tid>/stat}. */
    static long statTicks(String stat) {
        // The command name (field 2) is in parentheses and may hold spaces; fields 3.. follow the last ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
    }

    /** A thread's name ({@code comm}, at most 15 bytes) and the CPU time it has run, in nanoseconds. */
    record ThreadCpu(String name, long nanos) {
    }

    /**
     * Every thread of a process by its id: its name (the text in parentheses of
     * {@code /proc/<pid>/task/<tid>/stat}) and its CPU time from {@code schedstat} (nanoseconds; a
     * thread's utime and stime are whole clock ticks, so hundreds of threads that each run less than
     * a tick in a window would all read 0), or from utime + stime where there is no {@code schedstat}.
     * A thread that ends while it is read is left out.
     */
    static Map<Long, ThreadCpu> threadCpu(long pid, long clockTicks) throws IOException {
        Map<Long, ThreadCpu> out = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    Path schedstat = task.resolve("schedstat");
                    long nanos = Files.exists(schedstat)
                            ? Long.parseLong(Files.readString(schedstat, StandardCharsets.US_ASCII).trim().split("\\s+")[0])
                            : statTicks(stat) * 1_000_000_000L / clockTicks;
                    out.put(Long.parseLong(task.getFileName().toString()), new ThreadCpu(name, nanos));
                } catch (java.nio.file.NoSuchFileException ended) {
                    // the thread ended between the listing and the read
                }
            }
        }
        return out;
    }

    /**
     * When a process started, in epoch milliseconds, to a clock tick: its {@code starttime} (ticks
     * after boot, {@code /proc/<pid>/stat}) on the boot time this clock gives with
     * {@code /proc/uptime}, which is finer than the whole seconds of {@code btime} in
     * {@code /proc/stat} that {@link ProcessHandle.Info#startInstant()} rests on.
     */
    static long startEpochMs(long pid, long clockTicks) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        long startTicks = Long.parseLong(fields[22 - 3]);
        String uptime = Files.readString(Path.of("/proc/uptime"), StandardCharsets.US_ASCII).trim().split("\\s+")[0];
        long bootEpochMs = System.currentTimeMillis() - Math.round(Double.parseDouble(uptime) * 1000);
        return bootEpochMs + startTicks * 1000 / clockTicks;
    }

    /** VmRSS of a process in MB (10^6 bytes), from {@code /proc/<pid>/status}. */
    static double rssMegabytes(long pid) throws IOException {
        return statusNumber(pid, "VmRSS:") * 1024 / 1e6;
    }

    /** The number of threads of a process, from {@code /proc/<pid>/status}. */
    static long threads(long pid) throws IOException {
        return statusNumber(pid, "Threads:");
    }

    /** The first number after {@code field} in {@code /proc/<pid>/status}. */
    private static long statusNumber(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.US_ASCII)) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IOException("no " + field + " for process " + pid);
    }

    /** The arguments of a running process, from {@code /proc/<pid>/cmdline}; empty when it is gone. */
    static List<String> commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            List<String> args = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == 0) {
                    args.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            if (start < raw.length) {
                args.add(new String(raw, start, raw.length - start, StandardCharsets.UTF_8));
            }
            return args;
        } catch (IOException e) {
            return List.of();
        }
    }

    static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (getconf.waitFor(10, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                return Long.parseLong(out);
            }
        } catch (IOException | NumberFormatException e) {
            // fall through to the usual value
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }

    /** Asks the process to end, then ends it by force if it has not within 10 s. */
    static void stop(Process process) {
        if (process != null) {
            stop(process.toHandle());
        }
    }

    /** Asks the process to end (SIGTERM), then ends it by force (SIGKILL) if it has not within 10 s. */
    static boolean stop(ProcessHandle process) {
        return stop(process, java.time.Duration.ofSeconds(10));
    }

    /** Asks the process to end (SIGTERM), then ends it by force (SIGKILL) if it has not within {@code wait}; whether it ended by itself. */
    static boolean stop(ProcessHandle process, java.time.Duration wait) {
        if (process == null || !process.isAlive()) {
            return true;
        }
        process.destroy();
        try {
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
            return false;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Completes when {@code check} holds, checked every 200 ms on {@code sampler}; cancel it to stop checking. */
    static CompletableFuture<Void> condition(BooleanSupplier check, ScheduledExecutorService sampler) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ScheduledFuture<?> checks = sampler.scheduleWithFixedDelay(() -> {
            try {
                if (check.getAsBoolean()) {
                    done.complete(null);
                }
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }, 0, 200, TimeUnit.MILLISECONDS);
        done.whenComplete((ok, error) -> checks.cancel(false));
        return done;
    }

    /** The last lines of a child's output (journal event lines and warnings; never the token). */
    static String tail(Path log) {
        return tail(log, 15);
    }

    /** The last {@code count} lines of a log, for a failure message. */
    static String tail(Path log, int count) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "; last output lines of " + log.getFileName() + ":\n  "
                    + String.join("\n  ", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
