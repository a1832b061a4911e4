package dev.clawscope.ws;

import java.util.random.RandomGenerator;

/** Encodes the frames a client sends: final, unfragmented, and masked as RFC 6455 requires. */
public final class ClientFrames {

    private final RandomGenerator random;

    /** @param random the source of masking keys; unpredictable to the network, as the RFC asks */
    public ClientFrames(RandomGenerator random) {
        this.random = random;
    }

    /** One whole frame: header, masking key and the masked payload. */
    public byte[] encode(int opcode, byte[] payload) {
        int length = payload.length;
        int extended = length <= 125 ? 0 : length <= 0xFFFF ? 2 : 8;
        byte[] frame = new byte[2 + extended + 4 + length];
        frame[0] = (byte) (0x80 | opcode);
        int i = 2;
        if (extended == 0) {
            frame[1] = (byte) (0x80 | length);
        } else if (extended == 2) {
            frame[1] = (byte) (0x80 | 126);
            frame[i++] = (byte) (length >> 8);
            frame[i++] = (byte) length;
        } else {
            frame[1] = (byte) (0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame[i++] = (byte) ((long) length >> shift);
            }
        }
        byte[] key = new byte[4];
        random.nextBytes(key);
        System.arraycopy(key, 0, frame, i, 4);
        i += 4;
        for (int k = 0; k < length; k++) {
            frame[i + k] = (byte) (payload[k] ^ key[k & 3]);
        }
        return frame;
    }
}
