package dev.clawscope.bench;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Small shared pieces of the benchmark programs. */
final class Bench {

    private Bench() {
    }

    static boolean quick(String[] args) {
        return Arrays.asList(args).contains("--quick");
    }

    /** A progress line on stderr: long runs say what they are doing. */
    static void progress(String format, Object... args) {
        System.err.println("[bench " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] "
                + String.format(Locale.ROOT, format, args));
    }

    /** Returns at wall-clock time {@code epochMs}: the schedule of a run, not a wait for an event. */
    static void waitUntil(long epochMs) throws InterruptedException {
        for (long left = epochMs - System.currentTimeMillis(); left > 0; left = epochMs - System.currentTimeMillis()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(left));
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
