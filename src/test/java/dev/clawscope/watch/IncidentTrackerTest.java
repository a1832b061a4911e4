package dev.clawscope.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.journal.ClosedBy;
import dev.clawscope.journal.Journal;
import dev.clawscope.journal.JournalClock;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The windows, flapping, ongoing and unfinished incidents in virtual time: a real journal written
 * with the stamps a link would give, fed to the tracker in order, minutes passing in no time.
 */
class IncidentTrackerTest {

    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    private final Journal journal = new Journal(100_000, 10, new JournalClock() {
        @Override
        public double monoMs() {
            return 0;
        }

        @Override
        public Instant now() {
            return T0;
        }
    });
    private final List<BundleJob> jobs = new ArrayList<>();
    private IncidentTracker tracker = tracker(IncidentSettings.defaults(Path.of("unused")));

    @AfterEach
    void closeJournal() {
        journal.close();
    }

    private IncidentTracker tracker(IncidentSettings settings) {
        return new IncidentTracker("home", "ws://127.0.0.1:18789", journal, settings);
    }

    /** Appends the event stamped {@code atMs} into the run and feeds it; returns its entry. */
    private JournalEntry at(double atMs, LinkEvent event) {
        JournalEntry entry = journal.append(1, atMs, T0.plusMillis((long) atMs), event);
        jobs.addAll(tracker.accept(entry));
        return entry;
    }

    private static LinkEvent state(String from, String to) {
        return new LinkEvent.StateChanged(from, to);
    }

    private static LinkEvent hello() {
        return new LinkEvent.HelloOk("2026.9.6", 3, 30_000, List.of("health"), List.of("operator.read"));
    }

    /** Connected at {@code atMs}: connecting, handshaking, hello-ok, connected. */
    private void connect(double atMs, String from) {
        at(atMs, state(from, "connecting"));
        at(atMs + 10, state("connecting", "handshaking"));
        at(atMs + 20, hello());
        at(atMs + 21, state("handshaking", "connected"));
    }

    /** A pong every 5 s in {@code [fromMs, toMs)}. */
    private void pongs(double fromMs, double toMs) {
        for (double t = fromMs; t < toMs; t += 5_000) {
            at(t, new LinkEvent.WsPong(1.5));
        }
    }

    /** The socket closes and the link leaves connected at {@code atMs}. */
    private void drop(double atMs) {
        at(atMs - 1, new LinkEvent.Closed(1006, "reset", ClosedBy.TRANSPORT));
        at(atMs, state("connected", "backoff"));
    }

    @Test
    void aHealthyLinkMakesNoIncident() {
        connect(0, "idle");
        pongs(5_000, 600_000);
        assertTrue(jobs.isEmpty());
        assertTrue(tracker.nextDue().isEmpty());
        assertEquals(Optional.empty(), tracker.due(600_000, true));
        assertEquals(Optional.empty(), tracker.closeOut(600_000));
    }

    @Test
    void oneOutageHoldsThirtySecondsBeforeTheDropToThirtySecondsAfterHelloOk() {
        connect(0, "idle");
        pongs(5_000, 100_000);
        drop(100_000);
        connect(120_000, "backoff");
        pongs(125_000, 200_000);

        assertEquals(1, jobs.size());
        BundleJob job = jobs.get(0);
        assertTrue(job.last());
        assertEquals(T0.plusMillis(100_000), job.dropTs(), "named by the state change that left connected");
        assertEquals(70_000, job.entries().get(0).monoMs(), "the pong at 70 s is the first within 30 s");
        JournalEntry lastKept = job.entries().get(job.entries().size() - 1);
        assertEquals(150_000, lastKept.monoMs(), "the last pong before hello-ok (120.02 s) + 30 s");
        assertEquals("1", job.settings().get("outages"));
        assertTrue(job.settings().get("incident").startsWith("finished"), job.settings().toString());
        assertEquals(IncidentBundles.MARKER, job.settings().get(IncidentBundles.MARKER_KEY));
        assertEquals("none", job.settings().get("entries left out"));
        assertTrue(!job.settings().containsKey("entries missed"), "nothing was missed");
    }

    @Test
    void theWindowEndsOnTheClockWhenNothingMoreArrives() {
        connect(0, "idle");
        pongs(5_000, 40_000);
        drop(40_000);
        connect(45_000, "backoff");

        assertEquals(45_020 + 30_000, tracker.nextDue().orElseThrow());
        assertEquals(Optional.empty(), tracker.due(75_019, true), "not before the window ends");
        assertEquals(Optional.empty(), tracker.due(75_020, false), "entries still on their way are waited for");
        BundleJob job = tracker.due(75_020 + IncidentTracker.DELIVERY_GRACE_MS, false).orElseThrow();
        assertTrue(job.last());
        assertEquals(10_000, job.entries().get(0).monoMs());
        assertTrue(tracker.nextDue().isEmpty(), "nothing open afterwards");
    }

    @Test
    void anOutageWithinTheAfterWindowExtendsTheIncident() {
        connect(0, "idle");
        drop(100_000);
        connect(105_000, "backoff");
        drop(120_000);
        connect(126_000, "backoff");
        drop(150_000);
        connect(151_000, "backoff");
        pongs(152_000, 300_000);

        assertEquals(1, jobs.size(), "a flapping gateway makes one bundle");
        BundleJob job = jobs.get(0);
        assertTrue(job.settings().get("outages").startsWith("3 "), job.settings().toString());
        assertEquals(177_000, job.entries().get(job.entries().size() - 1).monoMs());
    }

