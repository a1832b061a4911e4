package dev.clawscope.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CloseCodeTest {

    @ParameterizedTest
    @CsvSource({
        "1000, NORMAL, RECONNECT, true",
        "1002, PROTOCOL_ERROR, STOP, false",
        "1005, NO_STATUS, RECONNECT, true",
        "1006, ABNORMAL, RECONNECT, true",
        "1008, POLICY_VIOLATION, FOLLOW_ERROR, true",
        "1009, MESSAGE_TOO_BIG, STOP, false",
        "1011, INTERNAL_ERROR, RECONNECT, true",
        "1012, SERVICE_RESTART, RECONNECT, true",
        "1013, TRY_AGAIN_LATER, RECONNECT_AFTER_DELAY, true",
        "4000, CLIENT_TIMEOUT, RECONNECT, true",
        "4001, CREDENTIALS_CHANGED, RECONNECT, true"
    })
    void knownCodes(int code, CloseCode expected, CloseCode.Advice advice, boolean reconnects) {
        CloseCode closeCode = CloseCode.of(code).orElseThrow();
        assertEquals(expected, closeCode);
        assertEquals(code, closeCode.code());
        assertEquals(advice, closeCode.advice());
        assertEquals(advice, CloseCode.adviceFor(code));
        assertEquals(reconnects, closeCode.reconnects());
        assertFalse(closeCode.meaning().isBlank());
        assertEquals(code + " " + closeCode.meaning(), CloseCode.describe(code));
    }

    @Test
    void meaningsMatchTheGatewayReasons() {
        assertTrue(CloseCode.SERVICE_RESTART.meaning().contains("restart"));
        assertTrue(CloseCode.TRY_AGAIN_LATER.meaning().contains("starting"));
        assertTrue(CloseCode.CLIENT_TIMEOUT.meaning().contains("tick timeout"));
        assertTrue(CloseCode.PROTOCOL_ERROR.meaning().contains("protocol mismatch"));
    }

    @ParameterizedTest
    @CsvSource({
        "1001, 1001 other WebSocket protocol code",
        "1015, 1015 other WebSocket protocol code",
        "3000, 3000 library or framework code",
        "4002, 4002 unknown application code",
        "999, 999 invalid close code",
        "5000, 5000 invalid close code",
        "-1, -1 invalid close code"
    })
    void unknownCodesAreDescribedAndReconnect(int code, String description) {
        assertEquals(Optional.empty(), CloseCode.of(code));
        assertEquals(description, CloseCode.describe(code));
        assertEquals(CloseCode.Advice.RECONNECT, CloseCode.adviceFor(code));
    }

    @Test
    void codesAreUnique() {
        assertEquals(CloseCode.values().length,
                Arrays.stream(CloseCode.values()).map(CloseCode::code).collect(Collectors.toSet()).size());
    }
}
