package dev.clawscope.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutostartTest {

    @TempDir
    Path home;

    @Test
    void linuxGetsADesktopEntryThatStartsInTheTray() throws Exception {
        Autostart.Plan plan = Autostart.plan("Linux", home,
                List.of("/usr/bin/java", "-jar", "/home/ann/My Apps/clawscope.jar"));
        assertEquals(home.resolve(".config/autostart/clawscope.desktop"), plan.file());
        assertTrue(plan.content().contains("Exec=env GDK_GL=disable /usr/bin/java -jar \"/home/ann/My Apps/clawscope.jar\" --tray\n"),
                plan.content());
        assertTrue(plan.content().startsWith("[Desktop Entry]\nType=Application\nName=Clawscope\n"));
        assertFalse(Autostart.isEnabled(plan));
        Autostart.enable(plan);
        assertTrue(Autostart.isEnabled(plan));
        assertEquals(plan.content(), Files.readString(plan.file()));
        Autostart.disable(plan);
        assertFalse(Autostart.isEnabled(plan));
    }

    @Test
    void macosGetsALaunchAgentAndWindowsARunValue() {
        Autostart.Plan mac = Autostart.plan("Mac OS X", home, List.of("/Applications/Clawscope.app/Contents/MacOS/Clawscope"));
        assertEquals(home.resolve("Library/LaunchAgents/dev.clawscope.plist"), mac.file());
        assertTrue(mac.content().contains("<string>/Applications/Clawscope.app/Contents/MacOS/Clawscope</string>\n"
                + "    <string>--tray</string>"), mac.content());
        assertTrue(mac.content().contains("<key>RunAtLoad</key>\n  <true/>"));

        Autostart.Plan win = Autostart.plan("Windows 11", home, List.of("C:\\Program Files\\Clawscope\\Clawscope.exe"));
        assertNull(win.file());
        assertEquals("\"C:\\Program Files\\Clawscope\\Clawscope.exe\" --tray", win.content());
        assertTrue(win.where().startsWith("HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"));
    }

    @Test
    void execQuotingEscapesWhatTheDesktopSpecReserves() {
        // In the file a literal $ inside quotes is \\$ (quoting rule, then the string rule's doubled backslash).
        assertEquals("a \"b c\" \"\\\\$HOME\" 100%%", Autostart.desktopExec(List.of("a", "b c", "$HOME", "100%")));
    }
}
