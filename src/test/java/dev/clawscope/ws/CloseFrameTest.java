package dev.clawscope.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CloseFrameTest {

    private static byte[] payload(int code, byte[] reason) {
        byte[] p = new byte[2 + reason.length];
        p[0] = (byte) (code >> 8);
        p[1] = (byte) code;
        System.arraycopy(reason, 0, p, 2, reason.length);
        return p;
    }

    @Test
    void anEmptyPayloadIsNoStatus() throws ProtocolViolation {
        assertEquals(new CloseFrame(1005, ""), CloseFrame.parse(new byte[0]));
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 4000, 4999})
    void sendableCodesAreRead(int code) throws ProtocolViolation {
        assertEquals(new CloseFrame(code, "bye"), CloseFrame.parse(payload(code, "bye".getBytes(StandardCharsets.UTF_8))));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535})
    void codesThatMayNotBeSentAreProtocolErrors(int code) {
        assertEquals(1002, assertThrows(ProtocolViolation.class, () -> CloseFrame.parse(payload(code, new byte[0]))).code());
    }

    @Test
    void aOneBytePayloadIsAProtocolError() {
        assertEquals(1002, assertThrows(ProtocolViolation.class, () -> CloseFrame.parse(new byte[] {3})).code());
    }

    @Test
    void aReasonThatIsNotUtf8IsInvalidData() {
        byte[] bad = payload(1000, new byte[] {(byte) 0xC0, (byte) 0xAF});
        assertEquals(1007, assertThrows(ProtocolViolation.class, () -> CloseFrame.parse(bad)).code());
    }

    @Test
    void anOutgoingReasonIsCutToFitWithoutSplittingACharacter() throws ProtocolViolation {
        byte[] out = CloseFrame.payload(4000, "ä".repeat(100));
        assertEquals(2 + 122, out.length, "61 two-byte characters fit in 123 bytes, not 61.5");
        assertEquals(new CloseFrame(4000, "ä".repeat(61)), CloseFrame.parse(out));
    }

    @Test
    void aCodeThatMayNotBeSentGoesOutAs1000() {
        assertArrayEquals(new byte[] {0x03, (byte) 0xE8}, CloseFrame.payload(1006, null));
    }
}
