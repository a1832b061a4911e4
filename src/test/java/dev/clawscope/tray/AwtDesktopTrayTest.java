package dev.clawscope.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.EventQueue;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The window's thread closes the tray: removing the icon must not wait for the AWT event thread. */
class AwtDesktopTrayTest {

    @Test
    void removeReturnsWhileTheAwtEventThreadIsBusy() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        EventQueue.invokeLater(() -> {
            busy.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(busy.await(5, TimeUnit.SECONDS), "the AWT event thread is held");
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> new AwtDesktopTray().remove(),
                    "remove() waited for the AWT event thread");
            assertEquals(1, release.getCount(), "remove() returned while the event thread was still held");
        } finally {
            release.countDown();
        }
        CountDownLatch drained = new CountDownLatch(1);
        EventQueue.invokeLater(drained::countDown);
        assertTrue(drained.await(5, TimeUnit.SECONDS), "the posted removal ran once the event thread was free");
    }
}
