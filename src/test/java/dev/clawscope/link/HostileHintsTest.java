package dev.clawscope.link;

import static dev.clawscope.link.hostile.GatewayFrames.hello;
import static dev.clawscope.link.hostile.GatewayFrames.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.clawscope.journal.ClosedBy;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.link.hostile.GatewayFrames;
import dev.clawscope.link.hostile.WsWire;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Numbers a gateway sends that steer the link's timers (restartExpectedMs, retryAfterMs,
 * tickIntervalMs) and payloads it gets wrong: absurd values are clamped and journaled as
 * {@code hint_clamped}, malformed ones are named in an {@code error} line, and none of them makes
 * the link loop, stall or pause.
 */
class HostileHintsTest extends HostileLinkBase {

    static final long RESTART_CAP_MS = 600_000;
    static final long RETRY_AFTER_CAP_MS = 300_000;
    static final long RETRY_AFTER_FLOOR_MS = 250;

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775806", "1000000000000000"})
    void absurdRestartExpectedIsClampedToTenMinutesAndTheLinkWaitsInBackoff(String restartExpectedMs) throws Exception {
        link(c -> {
            c.handshake(hello());
            c.sendText(GatewayFrames.shutdown(c.nextSeq(), number(restartExpectedMs)));
            c.sendClose(WsWire.closePayload(1012, "service restart"));
        });
        LinkEvent.ReconnectScheduled retry = h.awaitEvent(LinkEvent.ReconnectScheduled.class);
        LinkEvent.HintClamped hint = hint("restart_expected_ms");
        assertEquals(Long.parseLong(restartExpectedMs), hint.value());
        assertEquals(RESTART_CAP_MS, hint.used());
        LinkEvent.Closed closed = h.awaitEvent(LinkEvent.Closed.class);
        assertEquals(1012 + " by server", closed.code() + " by " + closed.by());
        assertEquals("restart_expected", retry.cause(), h.dump());
        assertTrue(retry.delayMs() >= RESTART_CAP_MS && retry.delayMs() <= RESTART_CAP_MS + 250,
                "delay " + retry.delayMs() + "\n" + h.dump());
        assertEquals(LinkState.BACKOFF, h.link.state());

        h.advance(Duration.ofMillis(RESTART_CAP_MS - 1_000));
        h.clock.runPending();
        assertEquals(LinkState.BACKOFF, h.link.state(), h.dump());
        assertEquals(1, h.count(LinkEvent.ConnectAttempt.class), "reconnected before the clamped restart time");
        JournalEntry closedEntry = h.last(LinkEvent.Closed.class);
        assertFalse(h.entries().stream().anyMatch(e -> e.seq() > closedEntry.seq()
                && e.event() instanceof LinkEvent.StateChanged s && s.to().equals("connected")), h.dump());
        assertEquals(1, h.link.history().helloOks());
        assertEquals(0, h.count(LinkEvent.ReconnectPaused.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775807", "1"})
    void absurdTickIntervalIsIgnoredAndTheWatchdogStaysQuietWhileTheGatewayAnswers(String tickIntervalMs)
            throws Exception {
        link(c -> {
            c.tickAfterPong(true);
            c.handshake(hello().tickIntervalMs(number(tickIntervalMs)));
        }, c -> c.withWsPing(Duration.ofSeconds(5), Duration.ofSeconds(3)).withProbe(null, Duration.ZERO));
        h.awaitState(LinkState.CONNECTED);
        LinkEvent.HintClamped hint = hint("tick_interval_ms");
        assertEquals(Long.parseLong(tickIntervalMs), hint.value());
        assertNull(hint.used(), "the hint is ignored, not replaced: " + hint);
        for (int n = 1; n <= 8; n++) { // 40 s of virtual time, pings answered and a tick after each pong
            h.advance(Duration.ofSeconds(5));
            h.awaitEvent(LinkEvent.WsPong.class, n);
            h.awaitEvent(LinkEvent.Tick.class, n);
        }
        assertEquals(0, h.count(LinkEvent.LivenessTimeout.class), h.dump());
        assertEquals(LinkState.CONNECTED, h.link.state());
        assertEquals(0, h.count(LinkEvent.Closed.class));
    }

    /** A negative restart time is not malformed (the reader keeps hints as sent) but out of range: it counts as 0. */
    @Test
    void negativeRestartExpectedIsClampedToZeroAndTheLinkComesBackByItsBackoff() throws Exception {
        link(c -> {
            c.handshake(hello());
            c.sendText(GatewayFrames.shutdown(c.nextSeq(), number(-5)));
            c.sendClose(WsWire.closePayload(1012, "service restart"));
        });
        LinkEvent.ReconnectScheduled retry = h.awaitEvent(LinkEvent.ReconnectScheduled.class);
        LinkEvent.HintClamped hint = hint("restart_expected_ms");
        assertEquals(-5, hint.value());
        assertEquals(0L, hint.used());
        assertEquals("restart_expected", retry.cause(), h.dump());
        assertTrue(retry.delayMs() >= 0 && retry.delayMs() <= 2_800 + 250, "first paced-jitter backoff plus spread: "
                + retry.delayMs());
        h.advance(Duration.ofMillis(retry.delayMs()));
        h.awaitEvent(LinkEvent.HelloOk.class, 2);
    }

    @Test
    void retryAfterOfOneMillisecondIsRaisedTo250AndGrowsAfterTwelveRefusals() throws Exception {
        link(c -> {
            String id = c.upgradeAndAwaitConnect();
            c.sendText(GatewayFrames.startingUp(id, number(1)));
            c.sendClose(WsWire.closePayload(1013, "gateway starting"));
        });
        long[] expected = {250, 250, 250, 250, 250, 250, 250, 250, 250, 250, 250, 250, 250, 375, 562, 843, 1265};
        for (int k = 1; k <= expected.length; k++) {
            LinkEvent.ReconnectScheduled retry = h.awaitEvent(LinkEvent.ReconnectScheduled.class, k);
            assertEquals("retry_after", retry.cause(), h.dump());
            assertEquals(expected[k - 1], retry.delayMs(), "delay of the " + k + "-th retry\n" + h.dump());
            if (k < expected.length) {
                h.advance(Duration.ofMillis(retry.delayMs()));
                h.awaitEvent(LinkEvent.ConnectAttempt.class, k + 1);
            }
        }
        LinkEvent.HintClamped hint = hint("retry_after_ms");
        assertEquals(1, hint.value());
        assertEquals(RETRY_AFTER_FLOOR_MS, hint.used());
        assertEquals(expected.length, gateway.accepted());
        assertEquals(0, h.count(LinkEvent.ReconnectPaused.class));
        assertEquals(0, h.link.history().helloOks());
    }

    @Test
    void hugeRetryAfterIsClampedToFiveMinutes() throws Exception {
        link(c -> {
            String id = c.upgradeAndAwaitConnect();
            c.sendText(GatewayFrames.startingUp(id, number("1000000000000000")));
            c.sendClose(WsWire.closePayload(1013, "gateway starting"));
        });
        LinkEvent.ReconnectScheduled retry = h.awaitEvent(LinkEvent.ReconnectScheduled.class);
        assertEquals(RETRY_AFTER_CAP_MS, retry.delayMs(), h.dump());
        LinkEvent.HintClamped hint = hint("retry_after_ms");
        assertEquals(1_000_000_000_000_000L, hint.value());
        assertEquals(RETRY_AFTER_CAP_MS, hint.used());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"reason\":\"gateway restarting\",\"restartExpectedMs\":\"soon\"}",
        "42",
        "[\"gateway restarting\",5000]"})
    void malformedShutdownIsNamedInAnErrorAndTheLinkStaysConnected(String payload) throws Exception {
        link(c -> {
            c.handshake(hello());
            c.sendText(GatewayFrames.event("shutdown", JsonParser.parseString(payload), c.nextSeq()));
            c.sendTick();
        });
        h.awaitEvent(LinkEvent.Tick.class);
        assertTrue(h.events(LinkEvent.Error.class).stream()
                        .anyMatch(e -> (e.where() + " " + e.message()).toLowerCase().contains("shutdown")),
                "no error line names the shutdown event:\n" + h.dump());
        assertEquals(LinkState.CONNECTED, h.link.state());
        assertEquals(0, h.count(LinkEvent.Closed.class), h.dump());
        assertEquals(0, h.count(LinkEvent.ShutdownNotice.class), "a malformed notice was taken as valid");
    }

    @ParameterizedTest
    @CsvSource({
        "server.version, remove",
        "policy.tickIntervalMs, string",
        "policy.maxPayload, string"})
    void malformedHelloOkIsNamedByFieldAndRetriedWithBackoff(String field, String how) throws Exception {
        link(c -> c.handshake(hello().edit(payload -> {
            String[] path = field.split("\\.");
            JsonObject parent = payload.getAsJsonObject(path[0]);
            if (how.equals("remove")) {
                parent.remove(path[1]);
            } else {
                parent.addProperty(path[1], parent.get(path[1]).getAsString());
            }
        })));
        LinkEvent.Closed closed = awaitClosedAndReconnect();
        List<LinkEvent.Error> helloErrors = errors("hello_ok");
        assertEquals(1, helloErrors.size(), h.dump());
        assertTrue(helloErrors.get(0).message().contains(field), "the error names " + field + ": " + helloErrors.get(0));
        assertEquals(ClosedBy.CLIENT, closed.by());
        LinkEvent.ReconnectScheduled retry = h.awaitEvent(LinkEvent.ReconnectScheduled.class);
        assertTrue(retry.cause().startsWith("transient:"), retry.cause());
        assertEquals(0, h.link.history().helloOks());
        assertEquals(0, h.count(LinkEvent.HelloOk.class));
    }

    @Test
    void protocolMismatchInTheHandshakePauses() throws Exception {
        link(c -> {
            String id = c.upgradeAndAwaitConnect();
            c.sendText(GatewayFrames.protocolMismatch(id));
            c.sendClose(WsWire.closePayload(1002, "protocol mismatch"));
        });
        LinkEvent.ReconnectPaused paused = h.awaitEvent(LinkEvent.ReconnectPaused.class);
        assertEquals("protocol", paused.reason());
        assertEquals("PROTOCOL_MISMATCH", paused.detailCode());
        h.awaitState(LinkState.PAUSED);
        assertEquals(0, h.count(LinkEvent.ReconnectScheduled.class));
    }

    private LinkEvent.HintClamped hint(String field) {
        return h.events(LinkEvent.HintClamped.class).stream().filter(e -> e.field().equals(field)).findFirst()
                .orElseThrow(() -> new AssertionError("no hint_clamped{" + field + "}; journal:\n" + h.dump()));
    }
}
