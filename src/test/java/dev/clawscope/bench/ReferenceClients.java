package dev.clawscope.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.clawscope.protocol.Secret;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Reference clients ({@code @openclaw/gateway-client} as shipped) in one Node process,
 * {@code scripts/official-client/clients.mjs}, one client per URL, each reporting into its own
 * {@link ClientWatch} from the JSON lines the script prints.
 */
final class ReferenceClients implements AutoCloseable {

    private static final Path SCRIPTS = Path.of("scripts", "official-client").toAbsolutePath();
    private static Installed installed;

    /** The Node binary and the folder whose node_modules holds the client. */
    record Installed(Path node, Path clientDir) {
    }

    private final Process process;
    private final List<ClientWatch> watches = new ArrayList<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private final StringBuilder stderrTail = new StringBuilder();

    private ReferenceClients(Process process, int count) {
        this.process = process;
        for (int i = 0; i < count; i++) {
            watches.add(new ClientWatch(Contender.REFERENCE));
        }
    }

    /** Installs Node and the client once per JVM with {@code install.sh} (npm registry only). */
    static synchronized Installed install() throws IOException, InterruptedException {
        if (installed != null) {
            return installed;
        }
        Process p = new ProcessBuilder("bash", SCRIPTS.resolve("install.sh").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.getOutputStream().close();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        if (p.waitFor() != 0 || lines.isEmpty()) {
            throw new IllegalStateException("scripts/official-client/install.sh failed (exit " + p.exitValue()
                    + "): the reference client comes from the npm registry; see its messages above");
        }
        Path node = Path.of(lines.get(lines.size() - 1).trim());
        Path clientDir = lines.stream().filter(l -> l.startsWith("client-dir=")).findFirst()
                .map(l -> Path.of(l.substring("client-dir=".length()).trim()))
                .orElseThrow(() -> new IllegalStateException("install.sh named no client-dir: " + lines));
        if (!Files.isExecutable(node)) {
            throw new IllegalStateException("install.sh named no runnable node: " + node);
        }
        installed = new Installed(node, clientDir);
        return installed;
    }

    /** Starts one reference client per URL; the token goes through the environment only. */
    static ReferenceClients start(List<URI> urls, Secret token) throws IOException, InterruptedException {
        Installed with = install();
        List<String> command = new ArrayList<>(List.of(with.node().toString(),
                SCRIPTS.resolve("clients.mjs").toString(), "--client-dir", with.clientDir().toString()));
        urls.forEach(u -> command.addAll(List.of("--url", u.toString())));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().retainAll(List.of("PATH", "HOME", "LANG", "TMPDIR"));
        env.put("GATEWAY_TOKEN", token.reveal());
        ReferenceClients clients = new ReferenceClients(builder.start(), urls.size());
        clients.pump();
        if (!clients.started.await(30, TimeUnit.SECONDS)) {
            clients.close();
            throw new IllegalStateException("clients.mjs did not start: " + clients.stderrTail());
        }
        return clients;
    }

    ClientWatch watch(int index) {
        return watches.get(index);
    }

    List<ClientWatch> watches() {
        return List.copyOf(watches);
    }

    private void pump() {
        Thread out = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    onLine(line);
                }
            } catch (IOException | RuntimeException e) {
                synchronized (stderrTail) {
                    stderrTail.append("stdout unreadable: ").append(e).append('\n');
                }
            }
        }, "reference-clients-out");
        Thread err = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (stderrTail) {
                        stderrTail.append(line).append('\n');
                        if (stderrTail.length() > 8_000) {
                            stderrTail.delete(0, stderrTail.length() - 4_000);
                        }
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "reference-clients-err");
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
    }

    private void onLine(String line) {
        if (!line.startsWith("{")) {
            return;
        }
        JsonObject o = JsonParser.parseString(line).getAsJsonObject();
        String ev = o.get("ev").getAsString();
        long at = o.get("t").getAsLong();
        if ("ready".equals(ev)) {
            started.countDown();
            return;
        }
        if (!o.has("i")) {
            return;
        }
        ClientWatch watch = watches.get(o.get("i").getAsInt());
        switch (ev) {
            case "hello" -> watch.add(at, ClientWatch.Kind.HELLO, "hello");
            case "close" -> watch.add(at, ClientWatch.Kind.DOWN, "close " + o.get("code"));
            default -> { } // connect errors and pauses are not what the benchmarks time
        }
    }

    String stderrTail() {
        synchronized (stderrTail) {
            return stderrTail.toString();
        }
    }

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
