package dev.clawscope.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.link.CapturedLog;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The real AWT tray on a real (virtual) X display: with {@code trayer} as the tray host the icon
 * is added and its menu opens; without a tray host the app is told so and logs one clear line.
 * Needs {@code Xvfb} and {@code trayer} (and {@code xdotool}, {@code import} for the menu
 * screenshot); {@code .ci/run} installs them.
 */
class TraySmokeTest {

    private VirtualDisplay display;

    @AfterEach
    void stopAll() throws InterruptedException {
        if (display != null) {
            display.close();
        }
    }

    private static boolean installed(String tool) {
        return VirtualDisplay.installed(tool);
    }

    /** Starts {@link TraySmoke} in a JVM of its own on {@code display} and reads its report until {@code ready}. */
    private Map<String, String> smoke(Process[] holder) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = display.start(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                TraySmoke.class.getName()).redirectErrorStream(true));
        holder[0] = p;
        Map<String, String> report = new LinkedHashMap<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.equals("ready")) {
                break;
            }
            int eq = line.indexOf('=');
            if (eq > 0) {
                report.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return report;
    }

    @Test
    void withATrayHostTheIconIsAddedAndItsMenuOpens() throws Exception {
        display = VirtualDisplay.start();
        Assumptions.assumeTrue(installed("trayer"), "trayer is not installed (apt-get install trayer)");
        display.startTrayHost();
        Process[] smoke = new Process[1];
        Map<String, String> report = smoke(smoke);
        assertEquals("true", report.get("supported"), "SystemTray.isSupported(): " + report);
        assertEquals("true", report.get("installed"), "icon added: " + report);
        assertEquals("1", report.get("icons"));
        assertEquals("11", report.get("menu-items"), "state line, connect/disconnect, inspector, dashboard, approvals…");

        if (installed("xdotool") && installed("import")) {
            // Right-click the icon, open the approvals submenu, and keep a picture of it.
            Path shot = Path.of("target", "screenshots", "tray-menu.png");
            Files.createDirectories(shot.getParent());
            display.run("xdotool", "mousemove", "1010", "13", "click", "3");
            display.run("xdotool", "mousemove", "760", "100"); // off the icon, so its tooltip stays away
            long before = grabUntilChanged(shot, -1);
            display.run("xdotool", "mousemove", "770", "137", "click", "1");
            long after = grabUntilChanged(shot, before);
            assertTrue(after > before, "the menu and its submenu show in " + shot);
        }
        OutputStream in = smoke[0].getOutputStream();
        in.write("quit\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
        assertTrue(smoke[0].waitFor(10, TimeUnit.SECONDS), "the smoke program ended");
    }

    @Test
    void withoutATrayHostTheAppIsToldAndLogsOneLine() throws Exception {
        display = VirtualDisplay.start();
        Process[] smoke = new Process[1];
        Map<String, String> report = smoke(smoke);
        assertEquals("false", report.get("installed"), report.toString());
        assertTrue(report.get("reason").contains("no system tray"), report.toString());

        DesktopTray none = new DesktopTray() {
            @Override
            public boolean install(java.util.function.Consumer<TrayMenu.Command> onCommand, Runnable onOpen) {
                return false;
            }

            @Override
            public void update(TrayStatus status, String tooltip, List<TrayMenu.Item> menu) {
                throw new AssertionError("no updates without a tray");
            }

            @Override
            public void notify(Notifications.Note note) {
                throw new AssertionError("no notes without a tray");
            }

            @Override
            public void remove() {
            }

            @Override
            public String unavailableReason() {
                return report.get("reason");
            }
        };
        try (CapturedLog log = new CapturedLog(TrayController.class);
                var session = dev.clawscope.session.GatewaySession.open(
                        new dev.clawscope.session.GatewayChoice.Demo("test"), false,
                        dev.clawscope.session.LinkTuning.demo(), Files.createTempDirectory("tray-none"));
                TrayController controller = new TrayController(none, session, new NoTrayActions())) {
            assertEquals(Boolean.FALSE, controller.start().get(10, TimeUnit.SECONDS));
            List<String> lines = log.lines();
            assertEquals(1, lines.size(), lines.toString());
            assertTrue(lines.get(0).startsWith("WARN no system tray: ")
                    && lines.get(0).endsWith("; Clawscope works as a window"), lines.get(0));
        }
    }

    /**
     * Grabs the screen's top right corner into {@code shot} until its size differs from {@code
     * previous} (menus map asynchronously), at most for 5 s; returns the last size.
     */
    private long grabUntilChanged(Path shot, long previous) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long size;
        do {
            display.run("import", "-window", "root", "-crop", "640x300+384+0", shot.toString());
            size = Files.exists(shot) ? Files.size(shot) : -1;
        } while ((size <= 3_500 || size == previous) && System.nanoTime() < until);
        return size;
    }
}
