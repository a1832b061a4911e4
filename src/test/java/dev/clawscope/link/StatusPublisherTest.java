package dev.clawscope.link;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.journal.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The current value and its coalescing listeners, in memory. */
class StatusPublisherTest {

    @Test
    void aBlockedListenerHoldsUpNoPublishAndThenGetsTheLatestValue() throws Exception {
        StatusPublisher<Integer> publisher = new StatusPublisher<>(0);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        List<Integer> seen = new CopyOnWriteArrayList<>();
        Subscription slow = publisher.subscribe("slow", StatusPublisher.ownThread("slow"), value -> {
            seen.add(value);
            blocked.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(blocked.await(5, TimeUnit.SECONDS), "the listener got the current value first");
        for (int i = 1; i <= 100_000; i++) {
            publisher.publish(i);
        }
        assertEquals(100_000, publisher.current(), "publishing finished while the listener was blocked");
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.get(seen.size() - 1) == 100_000);
        assertEquals(List.of(0, 100_000), seen, "the values in between were skipped, the last was not");
        slow.close();
    }

    @Test
    void aThrowingListenerDoesNotStopTheOthersNorItsOwnLaterValues() {
        StatusPublisher<Integer> publisher = new StatusPublisher<>(0);
        List<Integer> thrower = new CopyOnWriteArrayList<>();
        List<Integer> other = new CopyOnWriteArrayList<>();
        publisher.subscribe("thrower", Runnable::run, value -> {
            thrower.add(value);
            throw new IllegalStateException("boom");
        });
        publisher.subscribe("other", Runnable::run, other::add);
        publisher.publish(1);
        publisher.publish(2);
        assertEquals(List.of(0, 1, 2), thrower);
        assertEquals(List.of(0, 1, 2), other);
    }

    @Test
    void aClosedSubscriptionGetsNothingMore() {
        StatusPublisher<Integer> publisher = new StatusPublisher<>(0);
        List<Integer> seen = new CopyOnWriteArrayList<>();
        Subscription subscription = publisher.subscribe("gone", Runnable::run, seen::add);
        subscription.close();
        subscription.close();
        publisher.publish(1);
        assertEquals(List.of(0), seen);
    }
}
