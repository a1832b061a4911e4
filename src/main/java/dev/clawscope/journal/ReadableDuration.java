package dev.clawscope.journal;

import java.util.Locale;

/** A long millisecond count said the way people say it, to follow the raw number in a summary. */
final class ReadableDuration {

    /** Shorter delays read well enough as milliseconds. */
    static final long FROM_MS = 10_000;

    private static final long MINUTE_S = 60;
    private static final long HOUR_S = 3_600;
    private static final long DAY_S = 86_400;

    private ReadableDuration() {
    }

    /** {@code " (5 min)"} after a count of at least {@link #FROM_MS}, otherwise nothing. */
    static String suffix(long ms) {
        return ms >= FROM_MS ? " (" + of(ms) + ")" : "";
    }

    /** {@code 12.5 s}, {@code 45 s}, {@code 5 min}, {@code 4 min 5 s}, {@code 2 h 30 min}, {@code 3 d 4 h}. */
    static String of(long ms) {
        long tenths = Math.round(ms / 100.0);
        if (tenths < MINUTE_S * 10) {
            return tenths % 10 == 0 ? tenths / 10 + " s" : String.format(Locale.ROOT, "%.1f s", tenths / 10.0);
        }
        long s = Math.round(ms / 1000.0);
        if (s < HOUR_S) {
            return pair(s / MINUTE_S, "min", s % MINUTE_S, "s");
        }
        long minutes = Math.round(s / (double) MINUTE_S);
        if (minutes < DAY_S / MINUTE_S) {
            return pair(minutes / 60, "h", minutes % 60, "min");
        }
        long hours = Math.round(minutes / 60.0);
        return pair(hours / 24, "d", hours % 24, "h");
    }

    private static String pair(long big, String bigUnit, long small, String smallUnit) {
        return small == 0 ? big + " " + bigUnit : big + " " + bigUnit + " " + small + " " + smallUnit;
    }
}
