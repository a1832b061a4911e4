package dev.clawscope.watch;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.clawscope.journal.Redactor;
import dev.clawscope.journal.Source;
import dev.clawscope.proof.BundleExport;
import dev.clawscope.proof.BundleInfo;
import dev.clawscope.proof.ProofBundle;
import dev.clawscope.proof.ProofBundleWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recorder's folder: writes each incident's bundle into {@code <gateway>-<UTC drop time>/},
 * knows which folders are its own, and keeps the count and total size of them within the caps by
 * deleting the oldest first.
 *
 * <p>A folder is the recorder's own when its name has the recorder's shape and its {@code
 * manifest.json} is a proof bundle's whose settings carry {@link #MARKER}. Nothing else in the
 * folder is ever deleted, and of its own folders only the bundle's files (and the writer's temporary
 * files) are: a folder that holds anything else is left in place. Folders of earlier runs count
 * toward the caps. Written by the recorder's writer thread; its reads are synchronized for anyone.
 */
final class IncidentBundles {

    /** The manifest setting that marks a folder as the recorder's. */
    static final String MARKER_KEY = "recorder";
    static final String MARKER = "clawscope-incident/1";
    /** A manifest larger than this is nobody's bundle. */
    static final long MAX_MANIFEST_BYTES = 1 << 20;
    private static final int MAX_NAME_CHARS = 48;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern FOLDER = Pattern.compile("[A-Za-z0-9_-]{1,64}-(\\d{8}T\\d{6}Z)(?:-(\\d{1,4}))?");
    private static final Pattern TEMP = Pattern.compile("\\.[a-z.]+\\.[0-9a-f-]{36}\\.tmp");
    private static final Logger LOG = LoggerFactory.getLogger(IncidentBundles.class);

    private final Path dir;
    private final IncidentSettings settings;
    private final ProofBundleWriter writer;
    /** The kept bundles, oldest first. */
    private final List<Kept> kept = new ArrayList<>();
    /** Incidents written at least once and not ended: their folder and their pseudonym key. */
    private final Map<Incident, Open> open = new IdentityHashMap<>();
    private long failures;

    private IncidentBundles(IncidentSettings settings) {
        this.dir = settings.dir();
        this.settings = settings;
        this.writer = settings.png().map(ProofBundleWriter::new).orElseGet(ProofBundleWriter::withoutPng)
                .withOverwrite(ProofBundleWriter.Overwrite.REPLACE_BUNDLE_FILES);
    }

    /** Creates the folder when missing, counts the bundles already in it and applies the caps to them. */
    static IncidentBundles open(IncidentSettings settings) throws IOException {
        IncidentBundles bundles = new IncidentBundles(settings);
        Files.createDirectories(settings.dir());
        try (DirectoryStream<Path> children = Files.newDirectoryStream(settings.dir())) {
            for (Path child : children) {
                bundles.recognise(child).ifPresent(bundles.kept::add);
            }
        }
        bundles.kept.sort(Kept.OLDEST_FIRST);
        bundles.applyCaps(null);
        return bundles;
    }

    /**
     * Writes the job's bundle (again, into the same folder, for an incident written before), then
     * deletes the oldest bundles beyond the caps. A failure is logged and counted, never thrown: the
     * recorder goes on with the next incident.
     */
    synchronized Optional<ProofBundle> write(BundleJob job) {
        Open target = open.get(job.incident());
        boolean fresh = target == null;
        try {
            if (fresh) {
                target = new Open(freeFolder(job.gateway(), job.dropTs()), Redactor.withRandomKey(settings.redaction()));
            }
            BundleInfo info = new BundleInfo("incident", job.label(), job.settings(), List.of())
                    .withSource(new Source(Source.Kind.GATEWAY_LINK, "watch:" + job.gateway(),
                            "clawscope watch (" + job.gateway() + ") \u2192 " + job.label()));
            ProofBundle bundle = new BundleExport(target.redactor(), writer).export(target.dir(), job.entries(), info);
            if (job.last()) {
                open.remove(job.incident());
            } else {
                open.put(job.incident(), target);
            }
            long bytes = bundle.files().stream().mapToLong(f -> f.bytes()).sum();
            Path folder = target.dir();
            kept.removeIf(k -> k.dir().equals(folder));
            kept.add(new Kept(folder, job.dropTs().truncatedTo(ChronoUnit.SECONDS), folderNumber(folder), bytes));
            kept.sort(Kept.OLDEST_FIRST);
            applyCaps(folder);
            return Optional.of(bundle);
        } catch (IOException | RuntimeException e) {
            failures++;
            LOG.warn("could not write the incident bundle of {} (dropped at {}): {}", job.gateway(), job.dropTs(),
                    e.toString());
            if (fresh && target != null) {
                deleteOwnFiles(target.dir());
            }
            if (job.last()) {
                open.remove(job.incident());
            }
            return Optional.empty();
        }
    }

    /** The kept bundles' folders, oldest first. */
    synchronized List<Path> kept() {
        return kept.stream().map(Kept::dir).toList();
    }

    synchronized long keptBytes() {
        return kept.stream().mapToLong(Kept::bytes).sum();
    }

    synchronized long failures() {
        return failures;
    }

