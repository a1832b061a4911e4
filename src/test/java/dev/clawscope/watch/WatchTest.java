package dev.clawscope.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How much journal a watched gateway keeps: its incidents' look-back, bounded both ways. */
class WatchTest {

    @Test
    void theRingHoldsTheLookBackAtEightEntriesASecondWithinItsBounds() {
        assertEquals(Watch.MIN_JOURNAL, Watch.journalCapacity(Duration.ZERO));
        assertEquals(Watch.MIN_JOURNAL, Watch.journalCapacity(Duration.ofSeconds(30)), "the default window");
        assertEquals(8 * 121, Watch.journalCapacity(Duration.ofMinutes(2)));
        assertEquals(8 * 1801, Watch.journalCapacity(Duration.ofMinutes(30)), "the longest window watch allows");
        assertEquals(Watch.MAX_JOURNAL, Watch.journalCapacity(Duration.ofDays(10_000)));
    }
}
