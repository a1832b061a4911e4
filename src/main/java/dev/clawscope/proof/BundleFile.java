package dev.clawscope.proof;

import java.util.Objects;

/** A file written into a bundle: its name in the folder, size in bytes and SHA-256 (lower-case hex). */
public record BundleFile(String name, long bytes, String sha256) {

    public BundleFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha256, "sha256");
    }
}
