package dev.clawscope.ws;

import java.nio.charset.StandardCharsets;

/**
 * A close frame's payload: the status code and reason the peer sent, validated as RFC 6455
 * requires, and the payload a client sends back.
 *
 * @param code   the status code; 1005 ("no status") when the payload was empty
 * @param reason the reason text, possibly empty
 */
public record CloseFrame(int code, String reason) {

    /** Status code for a close frame without payload; never sent on the wire. */
    public static final int NO_STATUS = 1005;
    /** Longest reason that fits a control frame (125 bytes less the 2-byte code). */
    public static final int MAX_REASON_BYTES = 123;

    /** Reads a received close payload; a 1-byte payload, a code not allowed on the wire or a reason that is not UTF-8 is a violation. */
    public static CloseFrame parse(byte[] payload) throws ProtocolViolation {
        if (payload.length == 0) {
            return new CloseFrame(NO_STATUS, "");
        }
        if (payload.length == 1) {
            throw new ProtocolViolation(1002, "a close frame with a 1-byte payload");
        }
        int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        if (!isSendable(code)) {
            throw new ProtocolViolation(1002, "a close frame with code " + code + ", which may not be sent");
        }
        if (!Utf8.isValid(payload, 2, payload.length - 2)) {
            throw new ProtocolViolation(1007, "a close reason that is not valid UTF-8");
        }
        return new CloseFrame(code, new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8));
    }

    /**
     * Codes an endpoint may put in a close frame: the defined ones below 1016 except 1004 to 1006
     * and 1015, which are reserved or only reported locally, and 3000 to 4999 for libraries and
     * applications.
     */
    public static boolean isSendable(int code) {
        if (code >= 3000 && code <= 4999) {
            return true;
        }
        return code >= 1000 && code <= 1014 && code != 1004 && code != 1005 && code != 1006;
    }

    /** The payload to send: the code (1000 in place of one that may not be sent) and the reason cut to fit. */
    public static byte[] payload(int code, String reason) {
        int sent = isSendable(code) ? code : 1000;
        byte[] text = fit(reason == null ? "" : reason);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (sent >> 8);
        payload[1] = (byte) sent;
        System.arraycopy(text, 0, payload, 2, text.length);
        return payload;
    }

    private static byte[] fit(String reason) {
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_REASON_BYTES) {
            return bytes;
        }
        int end = MAX_REASON_BYTES;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // do not cut a character in half
        }
        return java.util.Arrays.copyOf(bytes, end);
    }
}
