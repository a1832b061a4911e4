package dev.clawscope.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventSummaryTest {

    @Test
    void aShortDelayStaysInMilliseconds() {
        assertEquals("attempt 2 in 9999 ms (full-jitter, closed 1006)",
                EventSummary.of(new LinkEvent.ReconnectScheduled(2, 9_999, "full-jitter", "closed 1006")));
        assertEquals("gateway restarting, back in about 8000 ms",
                EventSummary.of(new LinkEvent.ShutdownNotice("gateway restarting", 8_000L)));
    }

    @Test
    void aLongDelayKeepsTheRawCountFirstAndAddsAReadableOne() {
        assertEquals("attempt 3 in 300000 ms (5 min) (full-jitter, restart_pending:update)",
                EventSummary.of(new LinkEvent.ReconnectScheduled(3, 300_000, "full-jitter",
                        "restart_pending:update")));
        assertEquals("gateway restarting, back in about 90000 ms (1 min 30 s)",
                EventSummary.of(new LinkEvent.ShutdownNotice("gateway restarting", 90_000L)));
        assertEquals("gateway stopping", EventSummary.of(new LinkEvent.ShutdownNotice("gateway stopping", null)));
    }

    @ParameterizedTest
    @CsvSource({
        "10000, 10 s",
        "12500, 12.5 s",
        "59940, 59.9 s",
        "59999, 1 min",
        "60000, 1 min",
        "245400, 4 min 5 s",
        "3599499, 59 min 59 s",
        "3600000, 1 h",
        "9000000, 2 h 30 min",
        "86400000, 1 d",
        "270000000, 3 d 3 h"
    })
    void readableDurations(long ms, String text) {
        assertEquals(text, ReadableDuration.of(ms));
    }
}
