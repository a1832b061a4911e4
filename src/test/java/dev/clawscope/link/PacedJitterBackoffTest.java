package dev.clawscope.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.link.ReconnectPlanner.Cause;
import dev.clawscope.link.ReconnectPlanner.Decision.Retry;
import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PacedJitterBackoffTest {

    private final PacedJitterBackoff paced = new PacedJitterBackoff();

    @Test
    void theFirstRetryIsUniformWithin2800Ms() {
        SplittableRandom random = new SplittableRandom(7);
        long[] first = LongStream.range(0, 20_000).map(i -> paced.delayMs(1, 0, 0, random)).sorted().toArray();

        assertTrue(first[0] >= 0 && first[first.length - 1] <= 2_800, first[0] + ".." + first[first.length - 1]);
        // A uniform draw's median is half its range: a lone client is back after a blip in 1.4 s.
        assertTrue(Math.abs(first[first.length / 2] - 1_400) < 50, "median " + first[first.length / 2]);
    }

    @Test
    void retriesArePacedWhileTheOutageIsYoungerThanThirtySeconds() {
        SplittableRandom random = new SplittableRandom(8);
        for (long outage : new long[] {1, 10_000, 29_999}) {
            LongSummaryStatistics s = LongStream.range(0, 5_000)
                    .map(i -> paced.delayMs(2 + (int) (i % 20), outage, 2_500, random)).summaryStatistics();
            assertTrue(s.getMin() >= 2_200 && s.getMax() <= 3_200, outage + ": " + s);
        }
    }

    @Test
    void afterThirtySecondsEachWaitAtMostDoublesUpToTheSteadyRange() {
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 5_000; i++) {
            long fromPaced = paced.delayMs(12, 30_000, 3_000, random);
            assertTrue(fromPaced >= 3_000 && fromPaced <= 6_000, "after 3 s: " + fromPaced);
            long steady = paced.delayMs(20, 200_000, 22_000, random);
            assertTrue(steady >= 14_000 && steady <= 22_000, "steady: " + steady);
            long small = paced.delayMs(20, 200_000, 100, random);
            assertTrue(small >= 2_200 && small <= 4_400, "a short previous wait counts as the paced minimum: " + small);
        }
    }

    @Test
    void throughThePlannerAnOutageWalksThroughItsThreePhases() {
        ReconnectPlanner planner = new ReconnectPlanner(paced, new SplittableRandom(10));
        List<Long> at = new ArrayList<>();
        long now = 0;
        while (now < 300_000) {
            Retry retry = (Retry) planner.next(new Cause.Transient("refused"), now);
            now += retry.delayMs();
            at.add(now);
        }
        assertTrue(at.get(0) <= 2_800, "first " + at.get(0));
        for (int i = 1; i < at.size(); i++) {
            long gap = at.get(i) - at.get(i - 1);
            long previousAt = at.get(i - 1);
            if (previousAt < 30_000) {
                assertTrue(gap >= 2_200 && gap <= 3_200, "paced gap " + gap + " at " + previousAt);
            } else {
                assertTrue(gap >= 2_200 && gap <= 22_000, "gap " + gap + " at " + previousAt);
            }
        }
        long lastGap = at.get(at.size() - 1) - at.get(at.size() - 2);
        assertTrue(lastGap >= 14_000, "steady by five minutes: " + lastGap);
        // 10 to 13 paced retries in 30 s, then about 15 more in the 270 s after.
        assertTrue(at.size() >= 20 && at.size() <= 32, at.size() + " attempts: " + at);
    }

    @Test
    void aConnectionThatWasStableStartsANewOutageAndAShortOneDoesNot() {
        ReconnectPlanner planner = new ReconnectPlanner(paced, new SplittableRandom(11));
        long now = 0;
        while (now < 60_000) {
            now += ((Retry) planner.next(new Cause.Transient("refused"), now)).delayMs();
        }
        planner.onHelloOk(now);
        long flap = ((Retry) planner.next(new Cause.Transient("closed 1006"), now + 1_000)).delayMs();
        assertTrue(flap >= 2_200, "dropped within the stable period: still the old outage, " + flap + " ms");

        planner.onHelloOk(now + 100_000);
        long fresh = ((Retry) planner.next(new Cause.Transient("closed 1006"), now + 200_000)).delayMs();
        assertTrue(fresh <= 2_800, "after a stable connection a new outage starts with a quick retry: " + fresh);
        assertEquals(1, planner.attempts());
        long paced2 = ((Retry) planner.next(new Cause.Transient("refused"), now + 200_000 + fresh)).delayMs();
        assertTrue(paced2 >= 2_200 && paced2 <= 3_200, "and is paced again: " + paced2);
    }

    @Test
    void withoutHistoryTheFirstAttemptIsQuickAndLaterOnesSteady() {
        SplittableRandom random = new SplittableRandom(12);
        for (int i = 0; i < 1_000; i++) {
            assertTrue(paced.delayMs(1, random) <= 2_800);
            long later = paced.delayMs(5, random);
            assertTrue(later >= 14_000 && later <= 22_000, "later: " + later);
        }
    }

    @Test
    void rejectsRangesThatMakeNoSense() {
        assertThrows(IllegalArgumentException.class, () -> new PacedJitterBackoff(3_000, 30_000, 0, 3_200, 14_000, 22_000));
        assertThrows(IllegalArgumentException.class, () -> new PacedJitterBackoff(3_000, 30_000, 3_300, 3_200, 14_000, 22_000));
        assertThrows(IllegalArgumentException.class, () -> new PacedJitterBackoff(3_000, 30_000, 2_200, 3_200, 22_000, 14_000));
        assertThrows(IllegalArgumentException.class, () -> new PacedJitterBackoff(-1, 30_000, 2_200, 3_200, 14_000, 22_000));
        assertThrows(IllegalArgumentException.class, () -> paced.delayMs(0, 0, 0, new SplittableRandom(1)));
    }

    @Test
    void itsSummaryStatesItsOwnNumbers() {
        assertEquals("First retry within 2.8 s, then every 2.2–3.2 s for the first 30 s of an outage, then growing to"
                + " 14–22 s; follows the gateway's restart and retry-after hints.", paced.summary());
        assertEquals("First retry within 3 s, then every 1.6–2.4 s for the first 10 s of an outage, then growing to"
                + " 25–35 s; follows the gateway's restart and retry-after hints.",
                new PacedJitterBackoff(3_000, 10_000, 1_600, 2_400, 25_000, 35_000).summary());
    }
}
