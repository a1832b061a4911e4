package dev.clawscope.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.journal.LinkEvent.HintClamped;
import dev.clawscope.link.ReconnectPlanner.Cause;
import dev.clawscope.link.ReconnectPlanner.Decision;
import dev.clawscope.link.ReconnectPlanner.Decision.Retry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The gateway's hints held to their ranges, whatever numbers it sends; time is explicit and exact. */
class ReconnectPlannerHintsTest {

    private static final String REFERENCE = OpenClawReferenceBackoff.NAME;
    private static final Cause DROPPED = new Cause.Transient("closed 1006");
    private static final long[] ABSURD = {Long.MIN_VALUE, -1_000_000_000_000_000L, -20, -1, 0, 1, 249, 250,
        300_000, 300_001, 600_000, 600_001, 1_000_000_000_000_000L, Long.MAX_VALUE - 1, Long.MAX_VALUE};

    private static ReconnectPlanner reference() {
        return new ReconnectPlanner(new OpenClawReferenceBackoff(), new SplittableRandom(1));
    }

    /** Backoff 1, 2, 4 … 30 s without jitter, following both hints; the restart spread pinned to 0. */
    private static ReconnectPlanner following() {
        return new ReconnectPlanner(ReconnectPlannerTest.DOUBLING, new FixedRandom(0.0));
    }

    @ParameterizedTest
    @CsvSource({
        "1, 250", "0, 250", "-1, 250", "-20, 250", "-9223372036854775808, 250", "249, 250",
        "300001, 300000", "1000000000000000, 300000", "9223372036854775806, 300000", "9223372036854775807, 300000"})
    void aRetryAfterOutOfRangeIsClampedAndCarriesItsJournalLine(long hint, long used) {
        assertEquals(new Retry(1, used, REFERENCE, "retry_after", new HintClamped("retry_after_ms", hint, used)),
                reference().next(new Cause.RetryAfter(hint), 0));
    }

    @ParameterizedTest
    @CsvSource({"250", "500", "300000"})
    void aRetryAfterInRangeIsHonouredExactlyWithoutAJournalLine(long hint) {
        assertEquals(new Retry(1, hint, REFERENCE, "retry_after"), reference().next(new Cause.RetryAfter(hint), 0));
    }

    @ParameterizedTest
    @CsvSource({
        "-1, 0", "-9223372036854775808, 0", "600001, 600000", "1000000000000000, 600000",
        "9223372036854775806, 600000", "9223372036854775807, 600000"})
    void aRestartExpectedOutOfRangeIsClampedAndCarriesItsJournalLine(long hint, long used) {
        // The first backoff (1 s) is the floor under the announced time.
        assertEquals(new Retry(1, Math.max(used, 1_000), "doubling", "restart_expected",
                        new HintClamped("restart_expected_ms", hint, used)),
                following().next(new Cause.RestartExpected(hint), 0));
    }

    @Test
    void aRestartExpectedInRangeIsFollowedWithoutAJournalLine() {
        assertEquals(new Retry(1, 1_000, "doubling", "restart_expected"),
                following().next(new Cause.RestartExpected(0), 0));
        assertEquals(new Retry(1, 600_000, "doubling", "restart_expected"),
                following().next(new Cause.RestartExpected(600_000), 0));
    }

    @Test
    void aGatewayThatKeepsSayingOneMillisecondGetsTwelveRetriesAt250MsThenHalfMoreEachTimeUpTo30S() {
        ReconnectPlanner planner = reference();
        List<Long> delays = new ArrayList<>();
        long now = 0;
        for (int i = 0; i < 28; i++) {
            Retry retry = assertInstanceOf(Retry.class, planner.next(new Cause.RetryAfter(1), now));
            assertEquals(new HintClamped("retry_after_ms", 1, 250L), retry.clamped());
            assertEquals("retry_after", retry.cause());
            delays.add(retry.delayMs());
            now += retry.delayMs();
        }

        List<Long> expected = new ArrayList<>(Collections.nCopies(12, 250L));
        expected.addAll(List.of(250L, 375L, 562L, 843L, 1_265L, 1_898L, 2_847L, 4_271L, 6_407L, 9_610L, 14_416L,
                21_624L, 30_000L, 30_000L, 30_000L, 30_000L));
        assertEquals(expected, delays);
    }

