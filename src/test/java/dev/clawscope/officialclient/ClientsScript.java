package dev.clawscope.officialclient;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.clawscope.protocol.Secret;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Reference clients ({@code @openclaw/gateway-client} as shipped: its own reconnect and tick
 * watchdog) in one Node process, {@code scripts/official-client/clients.mjs}, one client per URL,
 * as client id {@code cli}, mode {@code cli}, version {@code clawscope-bench}, role operator, scope
 * {@code operator.read}, the shared token and no device identity. What each client reports (hello-ok,
 * close with its code, connect errors, a paused reconnect) comes back as {@link Line}s.
 */
public final class ClientsScript implements AutoCloseable {

    /** The client version clients.mjs announces in its {@code connect}. */
    public static final String CLIENT_VERSION = "clawscope-bench";
    private static final int MAX_LINES = 10_000;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    /**
     * One thing a client reported, at {@code atMs} (the Node process's wall clock, epoch ms).
     *
     * @param ev     {@code hello}, {@code close}, {@code connect_error} or {@code paused}
     * @param code   the close code of a {@code close} or {@code paused}, else null
     * @param detail the close reason, or the error of a {@code connect_error}; the token is never in it
     */
    public record Line(long atMs, int client, String ev, Integer code, String detail) {
    }

    private final Process process;
    private final Consumer<Line> listener;
    private final CountDownLatch started = new CountDownLatch(1);
    private final List<Line> lines = new ArrayList<>();
    private final StringBuilder stderrTail = new StringBuilder();

    private ClientsScript(Process process, Consumer<Line> listener) {
        this.process = process;
        this.listener = listener;
    }

    /**
     * Installs the client if needed ({@link OfficialClient#install()}) and starts one reference client
     * per URL; the token goes through the environment only. Returns once every client was started.
     *
     * @param listener sees every line as it comes, on the thread that reads the script's output
     */
    public static ClientsScript start(List<String> urls, Secret token, Consumer<Line> listener)
            throws IOException, InterruptedException {
        OfficialClient.Installed with = OfficialClient.install();
        List<String> command = new ArrayList<>(List.of(with.node().toString(),
                OfficialClient.SCRIPTS.resolve("clients.mjs").toString(), "--client-dir", with.clientDir().toString()));
        urls.forEach(u -> command.addAll(List.of("--url", u)));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().retainAll(OfficialClient.RUN_ENV);
        builder.environment().put("GATEWAY_TOKEN", token.reveal()); // argv is visible in ps
        ClientsScript clients = new ClientsScript(builder.start(), listener);
        clients.pump();
        if (!clients.started.await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            clients.close();
            throw new IllegalStateException("clients.mjs did not start: " + clients.stderrTail());
        }
        return clients;
    }

    /** {@link #start(List, Secret, Consumer)} without a listener: read {@link #lines()} or {@link #await}. */
    public static ClientsScript start(List<String> urls, Secret token) throws IOException, InterruptedException {
        return start(urls, token, line -> { });
    }

    /** Every line so far (at most the first {@value #MAX_LINES}), in order. */
    public synchronized List<Line> lines() {
        return List.copyOf(lines);
    }

    /** The first line that matches, waiting up to {@code timeout} for it. */
    public synchronized Optional<Line> await(Predicate<Line> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int seen = 0;;) {
            for (; seen < lines.size(); seen++) {
                if (wanted.test(lines.get(seen))) {
                    return Optional.of(lines.get(seen));
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || !process.isAlive() && seen == lines.size()) {
                return Optional.empty();
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private void pump() {
        Thread out = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    onLine(line);
                }
            } catch (IOException | RuntimeException e) {
                keepStderr("stdout unreadable: " + e);
            } finally {
                synchronized (this) {
                    notifyAll();
                }
            }
        }, "clients-script-out");
        Thread err = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    keepStderr(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "clients-script-err");
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
    }

    private void onLine(String text) {
        if (!text.startsWith("{")) {
            return;
        }
        JsonObject o = JsonParser.parseString(text).getAsJsonObject();
        String ev = o.get("ev").getAsString();
        if ("ready".equals(ev)) {
            started.countDown();
            return;
        }
        if (!o.has("i")) {
            return;
        }
        Integer code = o.has("code") && o.get("code").isJsonPrimitive() ? o.get("code").getAsInt() : null;
        JsonElement detail = o.has("reason") ? o.get("reason") : o.get("error");
        Line line = new Line(o.get("t").getAsLong(), o.get("i").getAsInt(), ev, code,
                detail == null || detail.isJsonNull() ? null : detail.getAsString());
        synchronized (this) {
            if (lines.size() < MAX_LINES) {
                lines.add(line);
            }
            notifyAll();
        }
        listener.accept(line);
    }

    private void keepStderr(String line) {
        synchronized (stderrTail) {
            stderrTail.append(line).append('\n');
            if (stderrTail.length() > 8_000) {
                stderrTail.delete(0, stderrTail.length() - 4_000);
            }
        }
    }

    /** The last few KiB the script wrote to stderr, for a failure message. */
    public String stderrTail() {
        synchronized (stderrTail) {
            return stderrTail.toString();
        }
    }

    /** Stops every client (each closes its socket) and waits for the script to exit, killing it if it hangs. */
    @Override
    public void close() throws InterruptedException {
        try (OutputStream in = process.getOutputStream()) {
            in.write("stop\n".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
