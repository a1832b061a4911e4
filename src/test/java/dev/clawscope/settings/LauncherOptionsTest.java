package dev.clawscope.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The desktop launchers start the JVM alike: the packaged launcher's options and {@code
 * javafx:run}'s in pom.xml, and the autostart entry of a {@code java -jar} install, which takes
 * {@link Autostart#DESKTOP_JVM_OPTIONS}. The footprint measured for one holds for the others.
 */
class LauncherOptionsTest {

    private static final String POM = read(Path.of("pom.xml"));

    @Test
    void javafxRunHasTheDesktopOptions() {
        Matcher options = Pattern.compile("<artifactId>javafx-maven-plugin</artifactId>.*?<options>(.*?)</options>",
                Pattern.DOTALL).matcher(POM);
        assertTrue(options.find(), "javafx-maven-plugin has <options>");
        List<String> found = new ArrayList<>();
        Matcher option = Pattern.compile("<option>(.*?)</option>").matcher(options.group(1));
        while (option.find()) {
            found.add(option.group(1));
        }
        int n = Autostart.DESKTOP_JVM_OPTIONS.size();
        assertEquals(Autostart.DESKTOP_JVM_OPTIONS, found.subList(0, n));
        assertEquals(List.of("-XX:SharedArchiveFile=${project.build.directory}/javafx-run.jsa", "-Xshare:auto",
                "-Xlog:cds=off", "-Xlog:cds+dynamic=off"), found.subList(n, n + 4),
                "the archive the javafx-run-cds profile makes; missing or stale, it is skipped without a word");
        assertEquals(List.of("--add-exports=javafx.graphics/com.sun.javafx.tk=ALL-UNNAMED",
                "--add-opens=javafx.graphics/com.sun.javafx.tk.quantum=ALL-UNNAMED",
                "--add-exports=javafx.graphics/com.sun.glass.ui=ALL-UNNAMED"), found.subList(n + 4, found.size()),
                "JavaFX is on the module path there: the pulse gate needs its packages");
    }

    @Test
    void thePackagedLauncherHasTheDesktopOptionsThenItsClassDataArchive() {
        Matcher value = Pattern.compile("<jpackage.javaOptions>(.*?)</jpackage.javaOptions>").matcher(POM);
        assertTrue(value.find(), "the package profile sets jpackage.javaOptions");
        List<String> options = Arrays.asList(value.group(1).trim().split("\\s+"));
        int n = Autostart.DESKTOP_JVM_OPTIONS.size();
        assertEquals(Autostart.DESKTOP_JVM_OPTIONS, options.subList(0, n));
        assertEquals(List.of("-XX:SharedArchiveFile=$APPDIR/clawscope.jsa", "-Xshare:auto", "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off"), options.subList(n, options.size()),
                "an archive that is missing or made for other paths is skipped without a word on stdout");
    }

    @Test
    void aJarInstallAutostartsWithTheDesktopOptions() {
        List<String> command = Autostart.jarLaunch("/usr/bin/java", "/opt/c/clawscope.jar");
        List<String> expected = new ArrayList<>(List.of("/usr/bin/java"));
        expected.addAll(Autostart.DESKTOP_JVM_OPTIONS);
        expected.addAll(List.of("-jar", "/opt/c/clawscope.jar"));
        assertEquals(expected, command);
        Autostart.Plan plan = Autostart.plan("Linux", Path.of("/home/ann"), command);
        assertTrue(plan.content().contains("Exec=env GDK_GL=disable /usr/bin/java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 "),
                plan.content());
        assertTrue(plan.content().contains(" -jar /opt/c/clawscope.jar --tray\n"), plan.content());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
