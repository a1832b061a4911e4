package dev.clawscope.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Quitting closes every open session off the caller's thread and waits for it, within a bound. */
@Timeout(20)
class OpenSessionsTest {

    /** A session whose close blocks until released, recording the thread it ran on. */
    private static final class HeldSession implements AutoCloseable {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger closes = new AtomicInteger();
        volatile Thread closedOn;

        @Override
        public void close() throws InterruptedException {
            closedOn = Thread.currentThread();
            closes.incrementAndGet();
            entered.countDown();
            release.await();
        }
    }

    @Test
    void closeStartsOnAThreadOfItsOwnAndReturnsAtOnce() throws Exception {
        OpenSessions sessions = new OpenSessions();
        HeldSession session = new HeldSession();
        sessions.add(session);
        CompletableFuture<Void> done = sessions.close(session);
        assertTrue(session.entered.await(5, TimeUnit.SECONDS), "the close began");
        assertFalse(done.isDone(), "the caller did not wait for the close");
        assertNotSame(Thread.currentThread(), session.closedOn);
        assertTrue(session.closedOn.isDaemon() && session.closedOn.getName().startsWith("session-close-"),
                session.closedOn.getName());
        assertSame(done, sessions.close(session), "a second close joins the first");
        session.release.countDown();
        done.get(5, TimeUnit.SECONDS);
        assertEquals(1, session.closes.get());
    }

    @Test
    void closeAllClosesWhatIsOpenAndWaitsForItToEnd() throws Exception {
        OpenSessions sessions = new OpenSessions();
        HeldSession open = new HeldSession();
        HeldSession alreadyClosing = new HeldSession();
        sessions.add(open);
        sessions.add(alreadyClosing);
        sessions.close(alreadyClosing);
        CompletableFuture<Boolean> quit = CompletableFuture.supplyAsync(() -> sessions.closeAll(Duration.ofSeconds(10)));
        assertTrue(open.entered.await(5, TimeUnit.SECONDS), "the open session is closed too");
        assertTrue(alreadyClosing.entered.await(5, TimeUnit.SECONDS));
        open.release.countDown();
        assertFalse(sessions.closeAll(Duration.ofMillis(200)), "the close begun earlier is still waited for");
        alreadyClosing.release.countDown();
        assertTrue(quit.get(5, TimeUnit.SECONDS), "both closes ended within the bound");
        assertEquals(1, open.closes.get());
        assertEquals(1, alreadyClosing.closes.get());
    }

    @Test
    void closeAllGivesUpAtItsBoundAndALaterCallAtTheFirstCallsDeadline() throws Exception {
        OpenSessions sessions = new OpenSessions();
        HeldSession stuck = new HeldSession();
        sessions.add(stuck);
        long start = System.nanoTime();
        assertFalse(sessions.closeAll(Duration.ofMillis(300)), "a close that never ends is not waited for");
        long firstMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertFalse(sessions.closeAll(Duration.ofSeconds(10)), "the first call's deadline has passed");
        long bothMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(firstMs >= 300 && bothMs < 3_000, "waited " + firstMs + " ms, then " + bothMs + " ms in all");
        assertTrue(stuck.entered.await(5, TimeUnit.SECONDS));
        stuck.release.countDown();
    }

    @Test
    void aSessionOpenedAfterQuittingBeganIsClosedAtOnce() throws Exception {
        OpenSessions sessions = new OpenSessions();
        assertTrue(sessions.closeAll(Duration.ofSeconds(10)), "nothing to close");
        HeldSession late = new HeldSession();
        late.release.countDown();
        sessions.add(late);
        assertTrue(late.entered.await(5, TimeUnit.SECONDS), "the late session was closed");
        assertTrue(sessions.closeAll(Duration.ofSeconds(5)));
        assertEquals(1, late.closes.get());
    }
}
