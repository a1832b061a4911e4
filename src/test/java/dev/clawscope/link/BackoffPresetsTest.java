package dev.clawscope.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffPresetsTest {

    /** Fails if a policy without jitter draws a random number. */
    private static final RandomGenerator NO_RANDOM = () -> {
        throw new AssertionError("no jitter expected");
    };

    private static long[] delays(BackoffPolicy policy, RandomGenerator random, int attempts) {
        return IntStream.rangeClosed(1, attempts).mapToLong(n -> policy.delayMs(n, random)).toArray();
    }

    @Test
    void openClawReferenceDoublesFromOneSecondToThirtyWithoutJitter() {
        OpenClawReferenceBackoff reference = new OpenClawReferenceBackoff();

        assertArrayEquals(new long[] {1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000},
                delays(reference, NO_RANDOM, 8));
        assertEquals(30_000, reference.delayMs(Integer.MAX_VALUE, NO_RANDOM));
        assertEquals("openclaw-reference", reference.name());
    }

    @Test
    void windowsTrayFollowsItsTableWithNoJitterAtZero() {
        assertArrayEquals(new long[] {1_000, 2_000, 4_000, 8_000, 15_000, 30_000, 60_000, 60_000, 60_000},
                delays(new WindowsTrayBackoff(), new FixedRandom(0), 9));
    }

    @Test
    void windowsTrayAddsJustUnderAQuarterAtTheTopOfTheDraw() {
        assertArrayEquals(new long[] {1_249, 2_499, 4_999, 9_999, 18_749, 37_499, 74_999, 74_999},
                delays(new WindowsTrayBackoff(), FixedRandom.top(), 8));
    }

    @Test
    void windowsTrayJitterOnlyEverAdds() {
        WindowsTrayBackoff tray = new WindowsTrayBackoff();
        RandomGenerator random = new SplittableRandom(7);
        long[] steps = {1_000, 2_000, 4_000, 8_000, 15_000, 30_000, 60_000};
        for (int attempt = 1; attempt <= 7; attempt++) {
            long step = steps[attempt - 1];
            for (int i = 0; i < 1_000; i++) {
                long delay = tray.delayMs(attempt, random);
                assertTrue(delay >= step && delay < step + step / 4, "attempt " + attempt + ": " + delay);
            }
        }
        assertEquals(60_000, tray.delayMs(Integer.MAX_VALUE, new FixedRandom(0)));
        assertEquals("windows-tray", tray.name());
    }

    @Test
    void attemptsCountFromOne() {
        assertThrows(IllegalArgumentException.class, () -> new OpenClawReferenceBackoff().delayMs(0, NO_RANDOM));
        assertThrows(IllegalArgumentException.class, () -> new WindowsTrayBackoff().delayMs(0, new FixedRandom(0)));
    }
}
