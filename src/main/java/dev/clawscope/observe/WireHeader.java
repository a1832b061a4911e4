package dev.clawscope.observe;

/**
 * An RFC 6455 frame header as the observer reads it: the fields only, so that a frame the RFC
 * forbids (reserved bits, a masked server frame, a reserved opcode) can still be relayed and named.
 * Only a 64-bit length with its top bit set leaves the stream without frame boundaries.
 */
record WireHeader(boolean fin, int rsv, int opcode, boolean masked, long length, int headerLength, byte[] maskKey) {

    /** The header in {@code buf[0, available)}, or null when more bytes are needed. */
    static WireHeader parse(byte[] buf, int available) {
        if (available < 2) {
            return null;
        }
        int b0 = buf[0] & 0xFF;
        int b1 = buf[1] & 0xFF;
        boolean masked = (b1 & 0x80) != 0;
        int len7 = b1 & 0x7F;
        int extended = len7 == 126 ? 2 : len7 == 127 ? 8 : 0;
        int headerLength = 2 + extended + (masked ? 4 : 0);
        if (available < headerLength) {
            return null;
        }
        long length = len7;
        if (extended == 2) {
            length = ((buf[2] & 0xFF) << 8) | (buf[3] & 0xFF);
        } else if (extended == 8) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | (buf[2 + i] & 0xFF);
            }
        }
        byte[] key = null;
        if (masked) {
            key = new byte[4];
            System.arraycopy(buf, 2 + extended, key, 0, 4);
        }
        return new WireHeader((b0 & 0x80) != 0, (b0 >> 4) & 0x7, b0 & 0x0F, masked, length, headerLength, key);
    }

    /** Bytes needed to know the header's length from its first two, at most 14. */
    static int neededFor(byte[] buf, int available) {
        if (available < 2) {
            return 2;
        }
        int len7 = buf[1] & 0x7F;
        return 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + ((buf[1] & 0x80) != 0 ? 4 : 0);
    }
}
