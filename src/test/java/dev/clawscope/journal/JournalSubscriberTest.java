package dev.clawscope.journal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.journal.LinkEvent.ListenerFault;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JournalSubscriberTest {

    private static final Instant TS = Instant.parse("2026-11-27T23:05:14.090Z");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ManualClock clock = new ManualClock();

    @AfterEach
    void noSubscriberThreadOutlivesItsTest() {
        await().atMost(WAIT).until(() -> Threads.subscriberThreads().isEmpty());
    }

    @Test
    void deliversInOrderOnItsOwnNamedDaemonThread() {
        try (Journal journal = new Journal(100, 100, clock)) {
            Queue<Long> seqs = new ConcurrentLinkedQueue<>();
            AtomicReference<Thread> deliveredOn = new AtomicReference<>();
            journal.subscribe("ui", entry -> {
                deliveredOn.set(Thread.currentThread());
                seqs.add(entry.seq());
            });
            for (int i = 0; i < 50; i++) {
                journal.append(1, new LinkEvent.Tick(i));
            }
            await().atMost(WAIT).until(() -> seqs.size() == 50);
            assertEquals(LongStream.rangeClosed(1, 50).boxed().toList(), List.copyOf(seqs));
            assertTrue(deliveredOn.get().getName().startsWith("journal-subscriber-"), deliveredOn.get()::getName);
            assertTrue(deliveredOn.get().isDaemon());
            assertNotEquals(Thread.currentThread(), deliveredOn.get());
        }
    }

    /**
     * One subscriber throws on every entry, one blocks on its first: the appender and a healthy
     * subscriber are not held up, and the faults journal as one bounded listener_fault.
     */
    @Test
    void throwingAndBlockingSubscribersHoldUpNeitherAppendNorOthers() throws Exception {
        int appends = 10_000;
        try (Journal journal = new Journal(Journal.DEFAULT_CAPACITY, 20_000, clock)) {
            Subscription thrower = journal.subscribe("thrower", entry -> {
                throw new IllegalStateException("boom");
            });
            CountDownLatch blockerEntered = new CountDownLatch(1);
            CountDownLatch neverReleased = new CountDownLatch(1);
            AtomicBoolean blockerReturned = new AtomicBoolean();
            journal.subscribe("blocker", entry -> {
                blockerEntered.countDown();
                try {
                    neverReleased.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                blockerReturned.set(true);
            });
            Queue<JournalEntry> healthy = new ConcurrentLinkedQueue<>();
            Subscription healthySubscription = journal.subscribe("healthy", healthy::add);

            journal.append(1, new LinkEvent.Tick(0));
            assertTrue(blockerEntered.await(10, TimeUnit.SECONDS));
            AtomicLong appendNanos = new AtomicLong();
            Thread appender = new Thread(() -> {
                long start = System.nanoTime();
                for (int i = 1; i <= appends; i++) {
                    journal.append(1, new LinkEvent.Tick(i));
                }
                appendNanos.set(System.nanoTime() - start);
            }, "appender");
            appender.start();
            appender.join(10_000);
            assertFalse(appender.isAlive());
            assertTrue(appendNanos.get() < TimeUnit.SECONDS.toNanos(2), appendNanos.get() + " ns for " + appends + " appends");

            int total = appends + 2; // the ticks, then the thrower's one journaled fault
            await().atMost(WAIT).until(() -> healthy.size() == total);
            assertEquals(LongStream.rangeClosed(1, total).boxed().toList(), JournalTest.seqs(List.copyOf(healthy)));
            assertEquals(0, healthySubscription.dropped());
            assertFalse(blockerReturned.get(), "the blocker is still blocked on its first entry");

            await().atMost(WAIT).until(() -> thrower.suppressedFaults() == total - 1);
            List<JournalEntry> faults = faults(journal);
            assertEquals(1, faults.size(), "clock frozen: one fault journaled, the rest counted");
            assertEquals(new ListenerFault("thrower", "java.lang.IllegalStateException: boom"), faults.get(0).event());
            assertEquals(total, journal.size());
        }
    }

    @Test
    void faultsJournalAtMostOncePerSecondPerSubscriber() {
        try (Journal journal = new Journal(1_000, 1_000, clock)) {
            Subscription failing = journal.subscribe("failing", entry -> {
                throw new IllegalArgumentException("bad entry " + entry.seq());
            });
            for (int i = 0; i < 100; i++) {
                journal.append(5, new LinkEvent.Tick(i));
            }
            // 101 entries (100 ticks, the fault on the first), all failing, only the first journaled
            await().atMost(WAIT).until(() -> failing.suppressedFaults() == 100);
            JournalEntry first = faults(journal).get(0);
            assertEquals(new ListenerFault("failing", "java.lang.IllegalArgumentException: bad entry 1"), first.event());
            assertEquals(5, first.gen(), "a fault belongs to the generation of the entry it failed on");

            clock.advanceMs(Delivery.FAULT_INTERVAL_MS);
            journal.append(6, new LinkEvent.Tick(100));
            await().atMost(WAIT).until(() -> faults(journal).size() == 2);
            JournalEntry second = faults(journal).get(1);
            assertEquals(new ListenerFault("failing", "java.lang.IllegalArgumentException: bad entry 102"), second.event());
            assertEquals(1_000.0, second.monoMs(), "stamped by the journal clock");
            await().atMost(WAIT).until(() -> failing.suppressedFaults() == 101);
            assertEquals(103, journal.size());
        }
    }

    @Test
    void aSubscriberWithoutANameIsJournaledByItsToString() {
        try (Journal journal = new Journal(100, 100, clock)) {
            CountDownLatch faulted = new CountDownLatch(1);
            journal.subscribe(new java.util.function.Consumer<JournalEntry>() {
                @Override
                public void accept(JournalEntry entry) {
                    if (entry.event() instanceof ListenerFault) {
                        faulted.countDown();
                        return;
                    }
                    throw new UnsupportedOperationException();
                }

                @Override
                public String toString() {
                    return "tray-badge";
                }
            });
            journal.append(0, new LinkEvent.SocketOpen());
            await().atMost(WAIT).until(() -> faulted.getCount() == 0);
            assertEquals(new ListenerFault("tray-badge", "java.lang.UnsupportedOperationException"),
                    faults(journal).get(0).event());
        }
    }

    @Test
    void describeNamesClassAndMessageWithoutStackTraceAndCapsLength() {
        RuntimeException nested = new RuntimeException("outer", new IllegalStateException("inner"));
        assertEquals("java.lang.RuntimeException: outer", Delivery.describe(nested));
        String huge = Delivery.describe(new IllegalStateException("x".repeat(10_000)));
        assertEquals(500, huge.length());
        assertTrue(huge.endsWith("…"));
    }

    @Test
    void aSubscriberThatFallsAWholeQueueBehindLosesTheOldest() throws Exception {
        try (Journal journal = new Journal(100, 5, clock)) {
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Queue<Long> seqs = new ConcurrentLinkedQueue<>();
            Subscription slow = journal.subscribe("slow", entry -> {
                seqs.add(entry.seq());
                entered.countDown();
                awaitQuietly(release);
            });
            journal.append(0, new LinkEvent.Tick(1));
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            for (int i = 2; i <= 20; i++) {
                journal.append(0, new LinkEvent.Tick(i));
            }
            release.countDown();
            await().atMost(WAIT).until(() -> seqs.size() == 6);
            assertEquals(List.of(1L, 16L, 17L, 18L, 19L, 20L), List.copyOf(seqs));
            assertEquals(14, slow.dropped());
        }
    }

    @Test
    void backlogThenLiveWithNoGapAndNoDuplicate() {
        try (Journal journal = new Journal(100, 100, clock)) {
            for (int i = 0; i < 3; i++) {
                journal.append(0, new LinkEvent.Tick(i));
            }
            Queue<Long> seqs = new ConcurrentLinkedQueue<>();
            journal.subscribeWithBacklog("timeline", entry -> seqs.add(entry.seq()));
            journal.append(0, new LinkEvent.Tick(3));
            journal.append(0, new LinkEvent.Tick(4));
            await().atMost(WAIT).until(() -> seqs.size() == 5);
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), List.copyOf(seqs));
        }
    }

    @Test
    void backlogStartsAtTheOldestKeptEntry() {
        try (Journal journal = new Journal(4, 100, clock)) {
            for (int i = 0; i < 10; i++) {
                journal.append(0, new LinkEvent.Tick(i));
            }
            Queue<Long> seqs = new ConcurrentLinkedQueue<>();
            journal.subscribeWithBacklog("timeline", entry -> seqs.add(entry.seq()));
            journal.append(0, new LinkEvent.Tick(10));
            await().atMost(WAIT).until(() -> seqs.size() == 5);
            assertEquals(List.of(7L, 8L, 9L, 10L, 11L), List.copyOf(seqs));
        }
    }

    @Test
    void backlogWhileAppendsRaceHasNoGapAndNoDuplicate() throws Exception {
        int limit = 90_000;
        try (Journal journal = new Journal(Journal.DEFAULT_CAPACITY, Journal.DEFAULT_CAPACITY, clock)) {
            AtomicBoolean stop = new AtomicBoolean();
            Thread appender = new Thread(() -> {
                for (int i = 0; i < limit && !stop.get(); i++) {
                    journal.append(1, new LinkEvent.Tick(i));
                }
            }, "appender");
            appender.start();
            while (journal.size() < 1_000) {
                Thread.onSpinWait();
            }
            Queue<Long> seqs = new ConcurrentLinkedQueue<>();
            Subscription timeline = journal.subscribeWithBacklog("timeline", entry -> seqs.add(entry.seq()));
            long atSubscribe = journal.size();
            await().atMost(WAIT).until(() -> seqs.size() > atSubscribe + 5_000 || !appender.isAlive());
            stop.set(true);
            appender.join(10_000);
            long last = journal.snapshot().get(journal.size() - 1).seq();
            await().atMost(WAIT).until(() -> seqs.size() == last);
            assertEquals(LongStream.rangeClosed(1, last).boxed().toList(), List.copyOf(seqs));
            assertEquals(0, timeline.dropped());
        }
    }

    @Test
    void closingASubscriptionStopsItsDeliveryAndThreadAndIsIdempotent() throws Exception {
        try (Journal journal = new Journal(100, 100, clock)) {
            Queue<Long> seqs = new ConcurrentLinkedQueue<>();
            Subscription subscription = journal.subscribe("ui", entry -> seqs.add(entry.seq()));
            Queue<Long> witness = new ConcurrentLinkedQueue<>();
            journal.subscribe("witness", entry -> witness.add(entry.seq()));
            journal.append(0, new LinkEvent.Tick(0));
            await().atMost(WAIT).until(() -> seqs.size() == 1);
            Set<String> before = Threads.subscriberThreads();
            subscription.close();
            subscription.close();
            await().atMost(WAIT).until(() -> Threads.subscriberThreads().size() == before.size() - 1);
            journal.append(0, new LinkEvent.Tick(1));
            await().atMost(WAIT).until(() -> witness.size() == 2);
            assertEquals(List.of(1L), List.copyOf(seqs), "nothing after close");
        }
    }

    @Test
    void aSubscriberMayCloseItsOwnSubscription() {
        try (Journal journal = new Journal(100, 100, clock)) {
            Queue<Long> seqs = new ConcurrentLinkedQueue<>();
            AtomicReference<Subscription> self = new AtomicReference<>();
            AtomicReference<String> threadName = new AtomicReference<>();
            CountDownLatch subscribed = new CountDownLatch(1);
            self.set(journal.subscribe("closes-itself", entry -> {
                awaitQuietly(subscribed);
                threadName.set(Thread.currentThread().getName());
                seqs.add(entry.seq());
                if (entry.seq() == 3) {
                    self.get().close();
                }
            }));
            subscribed.countDown();
            for (int i = 0; i < 10; i++) {
                journal.append(0, new LinkEvent.Tick(i));
            }
            await().atMost(WAIT).until(() -> threadName.get() != null
                    && !Threads.subscriberThreads().contains(threadName.get()));
            assertEquals(List.of(1L, 2L, 3L), List.copyOf(seqs));
            assertTrue(faults(journal).isEmpty());
        }
    }

    @Test
    void closeDeliversWhatIsQueuedThenEndsEveryThread() {
        Queue<Long> seqs = new ConcurrentLinkedQueue<>();
        CountDownLatch gate = new CountDownLatch(1);
        Journal journal = new Journal(1_000, 1_000, clock);
        journal.subscribe("writer", entry -> {
            awaitQuietly(gate);
            seqs.add(entry.seq());
        });
        for (int i = 0; i < 100; i++) {
            journal.append(0, new LinkEvent.Tick(i));
        }
        gate.countDown();
        journal.close();
        assertEquals(LongStream.rangeClosed(1, 100).boxed().toList(), List.copyOf(seqs));
        assertEquals(Set.of(), Threads.subscriberThreads());
    }

    @Test
    void closeInterruptsABlockedSubscriberAndLeavesNoThread() throws Exception {
        Journal journal = new Journal(1_000, 1_000, clock);
        CountDownLatch entered = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        journal.subscribe("stuck", entry -> {
            entered.countDown();
            try {
                new CountDownLatch(1).await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        Queue<Long> healthy = new ConcurrentLinkedQueue<>();
        journal.subscribe("healthy", entry -> healthy.add(entry.seq()));
        journal.append(0, new LinkEvent.Tick(0));
        assertTrue(entered.await(10, TimeUnit.SECONDS));

        long start = System.nanoTime();
        journal.close();
        long closeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertTrue(interrupted.get());
        assertTrue(closeMs < Journal.DRAIN_WAIT.plus(Journal.INTERRUPT_WAIT).toMillis(), closeMs + " ms");
        assertEquals(Set.of(), Threads.subscriberThreads());
        assertEquals(List.of(1L), List.copyOf(healthy));

        journal.close();
        JournalEntry after = journal.append(0, new LinkEvent.Tick(1));
        assertEquals(2, after.seq(), "still recorded after close");
        Subscription late = journal.subscribeWithBacklog("late", entry -> healthy.add(entry.seq()));
        assertEquals(Set.of(), Threads.subscriberThreads(), "subscribing after close starts no thread");
        late.close();
        assertEquals(List.of(1L), List.copyOf(healthy), "nothing delivered after close");
    }

    private static List<JournalEntry> faults(Journal journal) {
        List<JournalEntry> faults = new ArrayList<>();
        for (JournalEntry entry : journal.snapshot()) {
            if (entry.event() instanceof ListenerFault) {
                faults.add(entry);
            }
        }
        return faults;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
