package dev.clawscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Native;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GdkGlTest {

    @Test
    void setOnlyOnLinuxForTheSoftwarePipelineAndNeverOverTheUsersValue() {
        assertTrue(GdkGl.wanted("Linux", Map.of(), null), "the app's default pipeline is the software one");
        assertTrue(GdkGl.wanted("Linux", Map.of("HOME", "/home/ann"), " sw "));
        assertFalse(GdkGl.wanted("Linux", Map.of("GDK_GL", "gles"), null), "the user's GDK_GL stays");
        assertFalse(GdkGl.wanted("Linux", Map.of(), "es2"), "OpenGL asked for: GTK may look its visuals up");
        assertFalse(GdkGl.wanted("Linux", Map.of(), "es2,sw"));
        assertFalse(GdkGl.wanted("Mac OS X", Map.of(), null), "GTK draws only on Linux");
        assertFalse(GdkGl.wanted("Windows 11", Map.of(), null));
        assertFalse(GdkGl.wanted(null, Map.of(), null));
    }

    /** The real C library of this process: the variable is there afterwards, and a second value does not replace the first. */
    @Test
    void setsTheVariableInThisProcesssCEnvironmentWithoutOverwriting() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "the C library's setenv as on Linux");
        String name = "CLAWSCOPE_GDKGL_TEST_" + ProcessHandle.current().pid();
        assertEquals("set (now first)", GdkGl.setInThisProcess(name, "first"));
        assertEquals("set (now first)", GdkGl.setInThisProcess(name, "second"), "never over a value it has");
        GdkGl.LibC c = Native.load("c", GdkGl.LibC.class);
        assertEquals("first", c.getenv(name));
    }
}
