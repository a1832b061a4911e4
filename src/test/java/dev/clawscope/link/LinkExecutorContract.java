package dev.clawscope.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What every {@link LinkExecutor} promises, whatever its clock. */
@Timeout(20)
abstract class LinkExecutorContract {

    static final Duration WAIT = Duration.ofSeconds(5);

    LinkExecutor executor;

    abstract LinkExecutor create();

    /** Lets {@code time} pass on the executor's clock; returns once every timer due by then has run. */
    abstract void elapse(Duration time) throws InterruptedException;

    @BeforeEach
    void createExecutor() {
        executor = create();
    }

    @AfterEach
    void shutDownExecutor() {
        executor.shutdown(WAIT);
    }

    /** Returns once every task executed so far has run (they run in order). */
    void settle() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        executor.execute(done::countDown);
        assertTrue(done.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), "owner thread idle");
    }

    Thread ownerThread() throws InterruptedException {
        AtomicReference<Thread> owner = new AtomicReference<>();
        executor.execute(() -> owner.set(Thread.currentThread()));
        settle();
        return owner.get();
    }

    static Set<String> liveThreadNames() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive).map(Thread::getName).collect(Collectors.toSet());
    }

    @Test
    void runsExecutedTasksInOrderOnOneNamedDaemonThread() throws InterruptedException {
        List<Integer> order = new CopyOnWriteArrayList<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        List<Boolean> inOwner = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 100; i++) {
            int n = i;
            executor.execute(() -> {
                order.add(n);
                threads.add(Thread.currentThread());
                inOwner.add(executor.inOwnerThread());
            });
        }
        settle();

        assertEquals(IntStream.range(0, 100).boxed().collect(Collectors.toList()), order);
        assertEquals(1, Set.copyOf(threads).size());
        Thread owner = threads.get(0);
        assertTrue(owner.getName().matches("clawscope-link-\\d+"), owner.getName());
        assertTrue(owner.isDaemon());
        assertFalse(inOwner.contains(false));
        assertFalse(executor.inOwnerThread(), "the test thread is not the owner");
    }

    @Test
    void keepsEachThreadsOrderWhenManyThreadsExecute() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        List<Thread> posters = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            String poster = "p" + p;
            posters.add(new Thread(() -> IntStream.range(0, 200).forEach(i -> executor.execute(() -> seen.add(poster + ":" + i)))));
        }
        posters.forEach(Thread::start);
        for (Thread poster : posters) {
            poster.join(WAIT.toMillis());
        }
        settle();

        assertEquals(800, seen.size());
        for (int p = 0; p < 4; p++) {
            String prefix = "p" + p + ":";
            List<String> own = seen.stream().filter(s -> s.startsWith(prefix)).collect(Collectors.toList());
            assertEquals(IntStream.range(0, 200).mapToObj(i -> prefix + i).collect(Collectors.toList()), own);
        }
    }

    @Test
    void runsTimersInDueOrderAndTiesInSchedulingOrder() throws InterruptedException {
        List<String> order = new CopyOnWriteArrayList<>();
        executor.schedule(() -> order.add("c"), 60);
        executor.schedule(() -> order.add("a"), 20);
        executor.schedule(() -> order.add("b1"), 40);
        executor.schedule(() -> order.add("b2"), 40);

        elapse(Duration.ofMillis(100));

        assertEquals(List.of("a", "b1", "b2", "c"), order);
    }

    @Test
    void runsTimersOnTheOwnerThread() throws InterruptedException {
        Thread owner = ownerThread();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        executor.schedule(() -> ranOn.set(Thread.currentThread()), 10);

        elapse(Duration.ofMillis(20));

        assertEquals(owner, ranOn.get());
    }

    @Test
    void runsATimerScheduledByATimerWhenItFallsDue() throws InterruptedException {
        List<String> order = new CopyOnWriteArrayList<>();
        executor.schedule(() -> {
            order.add("first");
            executor.schedule(() -> order.add("second"), 20);
        }, 20);

        elapse(Duration.ofMillis(100));

        assertEquals(List.of("first", "second"), order);
    }

    @Test
    void cancelledTimerNeverRunsAndCancellingIsIdempotent() throws InterruptedException {
        AtomicBoolean ran = new AtomicBoolean();
        Cancellable timer = executor.schedule(() -> ran.set(true), 20);
        timer.cancel();
        timer.cancel();

        elapse(Duration.ofMillis(60));

        assertFalse(ran.get());
    }

    @Test
    void cancellingAfterTheRunDoesNothing() throws InterruptedException {
        List<String> runs = new CopyOnWriteArrayList<>();
        Cancellable timer = executor.schedule(() -> runs.add("ran"), 10);
        elapse(Duration.ofMillis(30));

        timer.cancel();
        timer.cancel();
        elapse(Duration.ofMillis(30));

        assertEquals(List.of("ran"), runs);
    }

    @Test
    void cancelOnTheOwnerThreadBeatsATimerDueAtTheSameTime() throws InterruptedException {
        AtomicBoolean ran = new AtomicBoolean();
        AtomicReference<Cancellable> victim = new AtomicReference<>();
        executor.execute(() -> {
            executor.schedule(() -> victim.get().cancel(), 20);
            victim.set(executor.schedule(() -> ran.set(true), 20));
        });
        settle();

        elapse(Duration.ofMillis(60));

        assertFalse(ran.get());
    }

    @Test
    void aThrowingTaskOrTimerIsLoggedAndDoesNotKillTheOwnerThread() throws InterruptedException {
        Thread before = ownerThread();
        try (CapturedLog log = new CapturedLog(OwnerThread.class)) {
            executor.execute(() -> {
                throw new IllegalStateException("task boom");
            });
            executor.schedule(() -> {
                throw new IllegalArgumentException("timer boom");
            }, 10);
            elapse(Duration.ofMillis(30));

            Thread after = ownerThread();

            assertEquals(before, after);
            assertTrue(after.isAlive());
            String on = "ERROR link task failed on " + before.getName() + ": ";
            assertEquals(List.of(on + "java.lang.IllegalStateException: task boom",
                    on + "java.lang.IllegalArgumentException: timer boom"), log.lines());
        }
    }

    @Test
    void shutdownIsIdempotentAndLeavesNoThread() throws InterruptedException {
        String name = ownerThread().getName();

        assertTrue(executor.shutdown(WAIT));
        assertTrue(executor.shutdown(WAIT));
        assertTrue(executor.isShutdown());
        assertFalse(liveThreadNames().contains(name), name + " still runs");
    }

    @Test
    void shutdownFromTheOwnerThreadReturnsWithoutWaitingForItself() throws InterruptedException {
        String name = ownerThread().getName();
        AtomicReference<Boolean> fromOwner = new AtomicReference<>();
        CountDownLatch returned = new CountDownLatch(1);
        executor.execute(() -> {
            fromOwner.set(executor.shutdown(WAIT));
            returned.countDown();
        });

        assertTrue(returned.await(1, TimeUnit.SECONDS), "shutdown on the owner thread returned at once");
        assertEquals(false, fromOwner.get(), "the owner thread had not ended yet");
        assertTrue(executor.shutdown(WAIT));
        assertFalse(liveThreadNames().contains(name), name + " still runs");
    }

    @Test
    void executeAndScheduleAfterShutdownAreSilentlyDropped() throws InterruptedException {
        assertTrue(executor.shutdown(WAIT));
        AtomicBoolean ran = new AtomicBoolean();

        executor.execute(() -> ran.set(true));
        Cancellable timer = executor.schedule(() -> ran.set(true), 0);
        assertNotNull(timer);
        timer.cancel();
        elapse(Duration.ofMillis(10));

        assertFalse(ran.get());
    }

    @Test
    void shutdownCancelsPendingTimers() {
        AtomicBoolean ran = new AtomicBoolean();
        executor.schedule(() -> ran.set(true), 60_000);

        long start = System.nanoTime();
        assertTrue(executor.shutdown(WAIT));

        assertTrue(System.nanoTime() - start < WAIT.toNanos(), "did not wait for the timer");
        assertFalse(ran.get());
    }

    @Test
    void tasksExecutedBeforeShutdownStillRun() throws InterruptedException {
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        executor.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor.shutdown(Duration.ZERO);
            order.add("first");
        });
        executor.execute(() -> order.add("second"));
        release.countDown();

        assertTrue(executor.shutdown(WAIT));
        assertEquals(List.of("first", "second"), order);
    }
}
