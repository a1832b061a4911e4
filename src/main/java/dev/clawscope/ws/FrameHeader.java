package dev.clawscope.ws;

/**
 * One RFC 6455 frame header as read off the wire. {@link #parse} checks everything a header alone
 * can prove wrong, before a single payload byte is read.
 *
 * @param fin     the final fragment of a message
 * @param rsv     the three reserved bits (bit 2 is RSV1)
 * @param opcode  the four-bit opcode
 * @param masked  whether a masking key follows
 * @param length  the declared payload length (at most 2^63 − 1)
 * @param headerLength bytes the header took, masking key included
 * @param maskKey the masking key, or 0 when not masked
 */
public record FrameHeader(boolean fin, int rsv, int opcode, boolean masked, long length, int headerLength,
        int maskKey) {

    /** Longest possible header: 2 bytes, 8 of extended length, 4 of masking key. */
    public static final int MAX_LENGTH = 14;

    /**
     * The header at {@code buf[off, off + available)}, or {@code null} when more bytes are needed.
     * Structural checks only (RSV bits, reserved opcodes, control frame rules, the 64-bit length's
     * top bit); whether masking is allowed depends on the direction, see {@link #checkFromServer}.
     */
    public static FrameHeader parse(byte[] buf, int off, int available) throws ProtocolViolation {
        if (available < 2) {
            return null;
        }
        int b0 = buf[off] & 0xFF;
        int b1 = buf[off + 1] & 0xFF;
        boolean fin = (b0 & 0x80) != 0;
        int rsv = (b0 >> 4) & 0x7;
        int opcode = b0 & 0x0F;
        boolean masked = (b1 & 0x80) != 0;
        int len7 = b1 & 0x7F;
        int extended = len7 == 126 ? 2 : len7 == 127 ? 8 : 0;
        int headerLength = 2 + extended + (masked ? 4 : 0);
        if (rsv != 0) {
            throw new ProtocolViolation(1002, "a frame with reserved bits set (RSV " + Integer.toBinaryString(rsv)
                    + ") but no extension was agreed");
        }
        if (!Opcode.isDefined(opcode)) {
            throw new ProtocolViolation(1002, "a frame with the " + Opcode.name(opcode));
        }
        if (Opcode.isControl(opcode)) {
            if (!fin) {
                throw new ProtocolViolation(1002, "a fragmented " + Opcode.name(opcode) + " frame");
            }
            if (len7 > 125) {
                throw new ProtocolViolation(1002, "a " + Opcode.name(opcode) + " frame longer than 125 bytes");
            }
        }
        if (available < 2 + extended) {
            return null;
        }
        long length = len7;
        if (extended == 2) {
            length = ((buf[off + 2] & 0xFF) << 8) | (buf[off + 3] & 0xFF);
        } else if (extended == 8) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | (buf[off + 2 + i] & 0xFF);
            }
            if (length < 0) {
                throw new ProtocolViolation(1002, "a frame length with its most significant bit set");
            }
        }
        if (available < headerLength) {
            return null;
        }
        int key = 0;
        if (masked) {
            int k = off + 2 + extended;
            key = ((buf[k] & 0xFF) << 24) | ((buf[k + 1] & 0xFF) << 16) | ((buf[k + 2] & 0xFF) << 8) | (buf[k + 3] & 0xFF);
        }
        return new FrameHeader(fin, rsv, opcode, masked, length, headerLength, key);
    }

    /** A server must not mask its frames (RFC 6455, section 5.1). */
    public FrameHeader checkFromServer() throws ProtocolViolation {
        if (masked) {
            throw new ProtocolViolation(1002, "a masked " + Opcode.name(opcode) + " frame from the server");
        }
        return this;
    }
}
