package dev.clawscope.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class GatewayAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"ws://127.0.0.1:18789", "ws://localhost", "ws://10.1.2.3", "ws://172.20.0.5:1",
        "ws://192.168.1.9", "ws://169.254.3.3", "ws://100.100.1.1", "ws://[::1]:18789", "ws://[fd12::1]",
        "ws://[fe80::1]", "ws://gateway.local", "ws://box.tail1234.ts.net"})
    void plaintextIsAllowedToPrivateHosts(String url) {
        assertFalse(GatewayAddress.parse(url, false).secure());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws://8.8.8.8", "ws://example.com", "ws://100.128.0.1", "ws://[2001:db8::1]",
        "ws://192.169.0.1"})
    void plaintextToPublicHostsIsRefusedUnlessAllowed(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GatewayAddress.parse(url, false));
        assertTrue(e.getMessage().startsWith("refusing plaintext ws://"), e.getMessage());
        assertFalse(GatewayAddress.parse(url, true).secure());
    }

    @Test
    void tlsIsAlwaysAllowedAndTheDefaultPortIsFilledIn() {
        GatewayAddress address = GatewayAddress.parse("wss://gateway.example.com", false);
        assertTrue(address.secure());
        assertEquals("wss://gateway.example.com:18789/", address.display());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://127.0.0.1:18789        | must start with ws:// or wss://",
        "ws://user:secret@127.0.0.1    | must not carry credentials",
        "ws:///nohost                  | needs a host",
        "ws://bad host                 | not a valid URL",
        "ws://127.0.0.1:               | has an empty port after ':'",
        "ws://[::1]:                   | has an empty port after ':'",
        "ws://127.0.0.1:0              | must be from 1 to 65535, not 0",
        "ws://127.0.0.1:65536          | must be from 1 to 65535, not 65536",
        "ws://127.0.0.1:99999999999    | must be from 1 to 65535, not 99999999999",
        "ws://127.0.0.1:port           | must be a number from 1 to 65535",
        "ws://127.0.0.1:-1             | must be a number from 1 to 65535",
        "ws://user:secret@127.0.0.1:x  | must not carry credentials",
        "ws://127.0.0.1:1/#secret      | must not end in a #fragment"
    })
    void badUrlsGetClearMessages(String url, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GatewayAddress.parse(url, false));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertFalse(e.getMessage().contains("secret"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ws://127.0.0.1:1                | ws://127.0.0.1:1/",
        "ws://127.0.0.1:65535/gw         | ws://127.0.0.1:65535/gw",
        "ws://[::1]                      | ws://[::1]:18789/",
        "ws://[::1]:8080                 | ws://[::1]:8080/",
        "ws://127.0.0.1/?token=a:b       | ws://127.0.0.1:18789/"
    })
    void thePortIsReadFromTheAuthorityAlone(String url, String display) {
        assertEquals(display, GatewayAddress.parse(url, false).display());
    }

    @Test
    void displayDropsTheQueryWhichMayCarryAToken() {
        GatewayAddress address = GatewayAddress.parse("ws://127.0.0.1:18789/?token=abc123", false);
        assertEquals("ws://127.0.0.1:18789/", address.display());
        assertTrue(address.uri().toString().contains("token=abc123"), "the real URL keeps it");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF",
        "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF"})
    void fingerprintsAreAcceptedInTheReferenceClientsForms(String pin) {
        assertEquals("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                HexFormat.of().formatHex(PinnedTrust.parse(pin)));
    }

    @Test
    void aShortFingerprintIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> PinnedTrust.parse("sha256:abcd"));
    }
}
