package dev.clawscope.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** {@code LISTEN=TARGET}: loopback only, without a name lookup; {@code sim} or a gateway's address. */
class ObserveRouteTest {

    @Test
    void aLoopbackListenAddressAndAGatewayOrTheSimulator() {
        ObserveRoute gateway = ObserveRoute.parse("127.0.0.1:18790=ws://127.0.0.1:18789", false);
        assertEquals(18790, gateway.listen().getPort());
        assertEquals("ws://127.0.0.1:18789", gateway.target());
        assertEquals("127.0.0.1:18790=ws://127.0.0.1:18789", gateway.toString());

        ObserveRoute sim = ObserveRoute.parse(" localhost:0 = SIM ", false);
        assertTrue(sim.sim());
        assertEquals("sim", sim.target());
        assertEquals(InetAddress.getLoopbackAddress(), sim.listen().getAddress());
        assertEquals("[0:0:0:0:0:0:0:1]:18790=sim", ObserveRoute.parse("[::1]:18790=sim", false).toString());
        assertEquals("127.0.0.1:18790=wss://gw.example:443",
                ObserveRoute.parse("127.0.0.1:18790=wss://gw.example:443", false).toString());
    }

    @Test
    void anythingButLoopbackIsRefusedSayingWhy() {
        for (String listen : new String[] {"0.0.0.0:18790", "192.168.1.5:18790", "[::]:18790", "example.com:18790",
            "gateway.local:18790"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ObserveRoute.parse(listen + "=sim", false), listen);
            assertTrue(e.getMessage().startsWith("the observer listens on loopback only") && e.getMessage()
                    .contains(listen), e.getMessage());
        }
    }

    @Test
    void malformedRoutesAreRefusedSayingWhatToWrite() {
        assertTrue(message("127.0.0.1:18790").startsWith("expected LISTEN=TARGET"));
        assertTrue(message("127.0.0.1=sim").startsWith("the listen address: expected HOST:PORT"));
        assertTrue(message("127.0.0.1:70000=sim").contains("from 0 to 65535"));
        assertTrue(message("127.0.0.1:18790=http://127.0.0.1:18789").startsWith("the target: "));
        assertTrue(message("127.0.0.1:18790=ws://127.0.0.1:18789/path?token=x").contains("give only ws://HOST:PORT"));
        assertTrue(message("127.0.0.1:18790=ws://203.0.113.9:18789").contains("plaintext"));
        assertTrue(message("127.0.0.1:18789=ws://127.0.0.1:18789").contains("the observer's own listen address"));
        assertEquals("ws://203.0.113.9:18789", ObserveRoute.parse("127.0.0.1:18790=ws://203.0.113.9:18789", true)
                .target(), "a public host in plaintext when allowed");
    }

    private static String message(String route) {
        return assertThrows(IllegalArgumentException.class, () -> ObserveRoute.parse(route, false)).getMessage();
    }
}
