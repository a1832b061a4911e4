package dev.clawscope.grade;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The checks of {@code clawscope grade}, in report order. Their ids are a contract (scripts and CI
 * name them); each says what the grader does, when the client passes, and its default threshold,
 * which {@code --threshold ID=VALUE} replaces. Where the words below fix a mechanic the table of the
 * command's contract leaves open (a wait, a window, a statistic), that is how the grader does it.
 */
public enum CheckId {

    HANDSHAKE("handshake", Threshold.millis(15_000),
            "starts the client and waits for its hello-ok; watches it 3 s more",
            "hello-ok within %s of the process start"),

    NO_INVENTED_METHODS("no_invented_methods", Threshold.count(0),
            "collects every request the client sends in every check of the run and compares each method"
                    + " with hello-ok's features.methods, which lists the methods of the real gateway 2026.9.6"
                    + " (the simulator advertises them all and answers those it does not serve with an error);"
                    + " run alone, it watches the client for 30 s after hello-ok",
            "at most %s methods called that features.methods does not list (a ping is named)"),

    DETECTS_HALF_OPEN("detects_half_open", Threshold.millis(60_000),
            "5 s after hello-ok freezes the connection: nothing relayed either way, nothing answered, TCP"
                    + " left open, new connections held too; once the client has ended the frozen connection"
                    + " itself (a close frame or the end of TCP) the freeze is healed so that it can come back",
            "the client ends the frozen connection and has a new hello-ok, both within %s of the freeze"
                    + " (measured: time to notice)"),

    DETECTS_BLACKHOLE("detects_blackhole", Threshold.millis(60_000),
            "as detects_half_open, with the fault proxy's blackhole (bytes read and held, TCP left open)",
            "the client ends the blackholed connection and has a new hello-ok, both within %s of the"
                    + " blackhole (measured: time to notice)"),

    HONORS_RESTART_EXPECTED("honors_restart_expected", Threshold.millis(4_750),
            "2 s after hello-ok restarts the simulator: shutdown event with restartExpectedMs 5000, close"
                    + " 1012, connections refused until the 5 s are over",
            "no connect attempt earlier than %s after the shutdown event; hello-ok within 10 s of it"),

    HONORS_RETRY_AFTER("honors_retry_after", Threshold.millis(2_750),
            "2 s after hello-ok arms the next connect to be answered UNAVAILABLE with retryAfterMs 3000"
                    + " and close 1013, then resets the live connection so that the client reconnects into it",
            "the next attempt no earlier than %s after the UNAVAILABLE answer; hello-ok within 30 s of it"),

    PAUSES_ON_AUTH_ERROR("pauses_on_auth_error", Threshold.count(3),
            "gives the client a wrong token ({token} and CLAWSCOPE_TOKEN); the simulator answers every"
                    + " connect AUTH_TOKEN_MISMATCH and closes 1008; counts connections for 60 s from the first",
            "at most %s connect attempts in 60 s"),

    BACKS_OFF("backs_off", Threshold.count(30),
            "2 s after hello-ok the gateway refuses every connection for 90 s (accepted, then reset) and"
                    + " the live connection is reset; the gaps between attempts count from the reset",
            "at most %s attempts in the 90 s, and the gaps grow: the mean of the last third of the gaps at"
                    + " least twice the mean of the first third (a single attempt, or none, passes)"),

    JITTERED_RECONNECTS("jittered_reconnects", Threshold.millis(100),
            "starts --instances copies (default 8) against one gateway, waits for every hello-ok (15 s, plus"
                    + " 5 s per copy), 2 s later"
                    + " resets every connection at once and takes the first N connections after the reset as"
                    + " the N copies' first reconnects",
            "interquartile range of the first reconnect times at least %s, and not all within 50 ms"),

    RECOVERS_FROM_UPGRADE_STALL("recovers_from_upgrade_stall", Threshold.millis(60_000),
            "2 s after hello-ok the next 2 connections are accepted but their HTTP upgrade is never"
                    + " answered; the live connection is reset",
            "hello-ok within %s of the reset"),

    RECOVERS_AFTER_CRASH("recovers_after_crash", Threshold.millis(10_000),
            "2 s after hello-ok the gateway dies: every connection reset without a close frame, new"
                    + " connections refused (accepted, then reset) for 5 s",
            "hello-ok within %s of the gateway being back"),

    CLOSES_CLEANLY("closes_cleanly", Threshold.millis(5_000),
            "2 s after hello-ok sends SIGTERM to the client's process tree (killed 5 s later); informational:"
                    + " its verdict does not change the exit code; skipped on Windows",
            "a close frame from the client before its connection ends, within %s of SIGTERM");

    private final String id;
    private final Threshold defaultThreshold;
    private final String does;
    private final String passWhen;

    CheckId(String id, Threshold defaultThreshold, String does, String passWhen) {
        this.id = id;
        this.defaultThreshold = defaultThreshold;
        this.does = does;
        this.passWhen = passWhen;
    }

    /** The id scripts use, e.g. {@code detects_half_open}. */
    public String id() {
        return id;
    }

    public Threshold defaultThreshold() {
        return defaultThreshold;
    }

    /** What the grader does. */
    public String does() {
        return does;
    }

    /** When the client passes, with {@code threshold} in place. */
    public String passWhen(Threshold threshold) {
        return String.format(Locale.ROOT, passWhen, threshold);
    }

    /** Whether a failure leaves the exit code alone. */
    public boolean informational() {
        return this == CLOSES_CLEANLY;
    }

    public static Optional<CheckId> byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
