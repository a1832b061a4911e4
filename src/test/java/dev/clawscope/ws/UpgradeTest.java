package dev.clawscope.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpgradeTest {

    private final Upgrade upgrade = new Upgrade(URI.create("ws://127.0.0.1:18789/gw?x=1"), 18789, "Clawscope",
            new SplittableRandom(3));

    private String request() {
        return new String(upgrade.request(), StandardCharsets.ISO_8859_1);
    }

    private String key() {
        Matcher m = Pattern.compile("Sec-WebSocket-Key: (\\S+)").matcher(request());
        assertTrue(m.find());
        return m.group(1);
    }

    private void check(String head) throws Upgrade.Refused {
        byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);
        upgrade.check(bytes, bytes.length);
    }

    @Test
    void theExampleFromRfc6455() {
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", Upgrade.accept("dGhlIHNhbXBsZSBub25jZQ=="));
    }

    @Test
    void requestsLikeANativeClient() {
        String request = request();
        assertTrue(request.startsWith("GET /gw?x=1 HTTP/1.1\r\nHost: 127.0.0.1:18789\r\n"), request);
        assertTrue(request.contains("\r\nSec-WebSocket-Version: 13\r\n"));
        assertTrue(request.endsWith("\r\n\r\n"));
        String lower = request.toLowerCase(java.util.Locale.ROOT);
        assertFalse(lower.contains("origin:"), "no Origin: the gateway would take us for a browser");
        assertFalse(lower.contains("sec-websocket-extensions"), "no compression offered");
        assertFalse(lower.contains("authorization"), "credentials go in the connect frame only");
    }

    @Test
    void acceptsAValid101() throws Upgrade.Refused {
        check("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + Upgrade.accept(key()) + "\r\n\r\n");
    }

    @Test
    void refusesAWrongAcceptOrAnExtensionNobodyOffered() {
        assertThrows(Upgrade.Refused.class, () -> check("HTTP/1.1 101 OK\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Accept: nope\r\n\r\n"));
        assertThrows(Upgrade.Refused.class, () -> check("HTTP/1.1 101 OK\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + Upgrade.accept(key())
                + "\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n"));
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void anAuthRefusalNamesTheTokenAndAProxy(int status) {
        Upgrade.Refused refused = assertThrows(Upgrade.Refused.class,
                () -> check("HTTP/1.1 " + status + " Nope\r\nContent-Length: 0\r\n\r\n"));
        assertEquals(status, refused.status());
        assertTrue(refused.getMessage().contains("gateway token"), refused.getMessage());
        assertTrue(refused.getMessage().contains("proxy"), refused.getMessage());
    }

    @Test
    void aRedirectIsNotFollowed() {
        Upgrade.Refused refused = assertThrows(Upgrade.Refused.class,
                () -> check("HTTP/1.1 302 Found\r\nLocation: ws://elsewhere/\r\n\r\n"));
        assertTrue(refused.getMessage().contains("redirects are not followed"), refused.getMessage());
    }

    @Test
    void somethingThatIsNotHttpSaysSo() {
        Upgrade.Refused refused = assertThrows(Upgrade.Refused.class, () -> check("SSH-2.0-OpenSSH_9.2\r\n\r\n"));
        assertEquals(0, refused.status());
        assertTrue(refused.getMessage().contains("did not answer the WebSocket upgrade with HTTP"));
    }

    @Test
    void findsTheEndOfTheHead() {
        byte[] bytes = "HTTP/1.1 101 X\r\nA: b\r\n\r\n\u0081\u0000".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(bytes.length - 2, Upgrade.headEnd(bytes, bytes.length));
        assertEquals(-1, Upgrade.headEnd(bytes, bytes.length - 3));
    }
}
