package dev.clawscope.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The systemd user unit the .deb installs for {@code clawscope watch}
 * ({@code packaging/linux/clawscope-watch.service}): the command it runs, how it restarts, and only
 * hardening a user manager can apply without privileges. Where {@code systemd-analyze} is installed
 * the file is also verified by systemd itself.
 */
class SystemdUserUnitTest {

    private static final Path UNIT = Path.of("packaging", "linux", "clawscope-watch.service");
    private static final String LAUNCHER = "/opt/clawscope/bin/clawscope";

    /** Every key the unit may use, per section: a misspelt key fails here even without systemd. */
    private static final Map<String, Set<String>> KNOWN_KEYS = Map.of(
            "Unit", Set.of("Description", "Documentation", "After", "Wants"),
            "Service", Set.of("Type", "EnvironmentFile", "ExecStart", "Restart", "RestartSec",
                    "RestartPreventExitStatus", "SuccessExitStatus", "TimeoutStopSec", "UMask",
                    "NoNewPrivileges", "LockPersonality", "RestrictRealtime", "RestrictSUIDSGID",
                    "RestrictNamespaces", "SystemCallArchitectures", "RestrictAddressFamilies"),
            "Install", Set.of("WantedBy"));

    /**
     * Options that need file system or user namespaces (or privileges) and so fail or do nothing in
     * a user unit, and {@code MemoryDenyWriteExecute}, which stops the JVM's JIT.
     */
    private static final Set<String> NOT_FOR_USER_UNITS = Set.of("PrivateTmp", "ProtectSystem", "ProtectHome",
            "PrivateDevices", "PrivateUsers", "PrivateNetwork", "PrivateMounts", "ProtectKernelTunables",
            "ProtectKernelModules", "ProtectKernelLogs", "ProtectControlGroups", "ProtectClock",
            "ProtectHostname", "ReadOnlyPaths", "InaccessiblePaths", "TemporaryFileSystem", "User", "Group",
            "CapabilityBoundingSet", "AmbientCapabilities", "MemoryDenyWriteExecute");

    @TempDir
    Path tmp;

    @Test
    void runsWatchWithTheUsersConfigAndIncidentFolder() throws IOException {
        Map<String, Map<String, List<String>>> unit = parse(Files.readString(UNIT, StandardCharsets.UTF_8));
        assertEquals(List.of(LAUNCHER + " watch --config %h/.config/clawscope/watch.json"
                        + " --incidents %h/.local/state/clawscope/incidents"),
                unit.get("Service").get("ExecStart"));
        assertFalse(unit.get("Service").get("ExecStart").get(0).contains("--metrics"),
                "metrics stay on watch's loopback default");
        assertEquals(List.of("default.target"), unit.get("Install").get("WantedBy"));
        assertEquals(List.of("-%h/.config/clawscope/watch.env"), unit.get("Service").get("EnvironmentFile"),
                "token variables come from an optional file of the user's, never from the unit");
        for (String line : Files.readAllLines(UNIT, StandardCharsets.UTF_8)) {
            assertFalse(line.startsWith("Environment="), "no value set in the unit itself: " + line);
        }
    }

    @Test
    void restartsOnFailureButNotOnABadConfig() throws IOException {
        Map<String, List<String>> service = parse(Files.readString(UNIT, StandardCharsets.UTF_8)).get("Service");
        assertEquals(List.of("on-failure"), service.get("Restart"));
        Matcher sec = Pattern.compile("(\\d+)s").matcher(service.get("RestartSec").get(0));
        assertTrue(sec.matches(), "RestartSec in whole seconds: " + service.get("RestartSec"));
        int restartSec = Integer.parseInt(sec.group(1));
        assertTrue(restartSec >= 5 && restartSec <= 60, "RestartSec " + restartSec + " s");
        assertEquals(List.of("2"), service.get("RestartPreventExitStatus"), "exit 2 is watch's bad config");
        assertEquals(List.of("143"), service.get("SuccessExitStatus"), "the JVM's exit after SIGTERM is a stop");
    }

