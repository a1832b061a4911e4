package dev.clawscope.ui.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
