package dev.clawscope.ws;

/**
 * Strict UTF-8 validation as RFC 6455 requires of text frames: no overlong forms, no surrogates,
 * nothing above U+10FFFF, no truncated sequence. The JDK's decoders replace bad input instead of
 * rejecting it, and a reporting decoder would allocate a second copy of the message.
 */
public final class Utf8 {

    private Utf8() {
    }

    /** True when {@code bytes[from, from + length)} is well-formed UTF-8. */
    public static boolean isValid(byte[] bytes, int from, int length) {
        int i = from;
        int end = from + length;
        while (i < end) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int need;
            int min;
            int cp;
            if (b >= 0xC2 && b <= 0xDF) {
                need = 1;
                min = 0x80;
                cp = b & 0x1F;
            } else if (b >= 0xE0 && b <= 0xEF) {
                need = 2;
                min = 0x800;
                cp = b & 0x0F;
            } else if (b >= 0xF0 && b <= 0xF4) {
                need = 3;
                min = 0x10000;
                cp = b & 0x07;
            } else {
                return false; // a continuation byte first, 0xC0/0xC1 (always overlong), or 0xF5 and above
            }
            if (end - i <= need) {
                return false;
            }
            for (int k = 1; k <= need; k++) {
                int c = bytes[i + k] & 0xFF;
                if ((c & 0xC0) != 0x80) {
                    return false;
                }
                cp = (cp << 6) | (c & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return false;
            }
            i += need + 1;
        }
        return true;
    }
}