    @Test
    void aStartingGatewaysHintIsHonouredExactlyForTwelveAnswersAndTheFloorOnlyCatchesUpLater() {
        // The real gateway answers "in 500 ms" for the 4 to 6 s between listening and ready.
        ReconnectPlanner planner = reference();
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            delays.add(assertInstanceOf(Retry.class, planner.next(new Cause.RetryAfter(500), i * 1_000L)).delayMs());
        }

        List<Long> expected = new ArrayList<>(Collections.nCopies(14, 500L));
        expected.addAll(List.of(562L, 843L, 1_265L, 1_898L));
        assertEquals(expected, delays);
    }

    @Test
    void anyOtherCauseAHelloOkOrAResetEndsTheRow() {
        ReconnectPlanner planner = reference();
        Cause tiny = new Cause.RetryAfter(1);
        for (int i = 0; i < 13; i++) {
            planner.next(tiny, 0);
        }
        assertEquals(375, ((Retry) planner.next(tiny, 0)).delayMs(), "the fourteenth answer of a row");
        planner.next(DROPPED, 0);
        assertEquals(250, ((Retry) planner.next(tiny, 0)).delayMs(), "after another cause");

        planner.next(tiny, 0);
        planner.onHelloOk(1_000);
        assertEquals(250, ((Retry) planner.next(tiny, 1_500)).delayMs(), "after a hello-ok");

        planner.next(tiny, 2_000);
        planner.reset();
        assertEquals(250, ((Retry) planner.next(tiny, 2_500)).delayMs(), "after a reset");
    }

    @Test
    void aPolicyThatIgnoresAHintJournalsNoClamp() {
        Retry tray = (Retry) new ReconnectPlanner(new WindowsTrayBackoff(), new FixedRandom(0.0))
                .next(new Cause.RetryAfter(1), 0);
        assertEquals("transient:retry_after_ignored", tray.cause());
        assertNull(tray.clamped());

        Retry ref = (Retry) reference().next(new Cause.RestartExpected(Long.MAX_VALUE), 0);
        assertEquals("transient:restart_expected_ignored", ref.cause());
        assertNull(ref.clamped());
    }

    @Test
    void theRestartWindowSaturatesInsteadOfWrappingIntoThePast() {
        ReconnectPlanner planner = following();
        long now = Long.MAX_VALUE - 1_000;
        planner.next(new Cause.RestartExpected(Long.MAX_VALUE), now);

        // now + 10 min + 30 s would wrap negative and close the window at once.
        assertEquals("restart_pending:connect_failed",
                ((Retry) planner.next(new Cause.Transient("connect_failed"), Long.MAX_VALUE - 1)).cause());
    }

    @Test
    void noNumberAndNoClockReadingMakesThePlannerThrowOrWaitBeyondTenMinutes() {
        long[] clocks = {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE - 1, Long.MAX_VALUE};
        for (ReconnectPlanner planner : List.of(reference(), following(),
                new ReconnectPlanner(new FullJitterBackoff(), new SplittableRandom(7)))) {
            for (long now : clocks) {
                for (long hint : ABSURD) {
                    for (Cause cause : List.of(new Cause.RetryAfter(hint), new Cause.RestartExpected(hint),
                            new Cause.PairingPending("req", hint), DROPPED)) {
                        Decision decision = planner.next(cause, now);
                        if (decision instanceof Retry retry) {
                            assertTrue(retry.delayMs() >= 0 && retry.delayMs()
                                    <= ReconnectPlanner.RESTART_EXPECTED.max() + ReconnectPlanner.RESTART_SPREAD_MS,
                                    cause + " at " + now + ": " + retry);
                        } else {
                            assertEquals(new Decision.Pause("pairing_expired", "PAIRING_REQUIRED"), decision);
                        }
                    }
                }
            }
        }
    }
}
