package dev.clawscope.ui.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** While following with nothing new, the view moves a thirtieth of its span at a time, whole seconds, at least one. */
class FollowStepTest {

    @Test
    void aThirtiethOfTheSpanInWholeSecondsAtLeastOne() {
        assertEquals(1_000, TimelineView.followStepMs(10_000), "a young session's 10 s view");
        assertEquals(1_000, TimelineView.followStepMs(30_000));
        assertEquals(2_000, TimelineView.followStepMs(60_000), "the minute the view starts with");
        assertEquals(10_000, TimelineView.followStepMs(300_000), "five minutes");
        assertEquals(120_000, TimelineView.followStepMs(3_600_000), "an hour");
    }
}
