package dev.clawscope.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.link.ReconnectPlanner.Cause;
import dev.clawscope.link.ReconnectPlanner.Decision;
import dev.clawscope.link.ReconnectPlanner.Decision.Pause;
import dev.clawscope.link.ReconnectPlanner.Decision.Retry;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Time is passed explicitly in milliseconds, so every decision below is exact. */
class ReconnectPlannerTest {

    private static final String REFERENCE = "openclaw-reference";
    private static final Cause DROPPED = new Cause.Transient("closed 1006");

    private final ReconnectPlanner planner = new ReconnectPlanner(new OpenClawReferenceBackoff(), new SplittableRandom(1));

    private static Retry retry(Decision decision) {
        return assertInstanceOf(Retry.class, decision);
    }

    @Test
    void retriesWithThePolicyDelayAndTheCauseForTheJournal() {
        assertEquals(new Retry(1, 1_000, REFERENCE, "transient:closed 1006"), planner.next(DROPPED, 0));
        assertEquals(new Retry(2, 2_000, REFERENCE, "transient:closed 1006"), planner.next(DROPPED, 1_000));
        assertEquals(2, planner.attempts());
    }

    @Test
    void keepsGrowingWhileConnectsFail() {
        List<Long> delays = new ArrayList<>();
        long now = 0;
        for (int i = 0; i < 7; i++) {
            Retry next = retry(planner.next(DROPPED, now));
            delays.add(next.delayMs());
            now += next.delayMs();
        }

        assertEquals(List.of(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L), delays);
    }

    @Test
    void aFlappingGatewayDoesNotResetTheBackoff() {
        long now = 0;
        List<Integer> attempts = new ArrayList<>();
        List<Long> delays = new ArrayList<>();
        Retry next = retry(planner.next(DROPPED, now));
        for (int flap = 0; flap < 5; flap++) {
            now += next.delayMs();
            planner.onHelloOk(now);
            now += 2_000;
            planner.onConnectionLost(now);
            next = retry(planner.next(DROPPED, now));
            attempts.add(next.attempt());
            delays.add(next.delayMs());
        }

        assertEquals(List.of(2, 3, 4, 5, 6), attempts);
        assertEquals(List.of(2_000L, 4_000L, 8_000L, 16_000L, 30_000L), delays);
    }

    @Test
    void aConnectionUpForTheStablePeriodResetsTheBackoff() {
        planner.next(DROPPED, 0);
        planner.next(DROPPED, 1_000);
        planner.next(DROPPED, 3_000);

        planner.onHelloOk(7_000);
        planner.onConnectionLost(17_000);

        assertEquals(new Retry(1, 1_000, REFERENCE, "transient:closed 1006"), planner.next(DROPPED, 17_000));
    }

    @Test
    void justUnderTheStablePeriodIsNotEnough() {
        planner.next(DROPPED, 0);
        planner.onHelloOk(1_000);
        planner.onConnectionLost(10_999);

        assertEquals(2, retry(planner.next(DROPPED, 10_999)).attempt());
    }

    @Test
    void aLossNotReportedSeparatelyIsTakenFromNext() {
        planner.next(DROPPED, 0);
        planner.next(DROPPED, 1_000);
        planner.onHelloOk(3_000);

        assertEquals(1, retry(planner.next(DROPPED, 60_000)).attempt());
        assertEquals(2, retry(planner.next(DROPPED, 61_000)).attempt());
    }

    @Test
    void retryAfterIsTheExactDelayButStillCountsAsAnAttempt() {
        planner.next(DROPPED, 0);
        planner.next(DROPPED, 1_000);
        planner.next(DROPPED, 3_000);

        assertEquals(new Retry(4, 1_500, REFERENCE, "retry_after"), planner.next(new Cause.RetryAfter(1_500), 7_000));
        assertEquals(new Retry(5, 16_000, REFERENCE, "transient:closed 1006"), planner.next(DROPPED, 8_500));
    }

