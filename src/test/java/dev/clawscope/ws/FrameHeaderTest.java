package dev.clawscope.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrameHeaderTest {

    private static FrameHeader parse(String hex) throws ProtocolViolation {
        byte[] bytes = HexFormat.of().parseHex(hex);
        return FrameHeader.parse(bytes, 0, bytes.length);
    }

    @ParameterizedTest(name = "{0} declares {1} bytes")
    @CsvSource({
            "8105, 5, 2",
            "817e0100, 256, 4",
            "817effff, 65535, 4",
            "817f0000000004000000, 67108864, 10",
            "817f3fffffffffffffff, 4611686018427387903, 10",
            "817f7fffffffffffffff, 9223372036854775807, 10"})
    void readsTheThreeLengthForms(String hex, long length, int headerLength) throws ProtocolViolation {
        FrameHeader header = parse(hex);
        assertEquals(length, header.length());
        assertEquals(headerLength, header.headerLength());
        assertTrue(header.fin());
        assertEquals(Opcode.TEXT, header.opcode());
    }

    @Test
    void asksForMoreBytesUntilTheHeaderIsComplete() throws ProtocolViolation {
        byte[] full = HexFormat.of().parseHex("817f0000000004000000");
        for (int available = 0; available < full.length; available++) {
            assertNull(FrameHeader.parse(full, 0, available), available + " bytes");
        }
        assertEquals(67_108_864, FrameHeader.parse(full, 0, full.length).length());
    }

    @Test
    void readsAMaskingKeyAndRefusesItFromAServer() throws ProtocolViolation {
        FrameHeader header = parse("818512345678");
        assertTrue(header.masked());
        assertEquals(0x12345678, header.maskKey());
        assertEquals(6, header.headerLength());
        ProtocolViolation v = assertThrows(ProtocolViolation.class, header::checkFromServer);
        assertEquals(1002, v.code());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({
            "c100, RSV1 set",
            "a100, RSV2 set",
            "9100, RSV3 set",
            "8300, reserved data opcode 3",
            "8b00, reserved control opcode 0xB",
            "0900, a fragmented ping",
            "897e, a ping declaring 126 bytes",
            "887e, a close declaring 126 bytes",
            "817f8000000000000000, a 64-bit length with its top bit set"})
    void structuralViolationsAreProtocolErrorsAtTheHeader(String hex, String what) {
        ProtocolViolation v = assertThrows(ProtocolViolation.class, () -> parse(hex), what);
        assertEquals(1002, v.code(), what);
    }
}