    @Test
    void anOutageAfterTheWindowIsAnIncidentOfItsOwn() {
        connect(0, "idle");
        drop(100_000);
        connect(105_000, "backoff");
        pongs(106_000, 140_000);
        drop(140_000);
        connect(141_000, "backoff");
        pongs(142_000, 200_000);

        assertEquals(2, jobs.size());
        assertEquals(T0.plusMillis(140_000), jobs.get(1).dropTs());
        assertEquals(111_000, jobs.get(1).entries().get(0).monoMs(), "the first pong of its own 30 s before, from the ring");
    }

    @Test
    void anOutageThatLastsIsWrittenOngoingThenFinishedAsOneIncident() {
        connect(0, "idle");
        drop(10_000);
        for (double t = 12_000; t < 700_000; t += 20_000) {
            at(t, new LinkEvent.ConnectAttempt(1, "ws://127.0.0.1:18789"));
        }
        assertEquals(10_000 + 300_000, tracker.nextDue().orElseThrow());
        BundleJob first = tracker.due(310_000, true).orElseThrow();
        assertTrue(first.settings().get("incident").startsWith("ongoing"), first.settings().toString());
        assertTrue(!first.last());
        assertEquals(Optional.empty(), tracker.due(310_001, true), "once per period");
        BundleJob second = tracker.due(610_000, true).orElseThrow();
        assertSame(first.incident(), second.incident(), "the same folder, written again");

        connect(700_000, "backoff");
        BundleJob done = tracker.due(730_020, true).orElseThrow();
        assertSame(first.incident(), done.incident());
        assertTrue(done.last());
        assertTrue(done.settings().get("incident").startsWith("finished"), done.settings().toString());
    }

    @Test
    void closingWritesTheIncidentInProgressMarkedUnfinished() {
        connect(0, "idle");
        drop(10_000);
        BundleJob down = tracker.closeOut(20_000).orElseThrow();
        assertTrue(down.last());
        assertTrue(down.settings().get("incident").contains("still down"), down.settings().toString());
        at(30_000, new LinkEvent.WsPong(1));
        assertTrue(jobs.isEmpty(), "nothing is taken after closing");

        tracker = tracker(IncidentSettings.defaults(Path.of("unused")));
        connect(40_000, "backoff");
        drop(50_000);
        connect(51_000, "backoff");
        BundleJob after = tracker.closeOut(60_000).orElseThrow();
        assertTrue(after.settings().get("incident").startsWith("unfinished")
                && after.settings().get("incident").contains("after the last hello-ok"), after.settings().toString());
    }

    @Test
    void aFloodKeepsTheDropAndTheRecoveryAndCountsWhatWasLeftOut() {
        tracker = tracker(IncidentSettings.defaults(Path.of("unused")).withMaxEntries(100));
        connect(0, "idle");
        for (int i = 0; i < 1_000; i++) {
            at(20_000 + i * 10, new LinkEvent.Tick(i));
        }
        JournalEntry dropped = at(30_000, new LinkEvent.Closed(1006, "reset", ClosedBy.TRANSPORT));
        at(30_001, state("connected", "backoff"));
        for (int i = 0; i < 5_000; i++) {
            at(30_002 + i, new LinkEvent.Error("flood", "x"));
        }
        connect(40_000, "backoff");
        at(80_000, new LinkEvent.WsPong(1));

        BundleJob job = jobs.get(0);
        assertTrue(job.entries().size() <= 100, "kept " + job.entries().size());
        assertTrue(job.entries().contains(dropped), "the drop is kept");
        assertTrue(job.entries().stream().anyMatch(e -> e.event() instanceof LinkEvent.HelloOk), "so is hello-ok");
        long before = job.entries().stream().filter(e -> e.monoMs() <= 30_000).count();
        assertEquals(25, before, "a quarter for the flood before the drop");
        long kept = job.entries().size();
        long total = journal.snapshot().stream().filter(e -> e.monoMs() >= 30_001 - 30_000 && e.monoMs() < 40_020 + 30_000).count();
        String leftOut = job.settings().get("entries left out");
        assertTrue(leftOut.startsWith(total - kept + ", "), leftOut + " of " + total);
    }

    @Test
    void entriesThatNeverReachedTheRecorderAreCounted() {
        connect(0, "idle");
        drop(10_000);
        for (int i = 0; i < 7; i++) {
            journal.append(1, 10_500 + i, T0.plusMillis(10_500 + i), new LinkEvent.Tick(i));
        }
        connect(11_000, "backoff");
        at(60_000, new LinkEvent.WsPong(1));
        assertTrue(jobs.get(0).settings().get("entries missed").startsWith("7: "), jobs.get(0).settings().toString());
    }

    @Test
    void anEntryFedTwiceCountsOnce() {
        connect(0, "idle");
        JournalEntry pong = at(5_000, new LinkEvent.WsPong(1));
        drop(10_000);
        assertTrue(tracker.accept(pong).isEmpty());
        connect(11_000, "backoff");
        at(Duration.ofSeconds(60).toMillis(), new LinkEvent.WsPong(1));
        assertEquals(1, jobs.get(0).entries().stream().filter(e -> e.seq() == pong.seq()).count());
    }
}
