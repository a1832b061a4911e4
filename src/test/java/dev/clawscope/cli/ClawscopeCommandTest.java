package dev.clawscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.Version;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClawscopeCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicInteger windowsOpened = new AtomicInteger();

    private int run(String... args) {
        return ClawscopeCommand.run(args, () -> {
            windowsOpened.incrementAndGet();
            return 0;
        }, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void trayOpensTheWindowMinimizedToTheTray() {
        System.clearProperty("clawscope.tray");
        try {
            String[] seen = new String[1];
            assertEquals(0, ClawscopeCommand.run(new String[] {"--tray"}, () -> {
                seen[0] = System.getProperty("clawscope.tray");
                return 0;
            }, new PrintWriter(out, true), new PrintWriter(err, true)));
            assertEquals("true", seen[0], "the window learns to start in the tray");
            assertTrue(run("--help") == 0 && out.toString().contains("--tray"), out::toString);
        } finally {
            System.clearProperty("clawscope.tray");
        }
    }

    @Test
    void versionPrintsTheBuildVersion() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("clawscope " + Version.get()), out::toString);
        assertEquals(0, windowsOpened.get());
    }

    @Test
    void helpDescribesTheToolAndItsExitCodes() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("Usage: clawscope"), out::toString);
        assertTrue(out.toString().contains("usage error"), out::toString);
        assertEquals(0, windowsOpened.get());
    }

    @Test
    void helpListsTheProxyCommand() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("proxy"), out::toString);
        // Help wraps by command-name width, so compare with the line breaks folded.
        assertTrue(out.toString().replaceAll("\\s+", " ").contains("injects faults"), out::toString);
    }

    @Test
    void helpListsTheScenarioCommand() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("scenario"), out::toString);
        assertTrue(out.toString().replaceAll("\\s+", " ").contains("Runs a fault scenario"), out::toString);
    }

    @Test
    void unknownOptionIsAUsageErrorWithExitCode2() {
        assertEquals(2, run("--no-such-option"));
        assertTrue(err.toString().contains("Unknown option: '--no-such-option'"), err::toString);
        assertEquals(0, windowsOpened.get());
    }

    @Test
    void noCommandOpensTheWindow() {
        assertEquals(0, run());
        assertEquals(1, windowsOpened.get());
    }
}