    @Test
    void usesOnlyKnownKeysAndHardeningThatWorksUnprivileged() throws IOException {
        Map<String, Map<String, List<String>>> unit = parse(Files.readString(UNIT, StandardCharsets.UTF_8));
        assertEquals(KNOWN_KEYS.keySet(), unit.keySet());
        unit.forEach((section, keys) -> {
            for (String key : keys.keySet()) {
                assertTrue(KNOWN_KEYS.get(section).contains(key), "unexpected key [" + section + "] " + key);
                assertFalse(NOT_FOR_USER_UNITS.contains(key), key + " does not work in a user unit");
            }
        });
        Map<String, List<String>> service = unit.get("Service");
        assertEquals(List.of("yes"), service.get("NoNewPrivileges"));
        assertEquals(List.of("0077"), service.get("UMask"));
        assertEquals(List.of("AF_UNIX AF_INET AF_INET6 AF_NETLINK"), service.get("RestrictAddressFamilies"));
    }

    @Test
    void systemdAnalyzeVerifiesTheUnitAndCatchesAMisspeltKey() throws Exception {
        Optional<Path> analyze = Optional.ofNullable(System.getenv("PATH")).stream()
                .flatMap(p -> List.of(p.split(java.io.File.pathSeparator)).stream())
                .map(dir -> Path.of(dir, "systemd-analyze"))
                .filter(Files::isExecutable)
                .findFirst();
        Assumptions.assumeTrue(analyze.isPresent(), "systemd-analyze is not installed; the key checks above stand");
        // verify wants ExecStart's program to exist: the same unit, pointed at a stub of this test's.
        Path stub = tmp.resolve("clawscope");
        Files.writeString(stub, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwx------"));
        String text = Files.readString(UNIT, StandardCharsets.UTF_8).replace(LAUNCHER, stub.toString());
        Path copy = tmp.resolve("clawscope-watch.service");
        Files.writeString(copy, text);

        Result good = verify(analyze.get(), copy);
        assertEquals(0, good.code, good.output);
        assertEquals("", good.output.strip(), "systemd-analyze has no complaint");

        Path typo = tmp.resolve("typo.service");
        Files.writeString(typo, text.replace("NoNewPrivileges=", "NoNewPrivilege="));
        Result bad = verify(analyze.get(), typo);
        assertTrue(bad.output.contains("Unknown key") && bad.output.contains("NoNewPrivilege"),
                "the same check sees a misspelt key: " + bad.output);
    }

    private Result verify(Path analyze, Path unit) throws Exception {
        Path runtime = Files.createDirectories(tmp.resolve("xdg-runtime"));
        ProcessBuilder pb = new ProcessBuilder(analyze.toString(), "verify", "--user", "--man=no", unit.toString())
                .redirectErrorStream(true);
        pb.environment().put("XDG_RUNTIME_DIR", runtime.toString());
        pb.environment().put("SYSTEMD_PAGER", "");
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readNBytes(64 * 1024);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "systemd-analyze did not finish in 30 s");
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private record Result(int code, String output) {
    }

    /** A unit file's sections and their keys' values in order; comments and blank lines skipped. */
    static Map<String, Map<String, List<String>>> parse(String text) {
        Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
        Map<String, List<String>> current = null;
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = sections.computeIfAbsent(line.substring(1, line.length() - 1), k -> new LinkedHashMap<>());
                continue;
            }
            int eq = line.indexOf('=');
            assertTrue(current != null && eq > 0, "not a key=value line in a section: " + raw);
            assertFalse(line.endsWith("\\"), "no continuation lines: " + raw);
            current.computeIfAbsent(line.substring(0, eq).strip(), k -> new ArrayList<>())
                    .add(line.substring(eq + 1).strip());
        }
        return sections;
    }
}
