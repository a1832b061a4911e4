package dev.clawscope.link;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class VirtualLinkExecutorTest extends LinkExecutorContract {

    private VirtualLinkExecutor virtual;

    @Override
    LinkExecutor create() {
        virtual = new VirtualLinkExecutor();
        return virtual;
    }

    @Override
    void elapse(Duration time) {
        virtual.advance(time);
    }

    @Test
    void timersWaitForVirtualTime() {
        AtomicBoolean ran = new AtomicBoolean();
        virtual.schedule(() -> ran.set(true), 1_000);

        virtual.runPending();
        virtual.advance(Duration.ofMillis(999));
        assertFalse(ran.get());
        assertEquals(1, virtual.pendingTimers());

        virtual.advance(Duration.ofMillis(1));
        assertTrue(ran.get());
        assertEquals(0, virtual.pendingTimers());
        assertEquals(Duration.ofSeconds(1), virtual.now());
    }

    @Test
    void aTimerSeesItsDueTimeOnBothClocks() {
        AtomicLong mono = new AtomicLong();
        AtomicLong wall = new AtomicLong();
        virtual.schedule(() -> {
            mono.set(virtual.monoNanos());
            wall.set(virtual.wallMillis());
        }, 250);

        virtual.advance(Duration.ofSeconds(1));

        assertEquals(Duration.ofMillis(250).toNanos(), mono.get());
        assertEquals(VirtualLinkExecutor.DEFAULT_WALL_START.toEpochMilli() + 250, wall.get());
        assertEquals(Duration.ofSeconds(1), virtual.now());
    }

    @Test
    void timersScheduledDuringAnAdvanceRunOnlyIfDueWithinIt() {
        List<String> ran = new CopyOnWriteArrayList<>();
        virtual.schedule(() -> {
            ran.add("at 100");
            virtual.schedule(() -> ran.add("at 300"), 200);
            virtual.schedule(() -> ran.add("at 2100"), 2_000);
            virtual.schedule(() -> ran.add("at 100 again"), 0);
        }, 100);

        virtual.advance(Duration.ofSeconds(1));
        assertEquals(List.of("at 100", "at 100 again", "at 300"), ran);
        assertEquals(1, virtual.pendingTimers());

        virtual.advanceTo(Duration.ofMillis(2_100));
        assertEquals(List.of("at 100", "at 100 again", "at 300", "at 2100"), ran);
    }

    @Test
    void tasksExecutedByATimerRunBeforeTheClockMovesOn() {
        List<String> ran = new CopyOnWriteArrayList<>();
        virtual.schedule(() -> virtual.execute(() -> ran.add("executed at " + virtual.now().toMillis())), 10);
        virtual.schedule(() -> ran.add("timer at " + virtual.now().toMillis()), 20);

        virtual.advance(Duration.ofMillis(50));

        assertEquals(List.of("executed at 10", "timer at 20"), ran);
    }

    @Test
    void zeroAndNegativeDelaysRunOnRunPending() {
        List<String> ran = new CopyOnWriteArrayList<>();
        virtual.schedule(() -> ran.add("zero"), 0);
        virtual.schedule(() -> ran.add("negative"), -5);

        virtual.runPending();

        assertEquals(List.of("zero", "negative"), ran);
        assertEquals(Duration.ZERO, virtual.now());
    }

    @Test
    void aDelayTooLongToCountIsNeverReached() {
        AtomicBoolean ran = new AtomicBoolean();
        virtual.advance(Duration.ofSeconds(1));
        virtual.schedule(() -> ran.set(true), Long.MAX_VALUE);

        virtual.advance(Duration.ofDays(365));

        assertFalse(ran.get());
        assertEquals(1, virtual.pendingTimers());
    }

    @Test
    void executedTasksRunOnTheRealOwnerThreadWithoutAdvancing() {
        AtomicReference<String> ranOn = new AtomicReference<>();
        Thread socketCallback = new Thread(() -> virtual.execute(() -> ranOn.set(Thread.currentThread().getName())));
        socketCallback.start();

        await().atMost(5, SECONDS).until(() -> ranOn.get() != null);
        assertTrue(ranOn.get().startsWith("clawscope-link-"), ranOn.get());
        assertEquals(Duration.ZERO, virtual.now());
    }

    @Test
    void runPendingWaitsForTasksThatExecuteMoreTasks() {
        AtomicInteger count = new AtomicInteger();
        Runnable[] chain = new Runnable[1];
        chain[0] = () -> {
            if (count.incrementAndGet() < 100) {
                virtual.execute(chain[0]);
            }
        };
        virtual.execute(chain[0]);

        virtual.runPending();

        assertEquals(100, count.get());
    }

    @Test
    void jumpingTheWallClockMovesNeitherMonotonicTimeNorTimers() {
        AtomicBoolean ran = new AtomicBoolean();
        virtual.schedule(() -> ran.set(true), 500);
        long wallBefore = virtual.wallMillis();

        virtual.jumpWallClock(Duration.ofHours(1));
        virtual.runPending();

        assertEquals(wallBefore + Duration.ofHours(1).toMillis(), virtual.wallMillis());
        assertEquals(0, virtual.monoNanos());
        assertFalse(ran.get());

        virtual.jumpWallClock(Duration.ofMinutes(-90));
        assertEquals(wallBefore - Duration.ofMinutes(30).toMillis(), virtual.wallMillis());
    }

    @Test
    void wallClockStartsWhereAsked() {
        Instant start = Instant.parse("2030-05-06T07:08:09Z");
        VirtualLinkExecutor other = new VirtualLinkExecutor(start);
        try {
            other.advance(Duration.ofMillis(1_500));
            assertEquals(start.toEpochMilli() + 1_500, other.wallMillis());
        } finally {
            assertTrue(other.shutdown(WAIT));
        }
    }

    @Test
    void refusesToDriveTimeFromTheOwnerThread() {
        AtomicReference<RuntimeException> refused = new AtomicReference<>();
        virtual.execute(() -> {
            try {
                virtual.advance(Duration.ofSeconds(1));
            } catch (RuntimeException e) {
                refused.set(e);
            }
        });

        virtual.runPending();

        assertInstanceOf(IllegalStateException.class, refused.get());
        assertEquals(Duration.ZERO, virtual.now());
    }

    @Test
    void refusesToGoBackInTime() {
        virtual.advance(Duration.ofSeconds(2));

        assertThrows(IllegalArgumentException.class, () -> virtual.advance(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> virtual.advanceTo(Duration.ofSeconds(1)));
        assertEquals(Duration.ofSeconds(2), virtual.now());
    }

    @Test
    void aTimerThatShutsDownStopsTheAdvance() {
        List<String> ran = new CopyOnWriteArrayList<>();
        virtual.schedule(() -> {
            ran.add("dispose");
            virtual.shutdown(Duration.ZERO);
        }, 10);
        virtual.schedule(() -> ran.add("late"), 20);

        virtual.advance(Duration.ofSeconds(1));

        assertEquals(List.of("dispose"), ran);
        assertEquals(0, virtual.pendingTimers());
        assertTrue(virtual.isShutdown());
    }

    @Test
    void shutdownDropsTimersAndLaterSchedules() {
        virtual.schedule(() -> { }, 100);
        virtual.schedule(() -> { }, 200);
        assertEquals(2, virtual.pendingTimers());

        assertTrue(virtual.shutdown(WAIT));
        virtual.schedule(() -> { }, 10);

        assertEquals(0, virtual.pendingTimers());
        virtual.advance(Duration.ofSeconds(1));
        assertEquals(Duration.ofSeconds(1), virtual.now());
    }
}
