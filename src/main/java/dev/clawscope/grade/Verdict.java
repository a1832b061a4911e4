package dev.clawscope.grade;

import java.util.Locale;

/** A check's outcome; {@link #wire()} is the word in {@code report.json}. */
public enum Verdict {
    PASS,
    FAIL,
    SKIP;

    /** {@code pass}, {@code fail} or {@code skip}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
