package dev.clawscope.proof;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.JournalJson;
import dev.clawscope.journal.Source;
import dev.clawscope.link.LinkHistory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes a proof bundle into a folder: {@code journal.jsonl}, {@code summary.md}, {@code
 * timeline.svg}, {@code timeline.png} (when a {@link PngRenderer} is given) and {@code
 * manifest.json}, last, holding the SHA-256 of the others.
 *
 * <p>Each file is written to a temporary file in the folder and moved into place, so a reader
 * never sees half a file. The folder is created when missing. By default a folder that holds
 * anything is refused; with {@link Overwrite#REPLACE_BUNDLE_FILES} the bundle's own file names
 * ({@link ProofBundle#FILE_NAMES}) are replaced, a stale {@code timeline.png} is removed, and
 * every other file is left alone.
 *
 * <pre>{@code
 * ProofBundle bundle = new ProofBundleWriter(new AwtPngRenderer())
 *         .write(dir, journal.entries(), new BundleInfo("probe", url, settings, rules));
 * }</pre>
 */
public final class ProofBundleWriter {

    /** Bumped when the folder's layout or the manifest's fields change incompatibly. */
    public static final String FORMAT = "clawscope-proof-bundle/1";

    /** What to do with a folder that already holds files. */
    public enum Overwrite { REFUSE_NON_EMPTY, REPLACE_BUNDLE_FILES }

    private final PngRenderer png;
    private final Environment environment;
    private final Overwrite overwrite;

    private ProofBundleWriter(PngRenderer png, Environment environment, Overwrite overwrite) {
        this.png = png;
        this.environment = Objects.requireNonNull(environment, "environment");
        this.overwrite = Objects.requireNonNull(overwrite, "overwrite");
    }

    /** A writer that also renders {@code timeline.png}. */
    public ProofBundleWriter(PngRenderer png) {
        this(Objects.requireNonNull(png, "png"), Environment.current(), Overwrite.REFUSE_NON_EMPTY);
    }

    /** A writer without a PNG renderer: the manifest says the PNG was skipped. */
    public static ProofBundleWriter withoutPng() {
        return new ProofBundleWriter(null, Environment.current(), Overwrite.REFUSE_NON_EMPTY);
    }

    public ProofBundleWriter withEnvironment(Environment value) {
        return new ProofBundleWriter(png, value, overwrite);
    }

    public ProofBundleWriter withOverwrite(Overwrite value) {
        return new ProofBundleWriter(png, environment, value);
    }

    /**
     * Writes the bundle of {@code entries} (already redacted) into {@code dir}.
     *
     * @throws DirectoryNotEmptyException when {@code dir} holds files and the writer refuses non-empty folders
     */
    public ProofBundle write(Path dir, List<JournalEntry> entries, BundleInfo info) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(entries, "entries");
        Objects.requireNonNull(info, "info");
        prepare(dir);
        List<JournalEntry> ordered = entries.stream().sorted(Comparator.comparingLong(JournalEntry::seq)).toList();
        String dropped = info.droppedEntries() == 0 ? ""
                : " \u00b7 the first " + info.droppedEntries() + " journal entries were dropped";
        boolean observed = info.source().map(s -> s.kind() == Source.Kind.OBSERVED_CLIENT).orElse(false)
                || ordered.stream().anyMatch(ClientStats::isPeerLine);
        Timeline timeline = Timeline.of(ordered, info.scenario() + " \u00b7 " + info.gatewayUrl() + dropped, observed);

        List<BundleFile> files = new ArrayList<>();
        files.add(put(dir, ProofBundle.JOURNAL, journal(ordered)));
        files.add(put(dir, ProofBundle.SUMMARY, utf8(SummaryWriter.markdown(timeline.stats(), info, environment,
                png != null))));
        files.add(put(dir, ProofBundle.SVG, utf8(TimelineSvg.render(timeline))));
        Optional<String> pngSkipped;
        if (png != null) {
            files.add(put(dir, ProofBundle.PNG, png.render(timeline, timeline.width(), timeline.height())));
            pngSkipped = Optional.empty();
        } else {
            Files.deleteIfExists(dir.resolve(ProofBundle.PNG));
            pngSkipped = Optional.of("no PNG renderer available");
        }
        String manifest = manifest(timeline.stats(), info, files, pngSkipped);
        files.add(put(dir, ProofBundle.MANIFEST, utf8(manifest)));
        return new ProofBundle(dir, files, pngSkipped);
    }

    private void prepare(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (overwrite == Overwrite.REFUSE_NON_EMPTY) {
            try (Stream<Path> children = Files.list(dir)) {
                if (children.findAny().isPresent()) {
                    throw new DirectoryNotEmptyException(dir + " (refusing to write a proof bundle into a folder "
                            + "that holds files)");
                }
            }
        }
    }

    private static byte[] journal(List<JournalEntry> entries) {
        StringBuilder sb = new StringBuilder(entries.size() * 120);
        entries.forEach(e -> sb.append(JournalJson.toLine(e)).append('\n'));
        return utf8(sb.toString());
    }

    private String manifest(JournalStats stats, BundleInfo info, List<BundleFile> files, Optional<String> pngSkipped) {
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT);
        root.addProperty("clawscope_version", environment.clawscopeVersion());
        root.addProperty("java", environment.java());
        root.addProperty("os", environment.os());
        root.addProperty("gateway_version", stats.serverVersion().orElse(null));
        root.addProperty("scenario", info.scenario());
        root.addProperty("gateway_url", info.gatewayUrl());
        root.add("source", info.source().map(ProofBundleWriter::source).orElse(null));
        JsonObject settings = new JsonObject();
        info.settings().forEach(settings::addProperty);
        root.add("settings", settings);
        JsonObject journal = new JsonObject();
        journal.addProperty("first_ts", stats.startTs().map(Object::toString).orElse(null));
        journal.addProperty("last_ts", stats.endTs().map(Object::toString).orElse(null));
        journal.addProperty("span_ms", stats.spanMs());
        journal.addProperty("first_seq", stats.startTs().isPresent() ? stats.firstSeq() : null);
        journal.addProperty("last_seq", stats.startTs().isPresent() ? stats.lastSeq() : null);
        journal.addProperty("dropped_entries", info.droppedEntries());
        root.add("journal", journal);
        root.add("link", info.history().map(ProofBundleWriter::link).orElse(null));
        JsonArray rules = new JsonArray();
        info.redactionRules().forEach(rules::add);
        root.add("redaction_rules", rules);
        JsonObject pngInfo = new JsonObject();
        pngInfo.addProperty("written", pngSkipped.isEmpty());
        pngSkipped.ifPresent(reason -> pngInfo.addProperty("skipped_because", reason));
        root.add("png", pngInfo);
        JsonArray list = new JsonArray();
        for (BundleFile f : files) {
            JsonObject o = new JsonObject();
            o.addProperty("name", f.name());
            o.addProperty("bytes", f.bytes());
            o.addProperty("sha256", f.sha256());
            list.add(o);
        }
        root.add("files", list);
        return new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create().toJson(root)
                + "\n";
    }

    private static JsonObject source(Source source) {
        JsonObject o = new JsonObject();
        o.addProperty("kind", source.kind().wire());
        o.addProperty("id", source.id());
        o.addProperty("name", source.displayName());
        return o;
    }

    private static JsonObject link(LinkHistory history) {
        JsonObject link = new JsonObject();
        link.addProperty("connect_attempts", history.connectAttempts());
        link.addProperty("hello_oks", history.helloOks());
        link.addProperty("ever_connected", history.everConnected());
        link.addProperty("pause_reason", history.pauseReason());
        link.addProperty("pause_detail", history.pauseDetail());
        return link;
    }

    private static BundleFile put(Path dir, String name, byte[] content) throws IOException {
        Path target = dir.resolve(name);
        // not Files.createTempFile: its owner-only mode would stick to a file meant to be shared
        Path temp = dir.resolve("." + name + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.write(temp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        return new BundleFile(name, content.length, sha256(content));
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