    /** The reference schedule's delays, with the hints followed as Clawscope's own policy does. */
    static final BackoffPolicy DOUBLING = new BackoffPolicy() {
        @Override
        public String name() {
            return "doubling";
        }

        @Override
        public long delayMs(int attempt, java.util.random.RandomGenerator random) {
            return Doubling.capped(1_000, 30_000, attempt);
        }
    };

    @Test
    void restartExpectedIsAFloorUnderTheBackoff() {
        ReconnectPlanner following = new ReconnectPlanner(DOUBLING, new FixedRandom(0.0));
        assertEquals(new Retry(1, 5_000, "doubling", "restart_expected"),
                following.next(new Cause.RestartExpected(5_000), 0));
        for (int i = 0; i < 4; i++) {
            following.next(DROPPED, 0);
        }
        // attempt 6 backs off 30 s, which is already later than the expected restart
        assertEquals(new Retry(6, 30_000, "doubling", "restart_expected"),
                following.next(new Cause.RestartExpected(5_000), 0));
    }

    @Test
    void theFirstAttemptAfterAnAnnouncedRestartIsSpreadOverAQuarterSecond() {
        assertEquals(new Retry(1, 1_500, "doubling", "restart_expected"),
                new ReconnectPlanner(DOUBLING, new FixedRandom(0.0))
                        .next(new Cause.RestartExpected(1_500), 0));
        assertEquals(new Retry(1, 1_750, "doubling", "restart_expected"),
                new ReconnectPlanner(DOUBLING, FixedRandom.top())
                        .next(new Cause.RestartExpected(1_500), 0));
    }

    @Test
    void whileAnAnnouncedRestartIsLateRefusedAttemptsRetryWithinSevenTenthsOfASecond() {
        ReconnectPlanner soonest = new ReconnectPlanner(DOUBLING, new FixedRandom(0.0));
        ReconnectPlanner latest = new ReconnectPlanner(DOUBLING, FixedRandom.top());
        for (ReconnectPlanner p : List.of(soonest, latest)) {
            p.next(new Cause.RestartExpected(1_500), 0);
        }
        Cause refused = new Cause.Transient("connect_failed");
        // Attempt 6 of a plain backoff could wait up to 30 s; the gateway said it is about to be back.
        for (int attempt = 2; attempt <= 6; attempt++) {
            long now = 1_500 + attempt * 700L;
            assertEquals(new Retry(attempt, 200, "doubling", "restart_pending:connect_failed"),
                    soonest.next(refused, now));
            assertEquals(new Retry(attempt, 700, "doubling", "restart_pending:connect_failed"),
                    latest.next(refused, now));
        }
    }

    @Test
    void theRestartWindowClosesThirtySecondsAfterTheAnnouncedTime() {
        ReconnectPlanner p = new ReconnectPlanner(DOUBLING, FixedRandom.top());
        Retry first = (Retry) p.next(new Cause.RestartExpected(1_500), 0);
        Cause refused = new Cause.Transient("connect_failed");
        long end = first.delayMs() + ReconnectPlanner.RESTART_WINDOW_MS - ReconnectPlanner.RESTART_SPREAD_MS;
        assertEquals("restart_pending:connect_failed", ((Retry) p.next(refused, end - 1)).cause());
        Retry after = (Retry) p.next(refused, end);
        assertEquals("transient:connect_failed", after.cause());
        assertEquals(4_000, after.delayMs());
    }

    @Test
    void aHelloOkEndsTheRestartWindow() {
        ReconnectPlanner p = new ReconnectPlanner(DOUBLING, FixedRandom.top());
        p.next(new Cause.RestartExpected(1_500), 0);
        p.onHelloOk(1_800);
        assertEquals("transient:close_1006", ((Retry) p.next(new Cause.Transient("close_1006"), 2_000)).cause());
    }