    /** A gateway's name as a folder name: letters, digits, {@code _} and {@code -}; altered names get a hash. */
    static String safeName(String gateway) {
        StringBuilder safe = new StringBuilder(Math.min(gateway.length(), MAX_NAME_CHARS));
        for (int i = 0; i < gateway.length() && safe.length() < MAX_NAME_CHARS; i++) {
            char c = gateway.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || (c == '-' && safe.length() > 0);
            safe.append(plain ? c : '_');
        }
        if (!gateway.isEmpty() && safe.toString().equals(gateway)) {
            return gateway;
        }
        // "a/b" and "a_b" must not share folders, nor two long names their first 48 characters
        return (safe.length() == 0 ? "gateway" : safe) + "-" + shortHash(gateway);
    }

    private Path freeFolder(String gateway, Instant drop) throws IOException {
        String base = safeName(gateway) + "-" + STAMP.format(drop.truncatedTo(ChronoUnit.SECONDS));
        Path folder = dir.resolve(base);
        for (int n = 2; Files.exists(folder, LinkOption.NOFOLLOW_LINKS); n++) {
            if (n > 9999) {
                throw new IOException("no free folder name for " + base);
            }
            folder = dir.resolve(base + "-" + n);
        }
        Files.createDirectory(folder);
        return folder;
    }

    /** Deletes the oldest bundles until both caps hold; never {@code keep}, nor one an open incident writes into. */
    private void applyCaps(Path keep) {
        int i = 0;
        while ((kept.size() > settings.maxBundles() || keptBytes() > settings.maxBytes()) && i < kept.size()) {
            Kept oldest = kept.get(i);
            boolean inUse = oldest.dir().equals(keep)
                    || open.values().stream().anyMatch(o -> o.dir().equals(oldest.dir()));
            if (inUse) {
                i++;
                continue;
            }
            kept.remove(i);
            if (recognise(oldest.dir()).isPresent()) {
                deleteOwnFiles(oldest.dir());
            } else {
                LOG.warn("{} no longer looks like an incident bundle; left in place and no longer counted", oldest.dir());
            }
        }
    }

    /** The bundle's files and the writer's leftovers, then the folder if that emptied it. */
    private static void deleteOwnFiles(Path folder) {
        try {
            for (String name : ProofBundle.FILE_NAMES) {
                Files.deleteIfExists(folder.resolve(name));
            }
            try (DirectoryStream<Path> children = Files.newDirectoryStream(folder,
                    p -> TEMP.matcher(p.getFileName().toString()).matches())) {
                for (Path temp : children) {
                    Files.deleteIfExists(temp);
                }
            }
            try (DirectoryStream<Path> rest = Files.newDirectoryStream(folder)) {
                if (rest.iterator().hasNext()) {
                    LOG.warn("{} holds files that are not the bundle's; the folder is left in place", folder);
                    return;
                }
            }
            Files.delete(folder);
        } catch (NoSuchFileException e) {
            // someone else removed it: nothing left to do
        } catch (IOException e) {
            LOG.warn("could not delete the incident bundle {}: {}", folder, e.toString());
        }
    }

    /** The folder as a kept bundle when it is the recorder's own: its name, its manifest, its marker. */
    Optional<Kept> recognise(Path folder) {
        Matcher name = FOLDER.matcher(folder.getFileName().toString());
        Path manifest = folder.resolve(ProofBundle.MANIFEST);
        if (!name.matches() || !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)
                || !Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            if (Files.size(manifest) > MAX_MANIFEST_BYTES || !marked(Files.readString(manifest,
                    StandardCharsets.UTF_8))) {
                return Optional.empty();
            }
            Instant drop = STAMP.parse(name.group(1), Instant::from);
            long bytes = 0;
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
                for (Path file : files) {
                    if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                        bytes += Files.size(file);
                    }
                }
            }
            return Optional.of(new Kept(folder, drop, name.group(2) == null ? 1 : Integer.parseInt(name.group(2)),
                    bytes));
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static boolean marked(String manifest) {
        try {
            JsonElement root = JsonParser.parseString(manifest);
            if (!root.isJsonObject()) {
                return false;
            }
            JsonObject o = root.getAsJsonObject();
            return text(o, "format").equals(ProofBundleWriter.FORMAT) && o.get("settings") instanceof JsonObject settings
                    && text(settings, MARKER_KEY).equals(MARKER);
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** A string member, or empty when missing or not a string. */
    private static String text(JsonObject o, String member) {
        JsonElement value = o.get(member);
        return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()
                ? value.getAsString() : "";
    }

    private static int folderNumber(Path folder) {
        Matcher name = FOLDER.matcher(folder.getFileName().toString());
        return name.matches() && name.group(2) != null ? Integer.parseInt(name.group(2)) : 1;
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 3);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** A kept bundle: its folder, the drop its name carries (and the number after it), its size. */
    record Kept(Path dir, Instant drop, int number, long bytes) {

        static final Comparator<Kept> OLDEST_FIRST = Comparator.comparing(Kept::drop).thenComparingInt(Kept::number)
                .thenComparing(k -> k.dir().getFileName().toString());

        Kept {
            Objects.requireNonNull(dir, "dir");
            Objects.requireNonNull(drop, "drop");
        }
    }

    private record Open(Path dir, Redactor redactor) {
    }
}
