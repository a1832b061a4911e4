package dev.clawscope.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LinkHistoryTest {

    @Test
    void twoLinksOneAfterTheOtherAddUpAndKeepTheLaterPause() {
        LinkHistory paused = new LinkHistory(4, 1, "auth", "AUTH_TOKEN_MISMATCH");
        LinkHistory connected = new LinkHistory(2, 1, null, null);
        assertEquals(new LinkHistory(6, 2, null, null), paused.then(connected));
        assertEquals(new LinkHistory(6, 2, "auth", "AUTH_TOKEN_MISMATCH"), connected.then(paused));
        assertEquals(paused, LinkHistory.NONE.then(paused));
    }
}
