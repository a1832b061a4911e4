package dev.clawscope.grade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThresholdTest {

    @Test
    void timesParseWithUnitsAndReadAsPeopleWriteThem() {
        Threshold time = CheckId.HONORS_RESTART_EXPECTED.defaultThreshold();
        assertThat(time.toString()).isEqualTo("4.75 s");
        assertThat(time.parseLike("4.5s")).isEqualTo(Threshold.millis(4_500));
        assertThat(time.parseLike("250ms")).isEqualTo(Threshold.millis(250));
        assertThat(time.parseLike("2m")).isEqualTo(Threshold.millis(120_000));
        assertThat(time.parseLike("3")).as("a bare number is seconds").isEqualTo(Threshold.millis(3_000));
        assertThat(Threshold.millis(100).toString()).isEqualTo("100 ms");
        assertThat(Threshold.millis(60_000).toString()).isEqualTo("60 s");
        assertThat(Threshold.time(25_340.4)).isEqualTo("25.34 s");
    }

    @Test
    void countsAreWholeNumbers() {
        Threshold count = CheckId.BACKS_OFF.defaultThreshold();
        assertThat(count.parseLike("12")).isEqualTo(Threshold.count(12));
        assertThat(count.toString()).isEqualTo("30");
        assertThatThrownBy(() -> count.parseLike("1.5")).hasMessage("'1.5' is not a count from 0 to 1000000");
        assertThatThrownBy(() -> count.parseLike("-1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nonsenseIsRefusedWithAMessage() {
        Threshold time = CheckId.HANDSHAKE.defaultThreshold();
        assertThatThrownBy(() -> time.parseLike("soon")).hasMessage("'soon' is not a time up to 1 h such as 500ms, 4.75s or 2m");
        assertThatThrownBy(() -> time.parseLike("-2s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> time.parseLike("2h")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> time.parseLike("")).hasMessage("empty value");
    }

    @Test
    void checkIdsAreTheContractsInReportOrder() {
        assertThat(java.util.Arrays.stream(CheckId.values()).map(CheckId::id)).containsExactly("handshake",
                "no_invented_methods", "detects_half_open", "detects_blackhole", "honors_restart_expected",
                "honors_retry_after", "pauses_on_auth_error", "backs_off", "jittered_reconnects",
                "recovers_from_upgrade_stall", "recovers_after_crash", "closes_cleanly");
        assertThat(CheckId.byId("backs_off")).contains(CheckId.BACKS_OFF);
        assertThat(CheckId.byId("BACKS_OFF")).isEmpty();
    }
}
