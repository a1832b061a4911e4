package dev.clawscope.ui.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Connected-for's words: seconds in the first minute, then minutes, then hours and minutes. */
class HeaderClockTest {

    @Test
    void secondsOnlyInTheFirstMinuteSoAShownWindowChangesOnceAMinuteAfterIt() {
        assertEquals("\u2013", HeaderView.formatDuration(Double.NaN));
        assertEquals("0s", HeaderView.formatDuration(-5));
        assertEquals("42s", HeaderView.formatDuration(42_000));
        assertEquals("59s", HeaderView.formatDuration(59_400));
        assertEquals("1m", HeaderView.formatDuration(60_000));
        assertEquals("1m", HeaderView.formatDuration(119_000));
        assertEquals("12m", HeaderView.formatDuration(12 * 60_000 + 30_000));
        assertEquals("59m", HeaderView.formatDuration(3_599_000));
        assertEquals("1h 00m", HeaderView.formatDuration(3_600_000));
        assertEquals("26h 05m", HeaderView.formatDuration(26 * 3_600_000 + 5 * 60_000));
    }

    @Test
    void theClockMovesOnlyWhenConnectedForsWordsChange() {
        assertTrue(HeaderView.clockChangesWords(0, Double.NaN, 500), "nothing shown yet");
        assertTrue(HeaderView.clockChangesWords(0, 41_000, 42_000), "a second in the first minute");
        assertFalse(HeaderView.clockChangesWords(0, 61_000, 62_000), "a second after it");
        assertTrue(HeaderView.clockChangesWords(0, 119_000, 120_000), "the next minute");
        assertFalse(HeaderView.clockChangesWords(Double.NaN, 5_000, 6_000), "not connected: a dash either way");
    }
}
