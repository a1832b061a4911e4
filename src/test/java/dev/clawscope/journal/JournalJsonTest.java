package dev.clawscope.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.journal.LinkEvent.HandshakeFailed;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JournalJsonTest {

    private static final Instant TS = Instant.parse("2026-11-27T23:05:14.090Z");
    private static final String ENVELOPE = "{\"seq\":7,\"ts\":\"2026-11-27T23:05:14.090Z\",\"mono_ms\":1234.5,\"gen\":3,";

    /** An envelope up to the type's value, for lines that must not read as entries. */
    private static final String HEAD =
            "{\"seq\":7,\"ts\":\"2026-11-27T23:05:14.090Z\",\"mono_ms\":1,\"gen\":3,\"type\":";

    private static String line(LinkEvent event) {
        return JournalJson.toLine(new JournalEntry(7, TS, 1234.5, 3, event));
    }

    @Test
    void stateChangedGolden() {
        assertEquals(ENVELOPE + "\"type\":\"state_changed\",\"from\":\"CONNECTING\",\"to\":\"HANDSHAKING\"}",
                line(new LinkEvent.StateChanged("CONNECTING", "HANDSHAKING")));
    }

    @Test
    void eventWithoutFieldsGolden() {
        assertEquals(ENVELOPE + "\"type\":\"socket_open\"}", line(new LinkEvent.SocketOpen()));
    }

    @Test
    void helloOkGolden() {
        assertEquals(ENVELOPE + "\"type\":\"hello_ok\",\"server_version\":\"2026.9.6\",\"protocol\":4,"
                        + "\"tick_interval_ms\":30000,\"methods\":[\"health\",\"status\"],\"scopes\":[\"operator.read\"]}",
                line(new LinkEvent.HelloOk("2026.9.6", 4, 30_000, List.of("health", "status"), List.of("operator.read"))));
    }

    @Test
    void tickKeepsTheEntrySeqAndTheFrameSeqApart() {
        String line = line(new LinkEvent.Tick(41));
        assertEquals(ENVELOPE + "\"type\":\"tick\",\"frame_seq\":41}", line);
        JournalEntry back = JournalJson.parse(line).orElseThrow();
        assertEquals(7, back.seq());
        assertEquals(41, ((LinkEvent.Tick) back.event()).frameSeq());
    }

    @Test
    void optionalNullFieldsAreLeftOutAndRequiredOnesStay() {
        assertEquals(ENVELOPE + "\"type\":\"handshake_failed\",\"error_code\":\"AUTH_TOKEN_MISMATCH\",\"retryable\":false}",
                line(new HandshakeFailed("AUTH_TOKEN_MISMATCH", null, false, null, null)));
        assertEquals(ENVELOPE + "\"type\":\"handshake_failed\",\"error_code\":\"UNAVAILABLE\",\"detail_code\":\"STARTING\","
                        + "\"retryable\":true,\"retry_after_ms\":5000,\"close_code\":1013}",
                line(new HandshakeFailed("UNAVAILABLE", "STARTING", true, 5_000L, 1013)));
        assertEquals(ENVELOPE + "\"type\":\"shutdown_notice\",\"reason\":\"gateway stopping\"}",
                line(new LinkEvent.ShutdownNotice("gateway stopping", null)));
        assertEquals(ENVELOPE + "\"type\":\"closed\",\"code\":1006,\"reason\":\"\",\"by\":\"transport\"}",
                line(new LinkEvent.Closed(1006, "", ClosedBy.TRANSPORT)), "an empty required string is kept");
    }

    @Test
    void doublesArePlainDecimalsWithAFraction() {
        assertEquals("{\"seq\":1,\"ts\":\"2026-11-27T23:05:14.090Z\",\"mono_ms\":10000000000.0,\"gen\":0,"
                        + "\"type\":\"ws_pong\",\"rtt_ms\":12.0}",
                JournalJson.toLine(new JournalEntry(1, TS, 1e10, 0, new LinkEvent.WsPong(12))));
        assertTrue(JournalJson.toLine(new JournalEntry(1, TS, 0, 0, new LinkEvent.WsPong(1e-7)))
                .endsWith("\"mono_ms\":0.0,\"gen\":0,\"type\":\"ws_pong\",\"rtt_ms\":0.0000001}"));
    }

    @Test
    void timestampIsUtcWithExactlyMilliseconds() {
        Instant withNanos = Instant.parse("2026-01-02T03:04:05.123456789Z");
        assertTrue(JournalJson.toLine(new JournalEntry(1, withNanos, 0, 0, new LinkEvent.Tick(1)))
                .contains("\"ts\":\"2026-01-02T03:04:05.123Z\""));
        Instant wholeSecond = Instant.parse("2026-01-02T03:04:05Z");
        assertTrue(JournalJson.toLine(new JournalEntry(1, wholeSecond, 0, 0, new LinkEvent.Tick(1)))
                .contains("\"ts\":\"2026-01-02T03:04:05.000Z\""));
    }

    @Test
    void stringsEscapeControlCharactersAndLoneSurrogatesButKeepUnicode() {
        String message = "a\nb\tc\"q\" \\ \u0007 \u007f \u0085 \u2028 é 🦀 \ud800 <&>";
        String line = line(new LinkEvent.Error("reader", message));
        assertEquals(ENVELOPE + "\"type\":\"error\",\"where\":\"reader\",\"message\":"
                + "\"a\\nb\\tc\\\"q\\\" \\\\ \\u0007 \\u007f \\u0085 \\u2028 é 🦀 \\ud800 <&>\"}", line);
        assertTrue(line.chars().noneMatch(Character::isISOControl), "one physical line, terminal-safe");
        assertEquals(message, ((LinkEvent.Error) JournalJson.parse(line).orElseThrow().event()).message());
    }

    @Test
    void everySampleRoundTrips() {
        long seq = 1;
        for (LinkEvent event : SampleEvents.all()) {
            JournalEntry entry = new JournalEntry(seq++, TS.plusMillis(seq), 100.125 * seq, seq / 3, event);
            String line = JournalJson.toLine(entry);
            assertEquals(Optional.of(entry), JournalJson.parse(line), line);
        }
    }

    @Test
    void longMethodListIsWrittenWhole() {
        String line = line(new LinkEvent.HelloOk("1", 4, 30_000, SampleEvents.MANY_METHODS, List.of()));
        assertTrue(line.contains("\"method.number0\",") && line.contains("\"method.number449\"]"));
        LinkEvent.HelloOk back = (LinkEvent.HelloOk) JournalJson.parse(line).orElseThrow().event();
        assertEquals(SampleEvents.MANY_METHODS, back.methods());
    }

    @Test
    void readerIgnoresUnknownFieldsAndKeyOrder() {
        String line = "{\"type\":\"closed\",\"by\":\"server\",\"extra\":{\"nested\":[1,2]},\"code\":1012,"
                + "\"reason\":\"restart\",\"gen\":2,\"mono_ms\":5,\"ts\":\"2026-11-27T23:05:14.090Z\",\"seq\":9.0}";
        assertEquals(Optional.of(new JournalEntry(9, TS, 5, 2, new LinkEvent.Closed(1012, "restart", ClosedBy.SERVER))),
                JournalJson.parse(line));
    }

    @Test
    void fixedWordsAreWrittenAsTheJournalSpellsThemAndAnUnknownWordIsNoEntry() {
        for (ClosedBy by : ClosedBy.values()) {
            assertEquals(ENVELOPE + "\"type\":\"closed\",\"code\":1000,\"reason\":\"\",\"by\":\"" + by.wire() + "\"}",
                    line(new LinkEvent.Closed(1000, "", by)));
        }
        assertEquals(List.of("server", "client", "transport"),
                Arrays.stream(ClosedBy.values()).map(ClosedBy::wire).toList());
        assertEquals(List.of("ws_pong", "tick", "probe"),
                Arrays.stream(LivenessKind.values()).map(LivenessKind::wire).toList());
        assertEquals(ENVELOPE + "\"type\":\"liveness_timeout\",\"kind\":\"ws_pong\",\"silence_ms\":10004,"
                + "\"deadline_ms\":10000}", line(new LinkEvent.LivenessTimeout(LivenessKind.WS_PONG, 10_004, 10_000)));
        String unknown = "{\"seq\":1,\"ts\":\"2026-11-27T23:05:14.090Z\",\"mono_ms\":5,\"gen\":2,"
                + "\"type\":\"closed\",\"code\":1000,\"reason\":\"\",\"by\":\"proxy\"}";
        assertEquals(Optional.empty(), JournalJson.parse(unknown));
    }

    @Test
    void aLeadingByteOrderMarkIsSkipped() {
        JournalEntry entry = new JournalEntry(1, TS, 0, 0, new LinkEvent.SocketOpen());
        assertEquals(Optional.of(entry), JournalJson.parse("\uFEFF" + JournalJson.toLine(entry)));
    }

    @Test
    void absentOrNullOptionalFieldsReadAsNull() {
        String absent = ENVELOPE + "\"type\":\"handshake_failed\",\"retryable\":true}";
        String explicitNull = ENVELOPE + "\"type\":\"handshake_failed\",\"error_code\":null,\"retryable\":true,"
                + "\"retry_after_ms\":null}";
        HandshakeFailed expected = new HandshakeFailed(null, null, true, null, null);
        assertEquals(expected, JournalJson.parse(absent).orElseThrow().event());
        assertEquals(expected, JournalJson.parse(explicitNull).orElseThrow().event());
        assertNull(((HandshakeFailed) JournalJson.parse(absent).orElseThrow().event()).closeCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "not json",
        "[1,2,3]",
        "{\"seq\":1}",
        HEAD + "\"brand_new_type\"}",
        HEAD + "\"tick\"}",
        HEAD + "\"tick\",\"frame_seq\":\"x\"}",
        HEAD + "\"closed\",\"code\":1000,\"by\":\"client\"}",
        HEAD + "\"closed\",\"code\":1000.5,\"reason\":\"\",\"by\":\"client\"}",
        HEAD + "\"closed\",\"code\":\"1000\",\"reason\":\"\",\"by\":\"client\"}",
        HEAD + "\"connect_attempt\",\"attempt\":99999999999,\"url\":\"ws://x\"}",
        HEAD + "\"hello_ok\",\"server_version\":\"1\",\"protocol\":4,\"tick_interval_ms\":1,\"methods\":[1],\"scopes\":[]}",
        HEAD + "\"handshake_failed\",\"retryable\":\"yes\"}",
        "{\"seq\":7,\"ts\":\"yesterday\",\"mono_ms\":1,\"gen\":3,\"type\":\"socket_open\"}",
        "{\"seq\":7,\"ts\":\"2026-11-27T23:05:14.090Z\",\"gen\":3,\"type\":\"socket_open\"}",
        HEAD + "\"socket_open\"} trailing",
        HEAD + "\"ws_pong\",\"rtt_ms\":1e999}",
    })
    void linesThatAreNotEntriesOfAKnownTypeReadAsEmpty(String line) {
        assertEquals(Optional.empty(), JournalJson.parse(line));
    }

    @Test
    void aWrittenLineHasNoLineTerminator() {
        for (LinkEvent event : SampleEvents.all()) {
            String line = line(event);
            assertFalse(line.contains("\n") || line.contains("\r"), line);
        }
    }
}
