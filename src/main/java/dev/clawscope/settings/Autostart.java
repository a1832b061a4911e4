package dev.clawscope.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Starting Clawscope, in the tray, with the desktop session: a desktop entry in
 * {@code ~/.config/autostart} on Linux, a LaunchAgent on macOS, the {@code HKCU\...\Run} value on
 * Windows. {@link #plan} says exactly what would be written, so the settings dialog can show it
 * before anything changes.
 */
public final class Autostart {

    public static final String WINDOWS_RUN_KEY = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";
    public static final String WINDOWS_VALUE = "Clawscope";

    private Autostart() {
    }

    /**
     * What enabling autostart writes: a file with its content, or (Windows) a registry value.
     *
     * @param file the file written, or null on Windows
     * @param content the file's text, or the registry value's data on Windows
     */
    public record Plan(String platform, Path file, String content, List<String> command) {
        public Plan {
            Objects.requireNonNull(platform, "platform");
            Objects.requireNonNull(content, "content");
            command = List.copyOf(command);
        }

        /** Where it goes, in words for the dialog. */
        public String where() {
            return file != null ? file.toString() : WINDOWS_RUN_KEY + " value \"" + WINDOWS_VALUE + "\"";
        }
    }

    /**
     * What the Linux entry puts before the launch: GTK told to leave OpenGL alone. The window draws
     * with the software pipeline, yet GTK 3 looks up OpenGL visuals when it opens the display, which
     * loads Mesa's driver and LLVM for nothing: 55 MB of the packaged tray's 175 MB here.
     */
    static final List<String> LINUX_ENVIRONMENT = List.of("env", "GDK_GL=disable");

    /**
     * @param osName {@code os.name}
     * @param home the user's home folder
     * @param launch the command that starts Clawscope (without {@code --tray})
     */
    public static Plan plan(String osName, Path home, List<String> launch) {
        List<String> command = new ArrayList<>(launch);
        command.add("--tray");
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("win")) {
            return new Plan("windows", null, windowsCommandLine(command), command);
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            StringBuilder args = new StringBuilder();
            for (String part : command) {
                args.append("    <string>").append(xml(part)).append("</string>\n");
            }
            String plist = """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
                    <plist version="1.0">
                    <dict>
                      <key>Label</key>
                      <string>dev.clawscope</string>
                      <key>ProgramArguments</key>
                      <array>
                    %s  </array>
                      <key>RunAtLoad</key>
                      <true/>
                    </dict>
                    </plist>
                    """.formatted(args);
            return new Plan("macos", home.resolve("Library/LaunchAgents/dev.clawscope.plist"), plist, command);
        }
        command.addAll(0, LINUX_ENVIRONMENT);
        String desktop = """
                [Desktop Entry]
                Type=Application
                Name=Clawscope
                Comment=OpenClaw gateway link inspector and tray
                Exec=%s
                Terminal=false
                X-GNOME-Autostart-enabled=true
                """.formatted(desktopExec(command));
        return new Plan("linux", home.resolve(".config/autostart/clawscope.desktop"), desktop, command);
    }

    /**
     * The JVM options of the desktop launchers (the packaged launcher's and {@code javafx:run}'s, in
     * pom.xml, kept equal by a test): a small serial heap that gives memory back, the first JIT tier
     * only, no perf data file. An app that runs all day in the tray spends less this way
     * (docs/benchmarks.md, Footprint); a started {@code java -jar} autostarts with them too.
     */
    public static final List<String> DESKTOP_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xms24m", "-Xmx1g", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:-UsePerfData");

    /**
     * The command that starts this Clawscope: the packaged launcher (its options are in its
     * configuration), else {@code java} with {@link #DESKTOP_JVM_OPTIONS} and {@code -jar} on this jar.
     */
    public static List<String> currentLaunch() {
        String packaged = System.getProperty("jpackage.app-path");
        if (packaged != null && !packaged.isBlank()) {
            return List.of(packaged);
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        String jar;
        try {
            jar = Path.of(Autostart.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toAbsolutePath().toString();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            jar = "clawscope.jar";
        }
        return jarLaunch(java, jar);
    }

    /** {@code java}, the desktop's JVM options, {@code -jar} and the jar. */
    static List<String> jarLaunch(String java, String jar) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(DESKTOP_JVM_OPTIONS);
        command.add("-jar");
        command.add(jar);
        return List.copyOf(command);
    }

    public static boolean isEnabled(Plan plan) throws IOException {
        if (plan.file() != null) {
            return Files.isRegularFile(plan.file());
        }
        return run(List.of("reg", "query", WINDOWS_RUN_KEY, "/v", WINDOWS_VALUE)) == 0;
    }

    public static void enable(Plan plan) throws IOException {
        if (plan.file() != null) {
            Files.createDirectories(plan.file().getParent());
            Files.writeString(plan.file(), plan.content(), StandardCharsets.UTF_8);
            return;
        }
        if (run(List.of("reg", "add", WINDOWS_RUN_KEY, "/v", WINDOWS_VALUE, "/t", "REG_SZ", "/d", plan.content(),
                "/f")) != 0) {
            throw new IOException("reg add " + WINDOWS_RUN_KEY + " failed");
        }
    }

    public static void disable(Plan plan) throws IOException {
        if (plan.file() != null) {
            Files.deleteIfExists(plan.file());
            return;
        }
        run(List.of("reg", "delete", WINDOWS_RUN_KEY, "/v", WINDOWS_VALUE, "/f"));
    }

    private static int run(List<String> command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
    }

    /** Desktop Entry Exec quoting: arguments with spaces or specials go in double quotes. */
    static String desktopExec(List<String> command) {
        List<String> parts = new ArrayList<>();
        for (String part : command) {
            if (part.matches("[A-Za-z0-9_./:=@%+-]+")) {
                parts.add(part.replace("%", "%%"));
            } else {
                // The quoting rule escapes " ` $ \ with a backslash; the string rule then doubles every backslash.
                String quoted = part.replace("\\", "\\\\").replace("\"", "\\\"").replace("`", "\\`")
                        .replace("$", "\\$");
                parts.add("\"" + quoted.replace("\\", "\\\\").replace("%", "%%") + "\"");
            }
        }
        return String.join(" ", parts);
    }

    static String windowsCommandLine(List<String> command) {
        List<String> parts = new ArrayList<>();
        for (String part : command) {
            parts.add(part.contains(" ") || part.isEmpty() ? "\"" + part + "\"" : part);
        }
        return String.join(" ", parts);
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
