package dev.clawscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.clawscope.link.hostile.ClientFrame;
import dev.clawscope.link.hostile.GatewayFrames;
import dev.clawscope.link.hostile.HostileConnection;
import dev.clawscope.link.hostile.HostileGateway;
import dev.clawscope.link.hostile.WsWire;
import dev.clawscope.protocol.Secret;
import dev.clawscope.settings.FileTokenVault;
import dev.clawscope.tray.VirtualDisplay;
import dev.clawscope.ws.Opcode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quit, end to end: the real {@code clawscope.jar} on a virtual X display, connected to a raw
 * gateway on 127.0.0.1, is quit by SIGTERM, by the tray menu's Quit and by the window's close; each
 * time the gateway receives the link's close frame with code 1000 and the process is gone within
 * 3 s. Needs Xvfb and GTK 3 (the tray also trayer and xdotool, the window's close xdotool and
 * python3), which {@code .ci/run} installs; runs in {@code ./mvnw verify}, after the jar is built.
 */
@Timeout(120)
class DesktopQuitIT {

    private static final long QUIT_LIMIT_MS = 3_000;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CLIENT = "Quit test";
    private static final Path JAR = Path.of("target", "clawscope.jar");

    @TempDir
    Path home;

    private VirtualDisplay display;
    private HostileGateway gateway;
    private String gatewayUrl;

    @BeforeEach
    void setUp() throws Exception {
        display = VirtualDisplay.start();
        Assumptions.assumeTrue(gtk3(), "GTK 3 is not installed (apt-get install libgtk-3-0); the window needs it");
        Assumptions.assumeTrue(Files.isRegularFile(JAR) && Files.isDirectory(JAR.resolveSibling("lib")),
                JAR + " is missing: it is built by ./mvnw package, which ./mvnw verify runs before this test");
        Assumptions.assumeTrue(!olderThanTheClasses(JAR), JAR + " is older than target/classes (a unit-test run "
                + "picked this test): ./mvnw verify packages the jar before it runs this test");
        gateway = HostileGateway.start(c -> {
            c.handshake(GatewayFrames.hello());
            c.awaitEnd(Duration.ofMinutes(2));
        });
        gatewayUrl = "ws://127.0.0.1:" + gateway.port() + "/";
        Path config = home.resolve("config");
        Files.createDirectories(config);
        JsonObject settings = new JsonObject();
        settings.addProperty("gatewayUrl", gatewayUrl);
        settings.addProperty("allowInsecure", false);
        settings.addProperty("clientName", CLIENT);
        settings.addProperty("backoff", "full-jitter");
        settings.addProperty("wsPingMs", 500); // the first ping after hello-ok says the link is connected
        settings.addProperty("pongDeadlineMs", 10_000);
        settings.addProperty("probeIntervalMs", 0);
        settings.addProperty("faultInjection", false);
        settings.addProperty("redactIps", false);
        settings.addProperty("redactHosts", false);
        settings.addProperty("theme", "light");
        Files.writeString(config.resolve("settings.json"), settings.toString());
        new FileTokenVault(config).store(gatewayUrl, Secret.of("quit-test-token-8c2d"));
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (gateway != null) {
            gateway.close();
        }
        if (display != null) {
            display.close();
        }
    }

    @Test
    void sigtermClosesTheLinkWith1000AndExitsWithin3s() throws Exception {
        Process app = startApp();
        HostileConnection link = awaitConnected(app);
        long quit = System.nanoTime();
        app.destroy(); // SIGTERM
        assertQuit("SIGTERM", app, link, quit, 143);
    }

    @Test
    void theTrayMenusQuitClosesTheLinkWith1000AndExitsWithin3s() throws Exception {
        Assumptions.assumeTrue(VirtualDisplay.installed("trayer") && VirtualDisplay.installed("xdotool"),
                "trayer and xdotool are needed to open the tray menu (apt-get install trayer xdotool)");
        display.startTrayHost();
        Process app = startApp("--tray"); // the window stays hidden, so it cannot cover the tray
        HostileConnection link = awaitConnected(app);
        assertEquals(0, display.run("xdotool", "mousemove", "1010", "13", "click", "3"), "right-click the icon");
        assertEquals(0, display.run("xdotool", "search", "--sync", "--onlyvisible", "--name",
                "sun-awt-X11-XPopupMenuPeer"), "the tray menu opened");
        assertEquals(0, display.run("xdotool", "key", "Up"), "select the last item, Quit");
        long quit = System.nanoTime();
        assertEquals(0, display.run("xdotool", "key", "Return"));
        assertQuit("the tray menu's Quit", app, link, quit, 0);
    }

