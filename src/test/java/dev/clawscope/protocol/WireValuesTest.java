package dev.clawscope.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireValuesTest {

    @Test
    void clientIdsAreExactlyTheGatewayEnum() {
        List<String> expected = List.of("webchat-ui", "openclaw-control-ui", "openclaw-browser-copilot",
                "openclaw-tui", "webchat", "cli", "gateway-client", "openclaw-macos", "openclaw-linux", "openclaw-ios",
                "openclaw-watchos", "openclaw-android", "node-host", "openclaw-worker", "test", "fingerprint",
                "openclaw-probe");
        assertEquals(expected, Arrays.stream(ClientId.values()).map(ClientId::wire).toList());
        for (ClientId id : ClientId.values()) {
            assertEquals(id, ClientId.fromWire(id.wire()).orElseThrow());
            assertEquals(id, ClientId.parse(id.wire()));
        }
    }

    @Test
    void clientModesAreExactlyTheGatewayEnum() {
        assertEquals(List.of("webchat", "cli", "ui", "backend", "node", "worker", "probe", "test"),
                Arrays.stream(ClientMode.values()).map(ClientMode::wire).toList());
    }

    @Test
    void badUserValuesGetAMessageListingTheAllowedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClientId.parse("foo"));
        assertEquals("client id 'foo' is not one the gateway accepts; use one of: " + ClientId.allowedValues(),
                e.getMessage());
        assertTrue(e.getMessage().contains("webchat-ui, openclaw-control-ui,"));
        assertEquals("client mode 'operator' is not one the gateway accepts; use one of: "
                + "webchat, cli, ui, backend, node, worker, probe, test",
                assertThrows(IllegalArgumentException.class, () -> ClientMode.parse("operator")).getMessage());
        assertTrue(ClientId.fromWire("CLI").isEmpty());
        assertTrue(ClientId.fromWire(null).isEmpty());
        assertTrue(ClientMode.fromWire("").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> ClientMode.parse(null));
    }

    @Test
    void operatorScopes() {
        assertEquals(10, OperatorScope.values().length);
        assertEquals(OperatorScope.TALK_SECRETS, OperatorScope.fromWire("operator.talk.secrets").orElseThrow());
        assertEquals("operator scope 'operator.root' is not one the gateway accepts; use one of: "
                + OperatorScope.allowedValues(),
                assertThrows(IllegalArgumentException.class, () -> OperatorScope.parse("operator.root")).getMessage());
    }

    @Test
    void secretNeverShowsItself() {
        Secret s = Secret.of("hunter2-PLANTED");
        assertEquals("Secret[redacted]", s.toString());
        assertEquals("hunter2-PLANTED", s.reveal());
        assertEquals(Secret.of("hunter2-PLANTED"), s);
        assertNotEquals(Secret.of("hunter3-PLANTED"), s);
        assertNotEquals(s, (Object) "hunter2-PLANTED");
        assertEquals(Secret.of("a").hashCode(), Secret.of("b").hashCode());
        assertThrows(NullPointerException.class, () -> Secret.of(null));
        assertEquals(null, Secret.ofNullable(null));
        assertTrue(Secret.of("").isEmpty());
        assertEquals("[Secret[redacted]]", List.of(s).toString());
    }
}
