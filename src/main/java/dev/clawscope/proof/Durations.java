package dev.clawscope.proof;

import dev.clawscope.timeline.Seconds;
import java.util.Locale;

/** How the bundle writes durations for people. */
final class Durations {

    private Durations() {
    }

    /** {@code 850 ms}, {@code 12.3 s}, {@code 4 min 05 s}. */
    static String seconds(double ms) {
        return Seconds.of(ms);
    }

    /** An axis label: {@code 0 s}, {@code 90 s}, {@code 0.5 s}. */
    static String axisLabel(double seconds) {
        double rounded = Math.round(seconds * 10) / 10.0;
        return rounded == Math.rint(rounded)
                ? String.format(Locale.ROOT, "%d s", (long) rounded)
                : String.format(Locale.ROOT, "%.1f s", rounded);
    }

    /** Milliseconds with at most one decimal: {@code 3.2 ms}, {@code 12 ms}. */
    static String millis(double ms) {
        return ms == Math.rint(ms) ? String.format(Locale.ROOT, "%.0f ms", ms)
                : String.format(Locale.ROOT, "%.1f ms", ms);
    }
}
