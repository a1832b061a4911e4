package dev.clawscope.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The observer's unmasking copy against the RFC's byte-by-byte definition, at every alignment. */
class WireReaderUnmaskTest {

    @Test
    void unmasksLikeTheRfcAtAnyOffsetLengthAndPosition() {
        SplittableRandom random = new SplittableRandom(6455);
        byte[] key = {(byte) 0x9A, 0x17, (byte) 0xC3, 0x5E};
        byte[] src = new byte[300];
        random.nextBytes(src);
        for (int length = 0; length <= 70; length++) {
            for (int offset = 0; offset < 9; offset++) {
                for (int srcAt = 0; srcAt < 5; srcAt++) {
                    int dstAt = (srcAt * 3 + offset) % 7;
                    byte[] dst = new byte[dstAt + length + 3];
                    WireReader.unmask(src, srcAt, dst, dstAt, length, key, offset);
                    byte[] expected = new byte[dst.length];
                    for (int i = 0; i < length; i++) {
                        expected[dstAt + i] = (byte) (src[srcAt + i] ^ key[(offset + i) & 3]);
                    }
                    assertThat(dst).as("length %d, offset %d, from %d to %d", length, offset, srcAt, dstAt)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void copiesUnmaskedBytesAsTheyAre() {
        byte[] src = "{\"type\":\"event\",\"event\":\"tick\"}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] dst = new byte[src.length + 2];
        WireReader.unmask(src, 0, dst, 2, src.length, null, 5);
        assertThat(java.util.Arrays.copyOfRange(dst, 2, dst.length)).isEqualTo(src);
        assertThat(dst[0]).isZero();
        assertThat(dst[1]).isZero();
    }

    @Test
    void aMessageSplitAcrossReadsUnmasksAsOne() {
        SplittableRandom random = new SplittableRandom(18);
        byte[] key = {0x01, (byte) 0xFE, 0x7F, (byte) 0x80};
        byte[] payload = new byte[65_536];
        random.nextBytes(payload);
        byte[] masked = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            masked[i] = (byte) (payload[i] ^ key[i & 3]);
        }
        byte[] out = new byte[payload.length];
        int at = 0;
        while (at < masked.length) {
            int chunk = Math.min(masked.length - at, 1 + random.nextInt(5_000));
            WireReader.unmask(masked, at, out, at, chunk, key, at);
            at += chunk;
        }
        assertThat(out).isEqualTo(payload);
    }
}
