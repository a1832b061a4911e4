package dev.clawscope.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LongSummaryStatistics;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class FullJitterBackoffTest {

    private static final int DRAWS = 10_000;
    private static final long[] BOUNDS_MS = {
        1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000, 30_000, 30_000, 30_000, 30_000};

    private final FullJitterBackoff backoff = new FullJitterBackoff();
    private final RandomGenerator random = new SplittableRandom(20260906);

    @Test
    void drawsFromZeroToTheDoublingBoundCappedAt30Seconds() {
        for (int attempt = 1; attempt <= 12; attempt++) {
            long bound = BOUNDS_MS[attempt - 1];
            assertEquals(bound, backoff.boundMs(attempt));
            int n = attempt;
            LongSummaryStatistics delays = LongStream.range(0, DRAWS)
                    .map(i -> backoff.delayMs(n, random)).summaryStatistics();

            assertTrue(delays.getMin() >= 0 && delays.getMax() <= bound, "attempt " + attempt + ": " + delays);
            assertTrue(delays.getMin() < bound / 100, "attempt " + attempt + " reaches near 0: " + delays);
            assertTrue(delays.getMax() > bound - bound / 100, "attempt " + attempt + " reaches near the bound: " + delays);
        }
    }

    @Test
    void neverOverflowsForLargeAttempts() {
        for (int attempt : new int[] {31, 32, 33, 62, 63, 64, 65, 1_000, Integer.MAX_VALUE}) {
            assertEquals(30_000, backoff.boundMs(attempt), "attempt " + attempt);
            long delay = backoff.delayMs(attempt, random);
            assertTrue(delay >= 0 && delay <= 30_000, "attempt " + attempt + ": " + delay);
        }
        FullJitterBackoff huge = new FullJitterBackoff(3, Long.MAX_VALUE - 1);
        assertEquals(3L << 61, huge.boundMs(62));
        assertEquals(Long.MAX_VALUE - 1, huge.boundMs(63));
        assertEquals(Long.MAX_VALUE - 1, huge.boundMs(Integer.MAX_VALUE));
    }

    @Test
    void baseAndCapAreConfigurable() {
        FullJitterBackoff custom = new FullJitterBackoff(250, 5_000);

        assertEquals(250, custom.boundMs(1));
        assertEquals(4_000, custom.boundMs(5));
        assertEquals(5_000, custom.boundMs(6));
        assertEquals("full-jitter", custom.name());
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new FullJitterBackoff(0, 1_000));
        assertThrows(IllegalArgumentException.class, () -> new FullJitterBackoff(2_000, 1_000));
        assertThrows(IllegalArgumentException.class, () -> backoff.delayMs(0, random));
        assertThrows(IllegalArgumentException.class, () -> backoff.delayMs(-3, random));
        assertThrows(NullPointerException.class, () -> backoff.delayMs(1, null));
    }
}
