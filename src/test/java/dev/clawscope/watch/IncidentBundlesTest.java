package dev.clawscope.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.proof.ProofBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder's caps: oldest first, earlier runs counted, nothing deleted that is not the recorder's own. */
class IncidentBundlesTest {

    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    @TempDir
    Path dir;

    private static BundleJob job(String gateway, Instant drop, int entries, boolean last) {
        List<JournalEntry> list = new ArrayList<>();
        list.add(new JournalEntry(1, drop, 0, 1, new LinkEvent.StateChanged("connected", "backoff")));
        for (int i = 1; i < entries; i++) {
            list.add(new JournalEntry(i + 1, drop.plusMillis(i), i, 1, new LinkEvent.Error("test", "filler " + i)));
        }
        return new BundleJob(new Incident(drop, 0, 100, 0), gateway, "ws://127.0.0.1:18789", drop, list,
                Map.of(IncidentBundles.MARKER_KEY, IncidentBundles.MARKER, "gateway", gateway), last);
    }

    private static List<String> names(List<Path> folders) {
        return folders.stream().map(p -> p.getFileName().toString()).toList();
    }

    @Test
    void theOldestGoFirstBeyondTheCountAndForeignFoldersStay() throws IOException {
        Path foreign = Files.createDirectories(dir.resolve("home-20260501T095959Z"));
        Files.writeString(foreign.resolve(ProofBundle.MANIFEST), "{\"format\":\"clawscope-proof-bundle/1\"}");
        Path notes = Files.writeString(dir.resolve("notes.txt"), "mine");
        IncidentBundles bundles = IncidentBundles.open(IncidentSettings.defaults(dir).withCaps(3, 1_000_000_000));
        for (int i = 0; i < 5; i++) {
            assertTrue(bundles.write(job("home", T0.plusSeconds(60L * i), 3, true)).isPresent());
        }
        assertEquals(List.of("home-20260501T100200Z", "home-20260501T100300Z", "home-20260501T100400Z"),
                names(bundles.kept()));
        assertFalse(Files.exists(dir.resolve("home-20260501T100000Z")), "the oldest is gone");
        assertTrue(Files.exists(foreign.resolve(ProofBundle.MANIFEST)), "a bundle without the marker is not ours");
        assertTrue(Files.exists(notes));
    }

    @Test
    void bundlesOfAnEarlierRunCountAndTheSizeCapDeletesOldestFirst() throws IOException {
        IncidentSettings settings = IncidentSettings.defaults(dir);
        IncidentBundles first = IncidentBundles.open(settings);
        first.write(job("work", T0, 200, true));
        first.write(job("home", T0.plusSeconds(1), 200, true));
        long each = first.keptBytes() / 2;
        // a file of the user's in one of ours: its bundle files go, the folder and the file stay
        Files.writeString(first.kept().get(0).resolve("my-notes.txt"), "keep me");

        IncidentBundles second = IncidentBundles.open(settings.withCaps(100, each * 2 + each / 2));
        assertEquals(2, second.kept().size(), "counted from the folder");
        second.write(job("home", T0.plusSeconds(2), 200, true));
        assertEquals(List.of("home-20260501T100001Z", "home-20260501T100002Z"), names(second.kept()));
        Path work = dir.resolve("work-20260501T100000Z");
        assertTrue(Files.exists(work.resolve("my-notes.txt")));
        assertFalse(Files.exists(work.resolve(ProofBundle.MANIFEST)));

        IncidentBundles third = IncidentBundles.open(settings.withCaps(1, Long.MAX_VALUE));
        assertEquals(List.of("home-20260501T100002Z"), names(third.kept()), "caps apply at start too");
    }

    @Test
    void anOngoingIncidentKeepsItsFolderAndIsNotDeletedWhileOpen() throws IOException {
        IncidentBundles bundles = IncidentBundles.open(IncidentSettings.defaults(dir).withCaps(1, Long.MAX_VALUE));
        BundleJob ongoing = job("home", T0, 3, false);
        Path folder = bundles.write(ongoing).orElseThrow().dir();
        bundles.write(job("work", T0.plusSeconds(5), 3, true));
        assertTrue(Files.exists(folder.resolve(ProofBundle.MANIFEST)), "open: not deleted");
        BundleJob done = new BundleJob(ongoing.incident(), "home", ongoing.label(), ongoing.dropTs(),
                ongoing.entries(), ongoing.settings(), true);
        assertEquals(folder, bundles.write(done).orElseThrow().dir(), "the same folder again");
        bundles.write(job("work", T0.plusSeconds(9), 3, true));
        assertEquals(List.of("work-20260501T100009Z"), names(bundles.kept()));
    }

    @Test
    void anyGatewayNameMakesASafeFolderName() throws IOException {
        assertEquals("home", IncidentBundles.safeName("home"));
        String slash = IncidentBundles.safeName("a/b");
        assertTrue(slash.matches("a_b-[0-9a-f]{6}"), slash);
        assertNotEquals(IncidentBundles.safeName("a_b"), slash);
        assertTrue(IncidentBundles.safeName("../../etc").matches("[A-Za-z0-9_-]+"));
        assertTrue(IncidentBundles.safeName("").startsWith("gateway-"));
        assertTrue(IncidentBundles.safeName("x".repeat(500)).length() <= 64);
        IncidentBundles bundles = IncidentBundles.open(IncidentSettings.defaults(dir));
        Path written = bundles.write(job("../..\u0000/\u00e9 \u2603", T0, 3, true)).orElseThrow().dir();
        assertEquals(dir, written.getParent());
        Path twin = bundles.write(job("../..\u0000/\u00e9 \u2603", T0, 3, true)).orElseThrow().dir();
        assertEquals(written.getFileName() + "-2", twin.getFileName().toString(), "the same second: numbered");
        assertEquals(2, IncidentBundles.open(IncidentSettings.defaults(dir)).kept().size(), "both recognised");
    }
}
