package dev.clawscope.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** An observed client's {@code peer_hello} through redaction, as a proof bundle takes it; its round trip is a sample's. */
class PeerLinesTest {

    private static final Instant TS = Instant.parse("2026-11-27T23:05:14.090Z");
    private static final String DEVICE = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
    private static final String INSTANCE = "tray-instance-0c7e41";

    private static final LinkEvent.PeerHello HELLO = new LinkEvent.PeerHello(2, "req-77", "openclaw-tray", "node",
            "0.9.1", "windows", INSTANCE, "node", List.of("node.read"), "token+device", DEVICE, 3, 4);

    @Test
    void deviceInstanceAndRequestIdsArePseudonymised() {
        assertEquals("device", RedactionRules.pseudonymKind("device_id"));
        assertEquals("instance", RedactionRules.pseudonymKind("instance_id"));
        assertEquals("request", RedactionRules.pseudonymKind("request_id"));
        assertEquals(null, RedactionRules.pseudonymKind("client_id"), "a client's kind is no correlatable id");

        Redactor redactor = Redactor.withRandomKey(RedactionRules.defaults());
        String line = JournalJson.toLine(new JournalEntry(4, TS, 50, 2, HELLO));
        String redacted = redactor.redactJsonLine(line);
        assertFalse(redacted.contains(DEVICE), redacted);
        assertFalse(redacted.contains(INSTANCE), redacted);
        assertFalse(redacted.contains("req-77"), redacted);
        String device = field(redacted, "device_id");
        assertTrue(device.matches("device#[0-9a-f]{6}"), redacted);
        assertTrue(field(redacted, "instance_id").matches("instance#[0-9a-f]{6}"), redacted);
        assertTrue(field(redacted, "request_id").matches("request#[0-9a-f]{6}"), redacted);
        assertEquals("openclaw-tray", field(redacted, "client_id"));
        assertEquals("token+device", field(redacted, "auth"));

        String again = redactor.redactJsonLine(JournalJson.toLine(new JournalEntry(9, TS, 90, 5,
                new LinkEvent.PeerHello(5, "req-78", "openclaw-tray", "node", "0.9.1", "windows", INSTANCE, "node",
                        List.of("node.read"), "token+device", DEVICE, 3, 4))));
        assertEquals(device, field(again, "device_id"), "one device, one pseudonym across the client's connections");
        LinkEvent.PeerHello parsed = (LinkEvent.PeerHello) JournalJson.parse(redacted).orElseThrow().event();
        assertEquals(device, parsed.deviceId(), "the redacted line is still a peer_hello");
    }

    private static String field(String line, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(line);
        assertTrue(m.find(), name + " in " + line);
        return m.group(1);
    }
}
