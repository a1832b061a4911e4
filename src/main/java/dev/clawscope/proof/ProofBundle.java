package dev.clawscope.proof;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A written bundle: the folder and its files in writing order, {@code manifest.json} last.
 *
 * @param pngSkipped why there is no {@code timeline.png}, when there is none
 */
public record ProofBundle(Path dir, List<BundleFile> files, Optional<String> pngSkipped) {

    public static final String JOURNAL = "journal.jsonl";
    public static final String SUMMARY = "summary.md";
    public static final String SVG = "timeline.svg";
    public static final String PNG = "timeline.png";
    public static final String MANIFEST = "manifest.json";

    /** Every name a bundle may write; nothing else in a folder is touched. */
    public static final List<String> FILE_NAMES = List.of(JOURNAL, SUMMARY, SVG, PNG, MANIFEST);

    public ProofBundle {
        Objects.requireNonNull(dir, "dir");
        files = List.copyOf(files);
        Objects.requireNonNull(pngSkipped, "pngSkipped");
    }

    public Optional<BundleFile> file(String name) {
        return files.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
