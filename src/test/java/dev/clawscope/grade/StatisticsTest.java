package dev.clawscope.grade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The statistics behind jittered_reconnects (interquartile range) and backs_off (growing gaps). */
class StatisticsTest {

    @Test
    void interquartileRangeInterpolatesBetweenSortedValues() {
        Spread spread = Spread.of(List.of(800.0, 100.0, 300.0, 200.0, 700.0, 600.0, 500.0, 400.0));
        // Quartiles of 100..800 at positions 2.75 and 6.25 (from 1): 275 and 625.
        assertThat(spread.iqr()).isCloseTo(350.0, within(1e-9));
        assertThat(spread.range()).isEqualTo(700.0);
    }

    @Test
    void lockstepHasNoSpread() {
        Spread spread = Spread.of(List.of(1001.0, 1003.0, 1002.0, 1004.0, 1001.5, 1002.5, 1003.5, 1000.5));
        assertThat(spread.iqr()).isLessThan(100);
        assertThat(spread.range()).isLessThan(50);
    }

    @Test
    void doublingGapsGrowAndFixedOnesDoNot() {
        assertThat(Growth.of(List.of(1_000.0, 2_000.0, 4_000.0, 8_000.0, 16_000.0, 29_000.0)).grows()).isTrue();
        assertThat(Growth.of(List.of(2_400.0, 2_600.0, 2_500.0, 2_450.0, 2_550.0, 2_500.0)).grows()).isFalse();
        Growth jitter = Growth.of(List.of(300.0, 1_700.0, 900.0, 6_100.0, 2_500.0, 21_000.0, 14_000.0));
        // Thirds of 7 gaps are 2 gaps: means 1.0 s and 17.5 s.
        assertThat(jitter.earlyMeanMs()).isEqualTo(1_000.0);
        assertThat(jitter.lateMeanMs()).isEqualTo(17_500.0);
        assertThat(jitter.grows()).isTrue();
        assertThat(jitter.describe()).isEqualTo("; gaps grow from 1 s to 17.5 s (mean of the first and last third)");
    }

    @Test
    void oneAttemptOrNoneCountsAsBackingOff() {
        assertThat(Growth.of(List.of()).grows()).isTrue();
        assertThat(Growth.of(List.of(45_000.0)).grows()).isTrue();
        assertThat(Growth.of(List.of(45_000.0)).describe()).isEmpty();
        assertThat(Growth.of(List.of(3_000.0, 4_000.0)).grows()).isFalse();
    }
}
