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

    /** One section's run. */
    @FunctionalInterface
    interface SectionRun {
        Section run(boolean quick) throws Exception;
    }

    /**
     * A section run on its own ({@code [--quick]}): its markdown on stdout, its JSON in
     * {@code target/bench/ID[-quick].json}; exits 0, 1 when it failed, 2 on a usage error (the
     * JavaFX toolkit some sections start would keep the JVM alive).
     */
    static void runAlone(String program, String id, String[] args, SectionRun section) {
        boolean quick = quick(args);
        if (Arrays.stream(args).anyMatch(a -> !a.equals("--quick"))) {
            System.err.println("usage: " + program + " [--quick]");
            System.exit(2);
        }
        int code = 0;
        try {
            Section done = section.run(quick);
            System.out.println("## " + done.title());
            System.out.println();
            System.out.print(done.markdown());
            java.nio.file.Path out = java.nio.file.Path.of("target", "bench", id + (quick ? "-quick" : "") + ".json");
            java.nio.file.Files.createDirectories(out.getParent());
            java.nio.file.Files.writeString(out,
                    new com.google.gson.GsonBuilder().setPrettyPrinting().create().toJson(done.json()) + "\n");
            System.out.println();
            System.out.println("wrote " + out);
        } catch (Exception e) {
            System.err.println(program + " failed: " + e);
            e.printStackTrace();
            code = 1;
        }
        System.exit(code);
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
