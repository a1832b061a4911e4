package dev.clawscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FxThreadTickerTest {

    @Test
    void theFirstTickFallsOnTheNextWholeMultipleOfThePeriod() {
        assertEquals(750, FxThread.Ticker.firstDelayMs(1_700_000_000_250L, 1_000));
        assertEquals(1, FxThread.Ticker.firstDelayMs(1_700_000_000_999L, 1_000));
        assertEquals(150, FxThread.Ticker.firstDelayMs(1_700_000_000_100L, 250));
    }

    @Test
    void onAMultipleItWaitsAWholePeriodRatherThanTickingAtOnce() {
        assertEquals(1_000, FxThread.Ticker.firstDelayMs(1_700_000_000_000L, 1_000));
    }

    @Test
    void tickersWhosePeriodsDivideOneAnotherShareTheirTicks() {
        long now = 1_700_000_000_437L;
        long second = now + FxThread.Ticker.firstDelayMs(now, 1_000);
        long quarter = now + FxThread.Ticker.firstDelayMs(now, 250);
        assertEquals(0, (second - quarter) % 250);
    }
}
