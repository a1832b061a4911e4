package dev.clawscope.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8Test {

    @ParameterizedTest
    @ValueSource(strings = {"", "plain ascii", "grüße", "日本語", "emoji 🦀 and 🧪", "\u0000 nul is fine", "\uFFFF"})
    void wellFormedTextIsValid(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertEquals(true, Utf8.isValid(bytes, 0, bytes.length));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({
            "80, a lone continuation byte",
            "c0af, overlong slash (2 bytes)",
            "c1bf, overlong (0xC1 lead)",
            "e080af, overlong slash (3 bytes)",
            "f08080af, overlong slash (4 bytes)",
            "eda080, a UTF-16 high surrogate",
            "edbfbf, a UTF-16 low surrogate",
            "f4908080, above U+10FFFF",
            "f5808080, a lead byte above 0xF4",
            "ff, 0xFF",
            "e282, truncated 3-byte sequence",
            "f09f98, truncated 4-byte sequence",
            "c328, a lead byte followed by ASCII",
            "cebae1bdb9cf83cebcceb5eda080656469746564, valid text then a surrogate"})
    void malformedSequencesAreRejected(String hex, String what) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        assertEquals(false, Utf8.isValid(bytes, 0, bytes.length), what);
    }

    @ParameterizedTest
    @CsvSource({"1, 3, true", "0, 4, false", "1, 2, false"})
    void checksOnlyTheGivenRange(int from, int length, boolean valid) {
        byte[] bytes = {(byte) 0xFF, 'a', (byte) 0xC3, (byte) 0xA4};
        assertEquals(valid, Utf8.isValid(bytes, from, length));
    }
}
