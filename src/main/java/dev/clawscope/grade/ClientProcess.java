package dev.clawscope.grade;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One process of the client under test and everything it started. Its output (stdout and stderr
 * merged) goes line by line into a {@link ClientLog} on a thread of its own; its standard input is
 * an open pipe until it is stopped, so a client that ends at the end of its input keeps running.
 * Stopping sends SIGTERM to the whole tree (children first collected, so that none is lost when
 * its parent ends), then kills what is left after the grace period.
 */
final class ClientProcess {

    private static final Logger LOG = LoggerFactory.getLogger(ClientProcess.class);
    /** Processes started and not yet stopped: killed with their trees if the grader itself is ended. */
    private static final Set<ClientProcess> LIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();

    private final Process process;
    private final long startedNanos;
    private final Thread reader;
    private final Set<ProcessHandle> signalled = new LinkedHashSet<>();

    private ClientProcess(Process process, long startedNanos, Thread reader) {
        this.process = process;
        this.startedNanos = startedNanos;
        this.reader = reader;
    }

    /**
     * Starts {@code line} through the platform's shell with {@code extraEnv} added to this process's
     * environment; {@code name} names the output thread, {@code prefix} starts each logged line.
     */
    static ClientProcess start(String line, Map<String, String> extraEnv, ClientLog log, String name, String prefix)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(ClientCommand.shell(line)).redirectErrorStream(true);
        builder.environment().putAll(extraEnv);
        long started = System.nanoTime();
        Process process = builder.start();
        Thread reader = new Thread(() -> log.pump(process.getInputStream(), prefix), name);
        reader.setDaemon(true);
        reader.start();
        ClientProcess client = new ClientProcess(process, started, reader);
        if (HOOKED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(ClientProcess::killAll, "grade-client-cleanup"));
        }
        LIVE.add(client);
        return client;
    }

    /** Kills every client tree still running, when the grader's JVM ends before its checks did. */
    private static void killAll() {
        for (ClientProcess client : LIVE) {
            client.tree().forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** {@link System#nanoTime()} just before the process was started. */
    long startedNanos() {
        return startedNanos;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The exit code, once the process has ended. */
    OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** Runs {@code action} when the process ends. */
    void onExit(Runnable action) {
        process.onExit().thenRun(action);
    }

    /** Sends SIGTERM (on Windows: ends) to the process and every descendant alive now. */
    synchronized void terminate() {
        List<ProcessHandle> tree = tree();
        signalled.addAll(tree);
        for (ProcessHandle handle : tree) {
            handle.destroy();
        }
    }

    /** {@link #terminate()}, then kills whatever of the tree is still alive after {@code grace}; bounded. */
    void stop(Duration grace) {
        terminate();
        List<ProcessHandle> all;
        synchronized (this) {
            all = new ArrayList<>(signalled);
        }
        if (!awaitAll(all, grace)) {
            List<ProcessHandle> left = new ArrayList<>(all);
            left.addAll(tree());
            for (ProcessHandle handle : left) {
                if (handle.isAlive()) {
                    LOG.debug("killing client process {} after {} ms", handle.pid(), grace.toMillis());
                    handle.destroyForcibly();
                }
            }
            awaitAll(left, Duration.ofSeconds(5));
        }
        LIVE.remove(this);
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            LOG.debug("closing the client's input failed: {}", e.getMessage());
        }
        try {
            reader.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<ProcessHandle> tree() {
        List<ProcessHandle> tree = new ArrayList<>();
        process.descendants().forEach(tree::add);
        tree.add(process.toHandle());
        return tree;
    }

    private static boolean awaitAll(List<ProcessHandle> handles, Duration wait) {
        CompletableFuture<?>[] exits = handles.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
