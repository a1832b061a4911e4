package dev.clawscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    /** What the desktop and the autostart entry run goes straight to the window, as the parsed command would. */
    @Test
    void noArgumentsOrOnlyTrayOpenTheWindowWithoutParsing() {
        System.clearProperty("clawscope.tray");
        try {
            String[] seen = new String[2];
            assertEquals(7, ClawscopeCommand.run(new String[0], () -> {
                seen[0] = String.valueOf(System.getProperty("clawscope.tray"));
                return 7;
            }));
            assertEquals("null", seen[0], "no arguments: the window, not the tray");
            assertEquals(0, ClawscopeCommand.run(new String[] {"--tray"}, () -> {
                seen[1] = System.getProperty("clawscope.tray");
                return 0;
            }));
            assertEquals("true", seen[1]);
            assertTrue(ClawscopeCommand.opensTheWindowAsItIs(new String[] {"--tray"}));
            assertFalse(ClawscopeCommand.opensTheWindowAsItIs(new String[] {"--tray", "--observe", "127.0.0.1:1=sim"}));
            assertFalse(ClawscopeCommand.opensTheWindowAsItIs(new String[] {"--help"}));
            assertFalse(ClawscopeCommand.opensTheWindowAsItIs(new String[] {"probe"}));
        } finally {
            System.clearProperty("clawscope.tray");
        }
    }

    @Test
    void observeOpensTheWindowOnTheRouteGiven() {
        System.clearProperty(ClawscopeCommand.OBSERVE_PROPERTY);
        try {
            String[] seen = new String[1];
            assertEquals(0, ClawscopeCommand.run(new String[] {"--observe", "127.0.0.1:18790=ws://127.0.0.1:18789"},
                    () -> {
                        seen[0] = System.getProperty(ClawscopeCommand.OBSERVE_PROPERTY);
                        return 0;
                    }, new PrintWriter(out, true), new PrintWriter(err, true)));
            assertEquals("127.0.0.1:18790=ws://127.0.0.1:18789", seen[0], "the window learns what to observe");
            assertTrue(run("--help") == 0 && out.toString().contains("--observe=LISTEN=TARGET"), out::toString);
        } finally {
            System.clearProperty(ClawscopeCommand.OBSERVE_PROPERTY);
        }
    }

    @Test
    void observeWithAListenAddressOffLoopbackIsRefusedSayingWhy() {
        assertEquals(2, run("--observe", "0.0.0.0:18790=sim"));
        assertTrue(err.toString().contains("Invalid value for option '--observe': the observer listens on loopback "
                + "only (127.0.0.1, [::1] or localhost), not 0.0.0.0:18790"), err::toString);
        assertEquals(0, windowsOpened.get());
        assertEquals(2, run("--observe", "192.168.1.20:18790=ws://192.168.1.20:18789"));
        assertEquals(2, run("--observe", "127.0.0.1:18790=wss://gateway.example:443"));
        assertTrue(err.toString().contains("observe a wss:// gateway with clawscope observe"), err::toString);
        assertEquals(0, windowsOpened.get());
        assertEquals(null, System.getProperty(ClawscopeCommand.OBSERVE_PROPERTY));
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