    @Test
    void closingTheWindowClosesTheLinkWith1000AndExitsWithin3s() throws Exception {
        Assumptions.assumeTrue(VirtualDisplay.installed("xdotool") && VirtualDisplay.installed("python3"),
                "xdotool and python3 are needed to close the window (apt-get install xdotool python3)");
        Process app = startApp();
        HostileConnection link = awaitConnected(app);
        String window = display.output("xdotool", "search", "--sync", "--name", "^Clawscope ").lines()
                .findFirst().orElseThrow();
        String title = display.output("xdotool", "getwindowname", window).strip();
        assertTrue(title.endsWith(" \u2014 " + CLIENT + " \u2192 " + gatewayUrl), "the title names the source: " + title);
        long quit = System.nanoTime();
        assertEquals(0, display.run("python3", script("wm-delete-window.py"), window), "WM_DELETE_WINDOW sent");
        assertQuit("the window's close", app, link, quit, 0);
    }

    private Process startApp(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Dclawscope.noKeyring=true", "-Dprism.order=sw", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve("app.out").toFile());
        pb.environment().put("CLAWSCOPE_HOME", home.toString());
        pb.environment().remove("CLAWSCOPE_LOG_DIR");
        return display.start(pb);
    }

    /** The app's link is connected once it sends its first WebSocket ping after hello-ok. */
    private HostileConnection awaitConnected(Process app) throws Exception {
        HostileConnection link;
        try {
            link = gateway.connection(0, WAIT);
            link.awaitFrame(f -> f.opcode() == Opcode.PING, WAIT);
        } catch (AssertionError e) {
            throw new AssertionError("the app did not connect (alive: " + app.isAlive() + "): " + appOutput(), e);
        }
        return link;
    }

    private void assertQuit(String how, Process app, HostileConnection link, long quitNanos, int exitCode)
            throws Exception {
        assertTrue(app.waitFor(10, TimeUnit.SECONDS), how + ": the app did not exit within 10 s: " + appOutput());
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - quitNanos);
        System.out.println("quit by " + how + ": the process exited " + tookMs + " ms later");
        ClientFrame close = link.closeFrame();
        assertTrue(close != null, how + ": the gateway received no close frame; the client's side ended with "
                + link.readerEnd());
        assertEquals(1000, close.closeCode(), how + ": close reason " + close.closeReason());
        assertEquals(exitCode, app.exitValue(), how + ": " + appOutput());
        assertTrue(tookMs <= QUIT_LIMIT_MS, how + ": the process took " + tookMs + " ms to exit");
        String log = Files.readString(home.resolve("logs").resolve("clawscope.log"), StandardCharsets.UTF_8);
        assertTrue(log.contains("closed the session of " + CLIENT), how
                + ": the session's close (dispose_end journaled) finished before the exit: " + log);
        assertFalse(log.contains("pulse timer is left as it is"), how
                + ": the window ran on the pausing pulse timer (ui.PulseTimer): " + log);
    }

    private String appOutput() throws IOException {
        Path out = home.resolve("app.out");
        return Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "(no output)";
    }

    private static String script(String name) throws URISyntaxException {
        return Path.of(DesktopQuitIT.class.getResource(name).toURI()).toString();
    }

    /** Whether a compiled class is newer than {@code jar}: then the jar is not what the sources say. */
    private static boolean olderThanTheClasses(Path jar) throws IOException {
        java.nio.file.attribute.FileTime built = Files.getLastModifiedTime(jar);
        try (Stream<Path> classes = Files.walk(Path.of("target", "classes"))) {
            return classes.anyMatch(p -> {
                try {
                    return Files.getLastModifiedTime(p).compareTo(built) > 0;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    /** Whether the GTK 3 library JavaFX's window needs is installed. */
    private static boolean gtk3() throws IOException {
        for (Path dir : List.of(Path.of("/usr/lib"), Path.of("/usr/lib64"), Path.of("/lib"))) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> found = Files.find(dir, 2, (p, a) -> p.getFileName().toString().equals(
                        "libgtk-3.so.0"))) {
                    if (found.findAny().isPresent()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
