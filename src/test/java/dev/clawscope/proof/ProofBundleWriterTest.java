package dev.clawscope.proof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.JournalJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProofBundleWriterTest {

    /** Stands in for a bitmap renderer: the bytes name the requested size. */
    private static final PngRenderer FAKE_PNG = (timeline, w, h) ->
            ("png " + w + "x" + h).getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path tmp;

    private final List<JournalEntry> entries = SyntheticJournals.twoOutages();

    private ProofBundleWriter writer(PngRenderer png) {
        ProofBundleWriter w = png == null ? ProofBundleWriter.withoutPng() : new ProofBundleWriter(png);
        return w.withEnvironment(SummaryWriterTest.ENV);
    }

    @Test
    void writesEveryFileAndAManifestWhoseHashesMatch() throws Exception {
        Path dir = tmp.resolve("nested/bundle");
        ProofBundle bundle = writer(FAKE_PNG).write(dir, entries, SummaryWriterTest.info());

        assertEquals(ProofBundle.FILE_NAMES, bundle.files().stream().map(BundleFile::name).toList());
        assertEquals("png 1200x" + Timeline.of(entries, "").height(),
                Files.readString(dir.resolve(ProofBundle.PNG), StandardCharsets.US_ASCII));
        JsonObject manifest = JsonParser.parseString(Files.readString(dir.resolve(ProofBundle.MANIFEST)))
                .getAsJsonObject();
        List<JsonElement> listed = manifest.getAsJsonArray("files").asList();
        assertEquals(4, listed.size());
        for (JsonElement e : listed) {
            JsonObject f = e.getAsJsonObject();
            byte[] content = Files.readAllBytes(dir.resolve(f.get("name").getAsString()));
            assertEquals(sha256(content), f.get("sha256").getAsString(), f.toString());
            assertEquals(content.length, f.get("bytes").getAsLong());
        }
        for (BundleFile f : bundle.files()) {
            assertEquals(sha256(Files.readAllBytes(dir.resolve(f.name()))), f.sha256(), f.name());
        }
        assertEquals(ProofBundleWriter.FORMAT, manifest.get("format").getAsString());
        assertEquals("0.1.0", manifest.get("clawscope_version").getAsString());
        assertEquals("17.0.15 (Debian)", manifest.get("java").getAsString());
        assertEquals("Linux 6.1 (amd64)", manifest.get("os").getAsString());
        assertEquals("2026.9.6", manifest.get("gateway_version").getAsString());
        assertEquals("full-jitter", manifest.getAsJsonObject("settings").get("backoff").getAsString());
        assertEquals("token: removed", manifest.getAsJsonArray("redaction_rules").get(0).getAsString());
        assertTrue(manifest.getAsJsonObject("png").get("written").getAsBoolean());
        assertTrue(bundle.pngSkipped().isEmpty());
    }

    @Test
    void journalIsTheContractLinesReadableBack() throws Exception {
        Path dir = tmp.resolve("b");
        writer(null).write(dir, entries, SummaryWriterTest.info());
        List<String> lines = Files.readAllLines(dir.resolve(ProofBundle.JOURNAL));
        assertEquals(entries.stream().map(JournalJson::toLine).toList(), lines);
        assertEquals(entries, lines.stream().map(l -> JournalJson.parse(l).orElseThrow()).toList());
    }

    @Test
    void withoutARendererThePngIsSkippedAndTheManifestSaysSo() throws Exception {
        Path dir = tmp.resolve("b");
        ProofBundle bundle = writer(null).write(dir, entries, SummaryWriterTest.info());
        assertFalse(Files.exists(dir.resolve(ProofBundle.PNG)));
        assertEquals("no PNG renderer available", bundle.pngSkipped().orElseThrow());
        JsonObject png = JsonParser.parseString(Files.readString(dir.resolve(ProofBundle.MANIFEST)))
                .getAsJsonObject().getAsJsonObject("png");
        assertFalse(png.get("written").getAsBoolean());
        assertEquals("no PNG renderer available", png.get("skipped_because").getAsString());
        assertFalse(Files.readString(dir.resolve(ProofBundle.SUMMARY)).contains("timeline.png"));
    }

    @Test
    void refusesAFolderThatHoldsFilesAndLeavesItAlone() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("b"));
        Files.writeString(dir.resolve("notes.txt"), "mine");
        assertThrows(DirectoryNotEmptyException.class, () -> writer(null).write(dir, entries, SummaryWriterTest.info()));
        assertEquals(List.of("notes.txt"), names(dir));
    }

    @Test
    void replacingTouchesOnlyBundleFilesAndDropsAStalePng() throws Exception {
        Path dir = tmp.resolve("b");
        writer(FAKE_PNG).write(dir, entries, SummaryWriterTest.info());
        Files.writeString(dir.resolve("notes.txt"), "mine");
        ProofBundle again = writer(null).withOverwrite(ProofBundleWriter.Overwrite.REPLACE_BUNDLE_FILES)
                .write(dir, entries.subList(0, 10), SummaryWriterTest.info());
        assertEquals(List.of("journal.jsonl", "manifest.json", "notes.txt", "summary.md", "timeline.svg"), names(dir));
        assertEquals("mine", Files.readString(dir.resolve("notes.txt")));
        assertEquals(10, Files.readAllLines(dir.resolve(ProofBundle.JOURNAL)).size());
        assertEquals(sha256(Files.readAllBytes(dir.resolve(ProofBundle.JOURNAL))),
                again.file(ProofBundle.JOURNAL).orElseThrow().sha256());
    }

    @Test
    void aFailingRendererLeavesNoTemporaryFiles() throws Exception {
        Path dir = tmp.resolve("b");
        PngRenderer broken = (t, w, h) -> {
            throw new IOException("no bitmap today");
        };
        assertThrows(IOException.class, () -> writer(broken).write(dir, entries, SummaryWriterTest.info()));
        assertEquals(List.of("journal.jsonl", "summary.md", "timeline.svg"), names(dir));
    }

    @Test
    void hashIsLowerCaseHex() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                ProofBundleWriter.sha256(new byte[0]));
    }

    private static String sha256(byte[] content) throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(content);
        StringBuilder sb = new StringBuilder();
        for (byte b : digest) {
            sb.append(String.format("%02x", b));
        }
        return sb.toString();
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void bytesAreUtf8() throws Exception {
        Path dir = tmp.resolve("b");
        writer(null).write(dir, entries, SummaryWriterTest.info());
        byte[] md = Files.readAllBytes(dir.resolve(ProofBundle.SUMMARY));
        assertArrayEquals(md, new String(md, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
        assertTrue(new String(md, StandardCharsets.UTF_8).contains("\u2705"));
    }
}
