package dev.clawscope.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.link.LinkHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bundle of a journal whose ring dropped its oldest entries, the hello-ok among them. */
class DroppedEntriesTest {

    /** Connected at 0 ms (seq 1 to 7), then 30 ticks a second apart (seq 8 to 37), then disposed. */
    private static final List<JournalEntry> RUN = run();
    /** The ring kept the newest entries from seq 11 on: the first 10, hello-ok included, are gone. */
    private static final List<JournalEntry> KEPT = RUN.subList(10, RUN.size());
    private static final LinkHistory CONNECTED_ONCE = new LinkHistory(1, 1, null, null);

    @TempDir
    Path tmp;

    private static List<JournalEntry> run() {
        JournalBuilder b = new JournalBuilder().connect(0, 1);
        for (int i = 1; i <= 30; i++) {
            b.at(i * 1_000, new LinkEvent.Tick(i));
        }
        return b.dispose(31_000, 3).build();
    }

    private static BundleInfo info() {
        return SummaryWriterTest.info().withLink(CONNECTED_ONCE, 10);
    }

    private static String summary(BundleInfo info) {
        return SummaryWriter.markdown(JournalStats.of(KEPT), info, SummaryWriterTest.ENV, false);
    }

    private static void assertSays(String md, String... parts) {
        for (String part : parts) {
            assertTrue(md.contains(part), () -> "no '" + part + "' in\n" + md);
        }
    }

    @Test
    void theSummarySaysHowManyAreMissingAndWhichSpanIsKept() {
        assertSays(summary(info()),
                "**Incomplete journal:** its ring dropped the oldest 10 entries, so the first 10 of the run are "
                        + "missing; the kept journal covers seq 11 to " + RUN.size() + " (2026-11-27T23:05:18Z to "
                        + "2026-11-27T23:05:45.003Z, 27.0 s).",
                "connect attempts and hello-ok come from the link's own record of the whole run.",
                "None in the kept journal.");
    }

    @Test
    void theLinksRecordSaysItConnectedThoughTheHelloOkWasDropped() {
        String md = summary(info());
        assertSays(md, "| Gateway | unknown (its hello-ok is not in the kept journal) |",
                "- reconnects scheduled: 0 (connect attempts: 1)",
                "- hello-ok: 1, connected at least once (the link's own record)");
        assertFalse(md.contains("no hello-ok"), md);
        assertFalse(md.contains("never connected"), md);
    }

    @Test
    void withoutTheLinksRecordTheCountsAreOnlyThoseOfTheKeptJournal() {
        BundleInfo plain = SummaryWriterTest.info();
        String md = summary(new BundleInfo(plain.scenario(), plain.gatewayUrl(), plain.settings(),
                plain.redactionRules(), Optional.empty(), 10));
        assertSays(md, "| Gateway | unknown (no hello-ok in the kept journal) |", "- hello-ok: 0 in the kept journal",
                "; so do connect attempts and hello-ok.");
        assertFalse(md.contains("never connected"), md);
    }

    @Test
    void aPauseFromTheLinksRecordIsNamed() {
        String md = summary(SummaryWriterTest.info().withLink(new LinkHistory(3, 0, "auth", "AUTH_TOKEN_MISMATCH"), 0));
        assertSays(md, "- hello-ok: 0, never connected (the link's own record)",
                "- paused since the last hello-ok: auth (AUTH_TOKEN_MISMATCH)");
        assertFalse(md.contains("Incomplete journal"), md);
    }

    @Test
    void theManifestCountsTheDroppedEntriesAndCarriesTheLinksRecord() throws Exception {
        Path dir = tmp.resolve("b");
        ProofBundleWriter.withoutPng().withEnvironment(SummaryWriterTest.ENV).write(dir, KEPT, info());
        JsonObject manifest = JsonParser.parseString(Files.readString(dir.resolve(ProofBundle.MANIFEST)))
                .getAsJsonObject();
        JsonObject journal = manifest.getAsJsonObject("journal");
        assertEquals(10, journal.get("dropped_entries").getAsLong());
        assertEquals(11, journal.get("first_seq").getAsLong());
        assertEquals(RUN.size(), journal.get("last_seq").getAsLong());
        assertEquals("2026-11-27T23:05:18Z", journal.get("first_ts").getAsString());
        JsonObject link = manifest.getAsJsonObject("link");
        assertEquals(1, link.get("connect_attempts").getAsLong());
        assertEquals(1, link.get("hello_oks").getAsLong());
        assertTrue(link.get("ever_connected").getAsBoolean());
        assertTrue(link.get("pause_reason").isJsonNull());
        assertTrue(Files.readString(dir.resolve(ProofBundle.SVG)).contains("the first 10 journal entries were dropped"));
    }

    @Test
    void aCompleteJournalWithoutALinkSaysNothingWasDropped() throws Exception {
        Path dir = tmp.resolve("b");
        ProofBundleWriter.withoutPng().write(dir, RUN, SummaryWriterTest.info());
        JsonObject manifest = JsonParser.parseString(Files.readString(dir.resolve(ProofBundle.MANIFEST)))
                .getAsJsonObject();
        assertEquals(0, manifest.getAsJsonObject("journal").get("dropped_entries").getAsLong());
        assertEquals(1, manifest.getAsJsonObject("journal").get("first_seq").getAsLong());
        assertTrue(manifest.get("link").isJsonNull());
        String md = Files.readString(dir.resolve(ProofBundle.SUMMARY));
        assertTrue(md.contains("- hello-ok: 1, connected at least once\n"), md);
        assertFalse(md.contains("Incomplete journal"), md);
    }
}
