package dev.clawscope.proof;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** One explicit claim a journal supports or refutes, e.g. "no event after dispose_end". */
public record Verdict(Outcome outcome, String text) {

    /** More connect attempts than this within one minute is a reconnect storm. */
    public static final int STORM_ATTEMPTS_PER_MINUTE = 30;

    public enum Outcome { PASS, FAIL, NOTE }

    public Verdict {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(text, "text");
    }

    /** The claims {@code stats} allows, in a fixed order: storm, dead peer, recovery, pauses, disposal. */
    public static List<Verdict> of(JournalStats stats) {
        List<Verdict> verdicts = new ArrayList<>();
        if (stats.reconnectCount() > 0) {
            int most = stats.maxAttemptsPerMinute();
            verdicts.add(most <= STORM_ATTEMPTS_PER_MINUTE
                    ? pass("no reconnect storm: at most " + most + (most == 1 ? " attempt" : " attempts")
                            + " per minute while the gateway was down")
                    : fail("reconnect storm: " + most + " attempts within one minute (limit "
                            + STORM_ATTEMPTS_PER_MINUTE + ")"));
        }
        stats.livenessTimeouts().forEach(t -> verdicts.add(pass(String.format(Locale.ROOT,
                "dead peer detected in %s (%s silence, deadline %s)", Durations.seconds(t.silenceMs()), t.kind(),
                Durations.seconds(t.deadlineMs())))));
        if (!stats.outages().isEmpty()) {
            List<Outage> open = stats.outages().stream().filter(o -> !o.recovered()).toList();
            if (open.isEmpty()) {
                double slowest = stats.outages().stream()
                        .mapToDouble(o -> o.recoveredAfterMs().getAsDouble()).max().orElse(0);
                verdicts.add(pass("recovered from every outage (" + stats.outages().size() + "), slowest after "
                        + Durations.seconds(slowest)));
            } else {
                open.forEach(o -> verdicts.add(fail(String.format(Locale.ROOT,
                        "did not recover from the outage at %.1f s (%s)", (o.startMs() - stats.startMs()) / 1000,
                        o.cause()))));
            }
        }
        stats.pauses().forEach(reason -> verdicts.add(note("reconnecting paused instead of looping: " + reason)));
        if (stats.disposeDurationMs().isPresent()) {
            String took = " (dispose took " + Durations.millis(stats.disposeDurationMs().getAsDouble()) + ")";
            verdicts.add(stats.eventsAfterDisposeEnd().isEmpty()
                    ? pass("no event after dispose_end" + took)
                    : fail(stats.eventsAfterDisposeEnd().size() + " events after dispose_end, first "
                            + stats.eventsAfterDisposeEnd().get(0) + took));
        } else {
            verdicts.add(note("the link was not disposed during the run"));
        }
        return List.copyOf(verdicts);
    }

    private static Verdict pass(String text) {
        return new Verdict(Outcome.PASS, text);
    }

    private static Verdict fail(String text) {
        return new Verdict(Outcome.FAIL, text);
    }

    private static Verdict note(String text) {
        return new Verdict(Outcome.NOTE, text);
    }
}
