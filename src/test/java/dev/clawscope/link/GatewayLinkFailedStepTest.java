package dev.clawscope.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.journal.Journal;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.protocol.ClientId;
import dev.clawscope.protocol.ClientInfo;
import dev.clawscope.protocol.ClientMode;
import dev.clawscope.protocol.Secret;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A step of the link that throws must not leave it claiming a state it is not in: the connection
 * ends with a journaled reason, the socket is closed, and the link backs off and tries again.
 */
class GatewayLinkFailedStepTest {

    private static final String CHALLENGE = "{\"type\":\"event\",\"event\":\"connect.challenge\","
            + "\"payload\":{\"nonce\":\"n-1\",\"ts\":1767225600000}}";

    private final VirtualLinkExecutor clock = new VirtualLinkExecutor();
    private final Journal journal = new Journal();
    private final ScriptedTransport transport = new ScriptedTransport();
    private final GatewayLink link = new GatewayLink(
            LinkConfig.defaults(GatewayAddress.parse("ws://127.0.0.1:18789", false), Secret.of("t-123"),
                    ClientInfo.of(ClientId.CLI, ClientMode.CLI, "0.1.0-test", "linux"), List.of("operator.read")),
            transport, clock, journal, dev.clawscope.protocol.DeviceIdentity.generate(), DeviceTokenStore.inMemory(),
            new SplittableRandom(1));

    @AfterEach
    void tearDown() {
        link.dispose();
        journal.close();
    }

    @Test
    void aThrowingSendEndsTheConnectionAndBacksOff() {
        transport.throwOnSend(text -> text.contains("\"method\":\"connect\""));
        ScriptedTransport.Scripted first = openAndChallenge();

        assertEquals(LinkState.BACKOFF, link.state());
        assertFalse(first.isOpen(), "the socket of the failed step is closed");
        assertEquals(1011, first.closedWith);
        List<LinkEvent> events = journal.snapshot().stream().map(JournalEntry::event).toList();
        assertTrue(events.stream().anyMatch(e -> e instanceof LinkEvent.Error err && err.where().equals("internal")),
                events::toString);
        assertTrue(events.stream().anyMatch(e -> e instanceof LinkEvent.Closed c && c.code() == 1011
                && c.by().equals("client")), events::toString);
        LinkEvent.ReconnectScheduled scheduled = events.stream().filter(LinkEvent.ReconnectScheduled.class::isInstance)
                .map(LinkEvent.ReconnectScheduled.class::cast).reduce((a, b) -> b).orElseThrow();
        assertEquals("transient:internal_error", scheduled.cause());
        assertFalse(link.history().everConnected());

        transport.throwOnSend(text -> false);
        clock.advance(Duration.ofMillis(scheduled.delayMs()));
        assertEquals(2, transport.connections().size(), "the link tried again after the backoff");
        assertEquals(LinkState.CONNECTING, link.state());
    }

    @Test
    void aThrowingStepAfterHelloOkLeavesConnectedForBackoff() {
        ScriptedTransport.Scripted first = openAndChallenge();
        first.listener().onText(helloOk(first.sent.get(0)));
        clock.runPending();
        assertEquals(LinkState.CONNECTED, link.state());
        assertTrue(link.history().everConnected());

        transport.throwOnSend(text -> text.contains("\"method\":\"status\""));
        link.request("status", null, Duration.ofSeconds(5));
        clock.runPending();

        assertEquals(LinkState.BACKOFF, link.state(), "not connected once the connection is gone");
        assertFalse(first.isOpen());
        assertEquals(1, link.history().helloOks());
    }

    /** Connects and lets the scripted server open the socket and send its challenge. */
    private ScriptedTransport.Scripted openAndChallenge() {
        link.connect();
        clock.runPending();
        ScriptedTransport.Scripted connection = transport.last();
        connection.listener().onOpen();
        connection.listener().onText(CHALLENGE);
        clock.runPending();
        return connection;
    }

    /** The real gateway's hello-ok, answering the connect request in {@code connectFrame}. */
    private static String helloOk(String connectFrame) {
        try (var in = GatewayLinkFailedStepTest.class.getResourceAsStream("/frames/hello-ok-token-only-cli.json")) {
            JsonObject hello = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .getAsJsonObject();
            hello.addProperty("id", JsonParser.parseString(connectFrame).getAsJsonObject().get("id").getAsString());
            return hello.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
