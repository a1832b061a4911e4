package dev.clawscope.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.session.LocalOpenClawConfig.Lookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalOpenClawConfigTest {

    @TempDir
    Path home;

    /** The config the real-gateway script writes, JSON5 with unquoted keys and trailing commas. */
    private static final String JSON5 = """
            // written by hand
            {
              gateway: { mode: "local", port: 18791, bind: "loopback", auth: { mode: 'token', token: "s3cret", }, },
              logging: { file: "/tmp/x.log" }, /* trailing comma next */
            }
            """;

    @Test
    void readsPortAndTokenFromTheDefaultPlace() throws Exception {
        Path file = home.resolve(".openclaw/openclaw.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON5);
        Lookup.Found found = assertInstanceOf(Lookup.Found.class, LocalOpenClawConfig.find(Map.of(), home));
        assertEquals(18791, found.port());
        assertEquals("s3cret", found.token().reveal());
        assertEquals("ws://127.0.0.1:18791", found.url());
        GatewayChoice choice = GatewayChoice.localOrDemo(Map.of(), home);
        assertInstanceOf(GatewayChoice.Remote.class, choice);
        assertTrue(choice.origin().contains(file.toString()));
    }

    @Test
    void theEnvironmentPathWinsAndThePortDefaults() throws Exception {
        Path file = home.resolve("elsewhere.json5");
        Files.writeString(file, "{gateway: {auth: {mode: 'none'}}}");
        Lookup.Found found = assertInstanceOf(Lookup.Found.class,
                LocalOpenClawConfig.find(Map.of("OPENCLAW_CONFIG_PATH", file.toString()), home));
        assertEquals(LocalOpenClawConfig.DEFAULT_PORT, found.port());
        assertNull(found.token());
    }

    @Test
    void noFileMeansTheDemoAndSaysWhy() {
        assertInstanceOf(Lookup.Absent.class, LocalOpenClawConfig.find(Map.of(), home));
        GatewayChoice choice = GatewayChoice.localOrDemo(Map.of(), home);
        assertInstanceOf(GatewayChoice.Demo.class, choice);
        assertTrue(choice.origin().contains("no OpenClaw config at"), choice.origin());
    }

    @Test
    void unusableFilesSayWhatIsWrongWithoutTheirContent() throws Exception {
        Path file = home.resolve("bad.json");
        Files.writeString(file, "{gateway: {port: 'x', auth: {token: 'hidden-value'}}}");
        Lookup.Unusable bad = assertInstanceOf(Lookup.Unusable.class, LocalOpenClawConfig.read(file));
        assertEquals("gateway.port is not a number", bad.reason());
        Files.writeString(file, "{gateway: {port: 70000}}");
        assertTrue(((Lookup.Unusable) LocalOpenClawConfig.read(file)).reason().contains("out of range"));
        Files.writeString(file, "{gateway: {auth: {token: 'hidden-value'}}");
        Lookup.Unusable broken = assertInstanceOf(Lookup.Unusable.class, LocalOpenClawConfig.read(file));
        assertTrue(broken.reason().startsWith("not valid JSON5"), broken.reason());
        assertTrue(!broken.reason().contains("hidden-value"));
        Files.writeString(file, "{logging: {}}");
        assertEquals("has no gateway section", ((Lookup.Unusable) LocalOpenClawConfig.read(file)).reason());
        GatewayChoice choice = GatewayChoice.localOrDemo(Map.of("OPENCLAW_CONFIG_PATH", file.toString()), home);
        assertTrue(choice.origin().contains("has no gateway section; showing the demo gateway"), choice.origin());
    }

    @Test
    void trailingCommasGoButCommasInStringsAndCommentsStay() {
        assertEquals("{a: [1, 2 ], b: ',}' // x,}\n}",
                Json5.withoutTrailingCommas("{a: [1, 2, ], b: ',}', // x,}\n}"));
    }
}
