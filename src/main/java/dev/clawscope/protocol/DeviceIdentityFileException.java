package dev.clawscope.protocol;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/** The stored device identity file exists but cannot be used; it is left untouched. */
public final class DeviceIdentityFileException extends IOException {

    private final transient Path file;

    DeviceIdentityFileException(Path file, String problem) {
        super("device identity file " + file + " " + problem
                + "; it was left untouched (fix it, or move it aside to create a new identity,"
                + " which will need pairing again)");
        this.file = Objects.requireNonNull(file, "file");
    }

    /** The offending file. */
    public Path file() {
        return file;
    }
}
