package dev.clawscope.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class JournalTest {

    private static final Instant TS = Instant.parse("2026-11-27T23:05:14.090Z");

    @Test
    void seqStartsAtOneAndEntriesCarryWhatWasAppended() {
        try (Journal journal = new Journal()) {
            JournalEntry first = journal.append(4, 12.5, TS, new LinkEvent.SocketOpen());
            JournalEntry second = journal.append(4, 13.0, TS, new LinkEvent.Challenge());
            assertEquals(new JournalEntry(1, TS, 12.5, 4, new LinkEvent.SocketOpen()), first);
            assertEquals(2, second.seq());
            assertEquals(List.of(first, second), journal.snapshot());
            assertEquals(Journal.DEFAULT_CAPACITY, journal.capacity());
        }
    }

    @Test
    void ringKeepsTheNewestAndCountsTheDropped() {
        try (Journal journal = new Journal(5, 10, new ManualClock())) {
            for (int i = 0; i < 12; i++) {
                journal.append(0, i, TS, new LinkEvent.Tick(i));
            }
            assertEquals(List.of(8L, 9L, 10L, 11L, 12L), seqs(journal.snapshot()));
            assertEquals(5, journal.size());
            assertEquals(7, journal.dropped());
            Journal.Kept kept = journal.kept();
            assertEquals(journal.snapshot(), kept.entries());
            assertEquals(7, kept.dropped(), "the first seven entries are the dropped ones");
            assertEquals(13, journal.append(0, 12, TS, new LinkEvent.Tick(12)).seq(), "seq goes on after the wrap");
        }
    }

    @Test
    void highestGenOutlivesTheEntriesTheRingDrops() {
        try (Journal journal = new Journal(2, 10, new ManualClock())) {
            assertEquals(0, journal.highestGen(), "nothing appended yet");
            journal.append(7, 0, TS, new LinkEvent.SocketOpen());
            journal.append(3, 1, TS, new LinkEvent.ListenerFault("late", "an older generation's entry"));
            journal.append(3, 2, TS, new LinkEvent.Challenge());
            journal.append(3, 3, TS, new LinkEvent.Challenge());
            assertEquals(List.of(3L, 3L), journal.snapshot().stream().map(JournalEntry::gen).toList());
            assertEquals(7, journal.highestGen(), "a link created now starts after gen 7");
        }
    }

    @Test
    void snapshotIsAnUnmodifiableCopy() {
        try (Journal journal = new Journal()) {
            journal.append(0, 0, TS, new LinkEvent.SocketOpen());
            List<JournalEntry> snapshot = journal.snapshot();
            journal.append(0, 0, TS, new LinkEvent.Challenge());
            assertEquals(1, snapshot.size());
            assertThrows(UnsupportedOperationException.class, snapshot::clear);
        }
    }

    @Test
    void appendWithoutTimeUsesTheJournalClock() {
        ManualClock clock = new ManualClock();
        clock.advanceMs(2_500);
        try (Journal journal = new Journal(10, 10, clock)) {
            JournalEntry entry = journal.append(9, new LinkEvent.DisposeBegin());
            assertEquals(2_500, entry.monoMs());
            assertEquals(ManualClock.START.plusMillis(2_500), entry.ts());
            assertEquals(9, entry.gen());
        }
    }

    @Test
    void aRejectedAppendUsesNoSeq() {
        try (Journal journal = new Journal()) {
            assertThrows(IllegalArgumentException.class,
                    () -> journal.append(0, Double.NaN, TS, new LinkEvent.SocketOpen()));
            assertThrows(NullPointerException.class, () -> journal.append(0, 0, TS, null));
            assertEquals(1, journal.append(0, 0, TS, new LinkEvent.SocketOpen()).seq());
            assertEquals(1, journal.size());
        }
    }

    @Test
    void capacitiesMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new Journal(0, 10, new ManualClock()));
        assertThrows(IllegalArgumentException.class, () -> new Journal(10, 0, new ManualClock()));
    }

    @Test
    void seqIsUniqueAndIncreasingUnderConcurrentAppenders() throws Exception {
        int threads = 8;
        int perThread = 12_500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (Journal journal = new Journal()) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long gen = t;
                results.add(pool.submit(() -> {
                    start.await();
                    List<Long> mine = new ArrayList<>(perThread);
                    for (int i = 0; i < perThread; i++) {
                        mine.add(journal.append(gen, i, TS, new LinkEvent.Tick(i)).seq());
                    }
                    return mine;
                }));
            }
            start.countDown();
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> result : results) {
                List<Long> mine = result.get(30, TimeUnit.SECONDS);
                for (int i = 1; i < mine.size(); i++) {
                    assertTrue(mine.get(i) > mine.get(i - 1), "each appender sees its seqs increase");
                }
                all.addAll(mine);
            }
            List<Long> expected = LongStream.rangeClosed(1, threads * perThread).boxed().toList();
            assertEquals(expected, all.stream().sorted().toList(), "every seq handed out exactly once");
            assertEquals(expected, seqs(journal.snapshot()), "the ring holds them in seq order");
            assertEquals(0, journal.dropped());
        } finally {
            pool.shutdownNow();
        }
    }

    static List<Long> seqs(List<JournalEntry> entries) {
        return entries.stream().map(JournalEntry::seq).toList();
    }
}
