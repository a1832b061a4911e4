package dev.clawscope.proof;

import dev.clawscope.journal.LinkEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/** One explicit claim a journal supports or refutes, e.g. "no event after dispose_end". */
public record Verdict(Outcome outcome, String text) {

    /** More connect attempts than this within one minute is a reconnect storm. */
    public static final int STORM_ATTEMPTS_PER_MINUTE = 30;

    /** Methods named in a verdict line; more are counted. */
    private static final int METHODS_NAMED = 10;

    public enum Outcome { PASS, FAIL, NOTE }

    public Verdict {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(text, "text");
    }

    /**
     * The claims {@code stats} allows, in a fixed order: for a link storm, dead peer, recovery,
     * pauses, disposal; for an observed client see {@link #ofClient}.
     */
    public static List<Verdict> of(JournalStats stats) {
        if (stats.client().isPresent()) {
            return ofClient(stats, stats.client().get());
        }
        List<Verdict> verdicts = new ArrayList<>();
        if (stats.reconnectCount() > 0) {
            verdicts.add(storm(stats.maxAttemptsPerMinute(), "attempt", " while the gateway was down"));
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

    /**
     * An observed client's claims, in a fixed order: storm, silencing faults it noticed or not,
     * restartExpectedMs honoured, recovery, methods used against those advertised, frames the
     * protocol does not allow.
     */
    private static List<Verdict> ofClient(JournalStats stats, ClientStats client) {
        List<Verdict> verdicts = new ArrayList<>();
        if (!client.reconnectGapsMs().isEmpty()) {
            verdicts.add(storm(client.maxReconnectsPerMinute(), "reconnect", ""));
        }
        for (ClientStats.ClientOutage o : client.outages()) {
            o.fault().filter(ClientStats.SILENCING::contains).ifPresent(fault -> verdicts.add(silenced(fault, o)));
        }
        for (ClientStats.RestartNotice r : client.restarts()) {
            verdicts.add(restart(stats, r));
        }
        List<ClientStats.ClientOutage> outages = client.outages().stream().filter(ClientStats.ClientOutage::noticed)
                .toList();
        if (!outages.isEmpty()) {
            List<ClientStats.ClientOutage> open = outages.stream().filter(o -> o.backAfterMs().isEmpty()).toList();
            if (open.isEmpty()) {
                double slowest = outages.stream().mapToDouble(o -> o.backAfterMs().getAsDouble()).max().orElse(0);
                verdicts.add(pass("came back after every outage (" + outages.size() + "), slowest hello-ok after "
                        + Durations.seconds(slowest)));
            } else {
                open.forEach(o -> verdicts.add(fail(String.format(Locale.ROOT,
                        "did not come back after the outage at %.1f s (%s)", (o.faultMs() - stats.startMs()) / 1000,
                        o.fault().orElse(o.how())))));
            }
        }
        verdicts.add(methods(client));
        if (client.clientProblemCount() > 0) {
            LinkEvent.PeerDecodeProblem first = client.clientProblems().get(0);
            verdicts.add(fail("sent " + client.clientProblemCount() + (client.clientProblemCount() == 1 ? " frame"
                    : " frames") + " the protocol does not allow, first on #" + first.conn() + ": " + first.problem()));
        }
        if (client.serverProblemCount() > 0) {
            verdicts.add(note("the server sent " + client.serverProblemCount()
                    + " frames the observer could not decode"));
        }
        return List.copyOf(verdicts);
    }

    /** At most {@link #STORM_ATTEMPTS_PER_MINUTE} of {@code what} (attempts, reconnects) within any minute. */
    private static Verdict storm(int most, String what, String when) {
        return most <= STORM_ATTEMPTS_PER_MINUTE
                ? pass("no reconnect storm: at most " + most + " " + what + (most == 1 ? "" : "s") + " per minute" + when)
                : fail("reconnect storm: " + most + " " + what + "s within one minute (limit "
                        + STORM_ATTEMPTS_PER_MINUTE + ")");
    }

    /** A gateway gone silent (freeze, blackhole) and whether the client noticed it itself. */
    private static Verdict silenced(String fault, ClientStats.ClientOutage o) {
        String gateway = "freeze".equals(fault) ? "a frozen gateway" : "a " + fault + "d gateway";
        if (!o.noticed()) {
            return fail("did not notice " + gateway + " within " + Durations.seconds(o.watchedMs()));
        }
        double after = o.noticedAfterMs().getAsDouble();
        return o.byClient() ? pass("noticed " + gateway + " after " + Durations.seconds(after))
                : note("did not notice " + gateway + " before the other side ended the connection ("
                        + o.how() + ") after " + Durations.seconds(after));
    }

    private static Verdict restart(JournalStats stats, ClientStats.RestartNotice r) {
        String expected = Durations.seconds(r.restartExpectedMs());
        if (r.reconnectAfterMs().isEmpty()) {
            return note(String.format(Locale.ROOT, "did not reconnect after the shutdown at %.1f s "
                    + "(restartExpectedMs %s)", (r.atMs() - stats.startMs()) / 1000, expected));
        }
        String after = Durations.seconds(r.reconnectAfterMs().getAsDouble());
        return r.reconnectAfterMs().getAsDouble() >= r.restartExpectedMs()
                ? pass("honoured restartExpectedMs: first reconnect " + after + " after a shutdown that expected "
                        + expected)
                : fail("did not honour restartExpectedMs: reconnected " + after + " after a shutdown that expected "
                        + expected);
    }

    /** Every method the client called against what the last hello-ok advertised. */
    private static Verdict methods(ClientStats client) {
        List<ClientStats.MethodCalls> called = client.methods().stream().filter(m -> m.calls() > 0).toList();
        int calls = called.stream().mapToInt(ClientStats.MethodCalls::calls).sum();
        if (client.advertised().isEmpty()) {
            return note("no hello-ok in the journal: the methods it called (" + called.size() + ") could not be "
                    + "checked against the gateway's");
        }
        List<String> advertised = client.advertised().get();
        List<ClientStats.MethodCalls> unknown = called.stream().filter(m -> !advertised.contains(m.method())).toList();
        if (unknown.isEmpty()) {
            return pass("never used a method the gateway did not advertise (" + called.size()
                    + (called.size() == 1 ? " method, " : " methods, ") + calls + (calls == 1 ? " call)" : " calls)"));
        }
        String names = unknown.stream().limit(METHODS_NAMED)
                .map(m -> SummaryWriter.code(m.method()) + " (" + m.calls() + (m.calls() == 1 ? " call)" : " calls)"))
                .collect(Collectors.joining(", "));
        return fail("used " + (unknown.size() == 1 ? "a method" : unknown.size() + " methods")
                + " the gateway did not advertise: " + names
                + (unknown.size() > METHODS_NAMED ? ", \u2026 (" + (unknown.size() - METHODS_NAMED) + " more)" : ""));
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
