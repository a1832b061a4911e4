package dev.clawscope.timeline;

import java.util.Locale;

/** A duration as the timelines and the proof write it for people. */
public final class Seconds {

    private Seconds() {
    }

    /** {@code 850 ms}, {@code 12.3 s}, {@code 4 min 05 s}. */
    public static String of(double ms) {
        if (ms < 1000) {
            return String.format(Locale.ROOT, "%.0f ms", ms);
        }
        if (ms < 120_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000);
        }
        long s = Math.round(ms / 1000);
        return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
}