    @Test
    void thePresetsOfOtherClientsIgnoreTheHintsThoseClientsIgnore() {
        // The reference client takes retryAfterMs but not the shutdown notice's restartExpectedMs.
        assertEquals(new Retry(1, 1_000, REFERENCE, "transient:restart_expected_ignored"),
                planner.next(new Cause.RestartExpected(5_000), 0));
        assertEquals(new Retry(2, 700, REFERENCE, "retry_after"), planner.next(new Cause.RetryAfter(700), 1_000));

        // The Windows tray follows its table whatever the gateway says.
        ReconnectPlanner tray = new ReconnectPlanner(new WindowsTrayBackoff(), new FixedRandom(0.0));
        assertEquals(new Retry(1, 1_000, "windows-tray", "transient:restart_expected_ignored"),
                tray.next(new Cause.RestartExpected(5_000), 0));
        assertEquals(new Retry(2, 2_000, "windows-tray", "transient:retry_after_ignored"),
                tray.next(new Cause.RetryAfter(300), 1_000));
    }

    @Test
    void pairingRetriesSlowlyAndPausesOnceTheRequestExpires() {
        ReconnectPlanner jittered = new ReconnectPlanner(new FullJitterBackoff(), new SplittableRandom(42));
        Cause pairing = new Cause.PairingPending("req-1", 0);
        long now = 0;
        List<Retry> retries = new ArrayList<>();
        Decision decision = jittered.next(pairing, now);
        while (decision instanceof Retry retry) {
            retries.add(retry);
            now += retry.delayMs();
            decision = jittered.next(pairing, now);
        }

        for (Retry retry : retries) {
            assertTrue(retry.delayMs() >= 15_000 && retry.delayMs() <= 30_000, retry.toString());
            assertEquals("pairing_pending", retry.cause());
            assertEquals("full-jitter", retry.policy());
        }
        assertTrue(retries.size() <= 300_000 / 15_000 + 1, retries.size() + " retries");
        assertTrue(now > 300_000 && now - retries.get(retries.size() - 1).delayMs() <= 300_000, "paused at " + now);
        assertEquals(new Pause("pairing_expired", "PAIRING_REQUIRED"), decision);
    }

    @Test
    void pairingPausesOnlyAfterTheTtl() {
        Cause pairing = new Cause.PairingPending("req-1", 1_000);

        assertEquals(new Retry(1, 15_000, REFERENCE, "pairing_pending"), planner.next(pairing, 301_000));
        assertEquals(new Pause("pairing_expired", "PAIRING_REQUIRED"), planner.next(pairing, 301_001));
    }

    @Test
    void terminalErrorsPauseWithoutCountingAnAttempt() {
        planner.next(DROPPED, 0);

        assertEquals(new Pause("auth", "AUTH_TOKEN_MISMATCH"),
                planner.next(new Cause.Terminal("auth", "AUTH_TOKEN_MISMATCH"), 1_000));
        assertEquals(new Pause("protocol", null), planner.next(new Cause.Terminal("protocol", null), 1_000));
        assertEquals(1, planner.attempts());
    }

    @Test
    void resetStartsOverForAnExplicitConnect() {
        planner.next(DROPPED, 0);
        planner.next(DROPPED, 1_000);
        planner.onHelloOk(3_000);

        planner.reset();

        assertEquals(0, planner.attempts());
        assertEquals(1, retry(planner.next(DROPPED, 3_500)).attempt());
    }

    @Test
    void periodsAreConfigurable() {
        ReconnectPlanner quick = new ReconnectPlanner(new OpenClawReferenceBackoff(), new SplittableRandom(1), 500, 2_000, 10_000);
        quick.next(DROPPED, 0);
        quick.onHelloOk(1_000);
        quick.onConnectionLost(1_500);

        assertEquals(1, retry(quick.next(DROPPED, 1_500)).attempt());
        assertEquals(2_000, retry(quick.next(new Cause.PairingPending(null, 0), 10_000)).delayMs());
        assertInstanceOf(Pause.class, quick.next(new Cause.PairingPending(null, 0), 10_001));
        assertThrows(IllegalArgumentException.class,
                () -> new ReconnectPlanner(new OpenClawReferenceBackoff(), new SplittableRandom(1), -1, 0, 0));
    }
}
