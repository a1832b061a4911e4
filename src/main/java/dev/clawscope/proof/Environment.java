package dev.clawscope.proof;

import dev.clawscope.Version;
import java.util.Objects;

/** Where a run happened: the Clawscope, Java and OS versions. */
public record Environment(String clawscopeVersion, String java, String os) {

    public Environment {
        Objects.requireNonNull(clawscopeVersion, "clawscopeVersion");
        Objects.requireNonNull(java, "java");
        Objects.requireNonNull(os, "os");
    }

    /** This process: e.g. {@code 17.0.15 (Debian)} on {@code Linux 6.1.0 (amd64)}. */
    public static Environment current() {
        String java = System.getProperty("java.version", "?") + " (" + System.getProperty("java.vendor", "?") + ")";
        String os = System.getProperty("os.name", "?") + " " + System.getProperty("os.version", "?")
                + " (" + System.getProperty("os.arch", "?") + ")";
        return new Environment(Version.get(), java, os);
    }
}
