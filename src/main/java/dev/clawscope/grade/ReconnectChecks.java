package dev.clawscope.grade;

import static dev.clawscope.grade.CheckRun.now;
import static dev.clawscope.grade.CheckRun.time;
import static dev.clawscope.grade.Recorder.is;

import dev.clawscope.chaos.Fault;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.observe.PeerFault;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The checks about coming back: hints, pauses, backoff, jitter, stalls and crashes. */
final class ReconnectChecks {

    static final long RESTART_EXPECTED_MS = 5_000;
    static final double RESTART_HELLO_MS = 10_000;
    static final long RETRY_AFTER_MS = 3_000;
    static final double RETRY_HELLO_MS = 30_000;
    /** How long a check waits for the client to reconnect after it reset the connection. */
    static final double RECONNECT_WAIT_MS = 60_000;
    static final double WINDOW_MS = 60_000;
    /**
     * How long backs_off refuses: long enough that a policy which paces its first half minute (as
     * Clawscope's does, for quick recovery from a crash and a start) shows its growth too.
     */
    static final double BACKOFF_WINDOW_MS = 90_000;
    static final double SPREAD_MIN_MS = 50;
    static final long CRASH_DOWN_MS = 5_000;
    static final int STALLED_UPGRADES = 2;

    private ReconnectChecks() {
    }

    /** Starts the client, waits for hello-ok and {@link CheckRun#SETTLE_MS} more; empty when no hello-ok came. */
    private static Optional<Integer> settled(CheckRun run) throws IOException, InterruptedException {
        Optional<Recorder.Found> ok = run.startAndAwaitHello();
        if (ok.isEmpty()) {
            return Optional.empty();
        }
        run.waitUntil(ok.get().monoMs() + CheckRun.SETTLE_MS);
        return Optional.of(ok.get().event(LinkEvent.PeerHelloOk.class).conn());
    }

    private static PeerFault reset() {
        return new PeerFault.Bytes(new Fault.Reset());
    }

    /** Where a fault began: the journal position before it, and when the live connection was reset into it. */
    private record Injected(int mark, double resetAt) {
    }

    /** Applies {@code fault}, then resets the live connection so that the client reconnects into it. */
    private static Injected injectThenReset(CheckRun run, PeerFault fault) {
        int mark = run.recorder.size();
        run.arena.apply(fault);
        double resetAt = now();
        run.arena.apply(reset());
        return new Injected(mark, resetAt);
    }

    static CheckResult honorsRestartExpected(CheckRun run) throws IOException, InterruptedException {
        if (settled(run).isEmpty()) {
            return run.noHello();
        }
        int mark = run.recorder.size();
        double appliedAt = now();
        run.arena.apply(new PeerFault.Restart(RESTART_EXPECTED_MS));
        double shutdownAt = run.recorder.await(mark, is(LinkEvent.PeerEvent.class, e -> "shutdown".equals(e.event())),
                appliedAt + 2_000).map(Recorder.Found::monoMs).orElse(appliedAt);
        double deadline = shutdownAt + RESTART_HELLO_MS;
        Optional<Recorder.Found> hello = run.helloOk(mark, deadline);
        Optional<Recorder.Found> first = run.recorder.all(LinkEvent.PeerConnect.class, mark, c -> true).stream()
                .findFirst();
        if (first.isEmpty()) {
            return run.fail("no connect attempt within " + time(RESTART_HELLO_MS) + " of the shutdown",
                    "shutdown with restartExpectedMs " + RESTART_EXPECTED_MS + ", close 1012" + ConnectionChecks.exitsSuffix(run));
        }
        double firstMs = first.get().monoMs() - shutdownAt;
        int early = run.recorder.all(LinkEvent.PeerConnect.class, mark,
                c -> true).stream().filter(f -> f.monoMs() - shutdownAt < run.threshold.value()).toList().size();
        String measured = "first attempt after " + time(firstMs)
                + hello.map(h -> "; hello-ok after " + time(h.monoMs() - shutdownAt))
                        .orElse("; no hello-ok within " + time(RESTART_HELLO_MS));
        String detail = "shutdown with restartExpectedMs " + RESTART_EXPECTED_MS + ", close 1012"
                + (early > 0 ? "; " + early + (early == 1 ? " attempt" : " attempts") + " before " + run.threshold : "");
        return run.judge(firstMs >= run.threshold.value() && hello.isPresent(), measured, detail);
    }

    static CheckResult honorsRetryAfter(CheckRun run) throws IOException, InterruptedException {
        if (settled(run).isEmpty()) {
            return run.noHello();
        }
        Injected fault = injectThenReset(run, new PeerFault.Unavailable(RETRY_AFTER_MS));
        Optional<Recorder.Found> rejected = run.recorder.await(fault.mark(), is(LinkEvent.PeerResponse.class,
                r -> "UNAVAILABLE".equals(r.errorCode())), fault.resetAt() + RECONNECT_WAIT_MS, run.arena::clientsGone);
        if (rejected.isEmpty()) {
            boolean reconnected = !run.recorder.all(LinkEvent.PeerConnect.class, fault.mark(), c -> true).isEmpty();
            return run.fail(reconnected ? "no connect request after the reset" : "no reconnect within "
                    + time(RECONNECT_WAIT_MS) + " of the reset", "the live connection was reset to let the client"
                    + " meet the UNAVAILABLE answer" + ConnectionChecks.exitsSuffix(run));
        }
        double answeredAt = rejected.get().monoMs();
        int after = rejected.get().index() + 1;
        Optional<Recorder.Found> hello = run.helloOk(after, answeredAt + RETRY_HELLO_MS);
        Optional<Recorder.Found> next = run.recorder.all(LinkEvent.PeerConnect.class, after, c -> true).stream()
                .findFirst();
        if (next.isEmpty()) {
            return run.fail("no attempt within " + time(RETRY_HELLO_MS) + " of the UNAVAILABLE answer",
                    "UNAVAILABLE with retryAfterMs " + RETRY_AFTER_MS + ", close 1013" + ConnectionChecks.exitsSuffix(run));
        }
        double gap = next.get().monoMs() - answeredAt;
        String measured = "next attempt after " + time(gap)
                + hello.map(h -> "; hello-ok after " + time(h.monoMs() - answeredAt))
                        .orElse("; no hello-ok within " + time(RETRY_HELLO_MS));
        String detail = "UNAVAILABLE with retryAfterMs " + RETRY_AFTER_MS + ", close 1013";
        return run.judge(gap >= run.threshold.value() && hello.isPresent(), measured, detail);
    }

    static CheckResult pausesOnAuthError(CheckRun run) throws IOException, InterruptedException {
        Optional<Recorder.Found> first = run.starting(() -> {
            ClientProcess client = run.arena.launch(Arena.newToken());
            return run.recorder.await(0, is(LinkEvent.PeerConnect.class),
                    client.startedNanos() / 1e6 + CheckRun.HELLO_WAIT_MS, run.arena::clientsGone);
        });
        if (first.isEmpty()) {
            return run.fail("no connection within " + time(CheckRun.HELLO_WAIT_MS) + " of the start", run.whyNoHello());
        }
        double from = first.get().monoMs();
        run.recorder.sleepUntil(from + WINDOW_MS, run.arena::clientsGone);
        run.recorder.catchUp(Math.min(from + WINDOW_MS, now()));
        List<Double> attempts = run.recorder.all(LinkEvent.PeerConnect.class, 0, c -> true).stream()
                .map(Recorder.Found::monoMs).filter(t -> t <= from + WINDOW_MS).toList();
        List<String> answers = run.recorder.all(LinkEvent.PeerResponse.class, 0,
                r -> "connect".equals(r.method()) && !r.ok()).stream()
                .map(f -> f.event(LinkEvent.PeerResponse.class))
                .map(r -> r.errorCode() + (r.detailCode() == null ? "" : " (" + r.detailCode() + ")")).distinct().toList();
        String measured = attempts.size() + (attempts.size() == 1 ? " attempt" : " attempts") + " in "
                + time(WINDOW_MS);
        String detail = "connect answered " + (answers.isEmpty() ? "nothing (no connect request)" : String.join(", ", answers))
                + (attempts.size() > 1 ? "; attempts at " + offsets(attempts, from) : "")
                + ConnectionChecks.exitsSuffix(run);
        return run.judge(attempts.size() <= run.threshold.value(), measured, detail);
    }

    static CheckResult backsOff(CheckRun run) throws IOException, InterruptedException {
        if (settled(run).isEmpty()) {
            return run.noHello();
        }
        Injected fault = injectThenReset(run,
                new PeerFault.Bytes(new Fault.Refuse(Optional.of(Duration.ofMillis((long) BACKOFF_WINDOW_MS)))));
        double resetAt = fault.resetAt();
        run.recorder.sleepUntil(resetAt + BACKOFF_WINDOW_MS, run.arena::clientsGone);
        run.recorder.catchUp(Math.min(resetAt + BACKOFF_WINDOW_MS, now()));
        List<Double> attempts = run.recorder.all(LinkEvent.PeerConnect.class, fault.mark(), c -> true).stream()
                .map(Recorder.Found::monoMs).filter(t -> t <= resetAt + BACKOFF_WINDOW_MS).toList();
        List<Double> gaps = new ArrayList<>();
        double previous = resetAt;
        for (double t : attempts) {
            gaps.add(t - previous);
            previous = t;
        }
        Growth growth = Growth.of(gaps);
        String measured = attempts.size() + (attempts.size() == 1 ? " attempt" : " attempts") + " in "
                + time(BACKOFF_WINDOW_MS) + growth.describe();
        String detail = (gaps.isEmpty() ? "no attempt while refused" : "gaps " + gaps.stream().limit(12)
                .map(CheckRun::time).collect(Collectors.joining(", ")) + (gaps.size() > 12 ? ", …" : ""))
                + ConnectionChecks.exitsSuffix(run);
        return run.judge(attempts.size() <= run.threshold.value() && growth.grows(), measured, detail);
    }

    static CheckResult jitteredReconnects(CheckRun run, int instances) throws IOException, InterruptedException {
        Optional<CheckResult> notUp = run.starting(() -> {
            double started = now();
            for (int i = 0; i < instances; i++) {
                run.arena.launch();
            }
            // Copies start side by side: each gets a little more time than one alone.
            double helloDeadline = started + CheckRun.HELLO_WAIT_MS + 5_000.0 * instances;
            int from = 0;
            for (int i = 0; i < instances; i++) {
                Optional<Recorder.Found> ok = run.helloOk(from, helloDeadline);
                if (ok.isEmpty()) {
                    return Optional.of(run.fail("only " + i + " of " + instances + " copies reached hello-ok within "
                            + time(helloDeadline - started), i == 0 ? run.whyNoHello() : "nothing to reset at once"
                            + ConnectionChecks.exitsSuffix(run)));
                }
                from = ok.get().index() + 1;
            }
            return Optional.empty();
        });
        if (notUp.isPresent()) {
            return notUp.get();
        }
        List<Recorder.Found> hellos = run.recorder.all(LinkEvent.PeerHelloOk.class, 0, h -> true);
        Recorder.Found last = hellos.get(hellos.size() - 1);
        run.waitUntil(last.monoMs() + CheckRun.SETTLE_MS);
        int mark = run.recorder.size();
        double resetAt = now();
        run.arena.apply(reset());
        List<Double> firsts = new ArrayList<>();
        int next = mark;
        while (firsts.size() < instances) {
            Optional<Recorder.Found> c = run.recorder.await(next, is(LinkEvent.PeerConnect.class),
                    resetAt + RECONNECT_WAIT_MS, run.arena::clientsGone);
            if (c.isEmpty()) {
                break;
            }
            firsts.add(c.get().monoMs() - resetAt);
            next = c.get().index() + 1;
        }
        String detail = "first reconnects at " + firsts.stream().map(CheckRun::time).collect(Collectors.joining(", "))
                + " after the reset";
        if (firsts.size() < 2) {
            return run.fail(firsts.size() + " of " + instances + " copies reconnected within "
                    + time(RECONNECT_WAIT_MS), (firsts.isEmpty() ? "no reconnect" : detail)
                    + ConnectionChecks.exitsSuffix(run));
        }
        Spread spread = Spread.of(firsts);
        String measured = "interquartile range " + time(spread.iqr()) + ", all within " + time(spread.range());
        if (firsts.size() < instances) {
            return run.fail(measured + " (" + firsts.size() + " of " + instances + " reconnected)", detail);
        }
        return run.judge(spread.iqr() >= run.threshold.value() && spread.range() >= SPREAD_MIN_MS, measured, detail);
    }

    static CheckResult recoversFromUpgradeStall(CheckRun run) throws IOException, InterruptedException {
        if (settled(run).isEmpty()) {
            return run.noHello();
        }
        Injected fault = injectThenReset(run, new PeerFault.StallUpgrade(STALLED_UPGRADES));
        Optional<Recorder.Found> hello = run.helloOk(fault.mark(), fault.resetAt() + run.threshold.value());
        List<String> abandoned = run.recorder.all(LinkEvent.PeerNoticed.class, fault.mark(),
                n -> "stall-upgrade".equals(n.fault())).stream()
                .map(f -> time(f.event(LinkEvent.PeerNoticed.class).afterFaultMs())).toList();
        String detail = abandoned.isEmpty() ? "abandoned no stalled upgrade"
                : "abandoned stalled upgrades after " + String.join(", ", abandoned);
        if (hello.isEmpty()) {
            return run.fail("no hello-ok within " + run.threshold + " of the reset", detail
                    + ConnectionChecks.exitsSuffix(run));
        }
        return run.pass("hello-ok after " + time(hello.get().monoMs() - fault.resetAt()), detail);
    }

    static CheckResult recoversAfterCrash(CheckRun run) throws IOException, InterruptedException {
        if (settled(run).isEmpty()) {
            return run.noHello();
        }
        Injected crash = injectThenReset(run,
                new PeerFault.Bytes(new Fault.Refuse(Optional.of(Duration.ofMillis(CRASH_DOWN_MS)))));
        int mark = crash.mark();
        double crashAt = crash.resetAt();
        double backAt = run.recorder.await(mark, is(LinkEvent.FaultInjected.class, f -> "heal".equals(f.kind())),
                crashAt + CRASH_DOWN_MS + 2_000).map(Recorder.Found::monoMs).orElse(crashAt + CRASH_DOWN_MS);
        Optional<Recorder.Found> hello = run.helloOk(mark, backAt + run.threshold.value());
        long whileDown = run.recorder.all(LinkEvent.PeerConnect.class, mark, c -> true).stream()
                .filter(f -> f.monoMs() < backAt).count();
        String detail = whileDown + (whileDown == 1 ? " attempt" : " attempts") + " while the gateway was down ("
                + time(CRASH_DOWN_MS) + ")";
        if (hello.isEmpty()) {
            return run.fail("no hello-ok within " + run.threshold + " of the gateway being back",
                    detail + ConnectionChecks.exitsSuffix(run));
        }
        return run.pass("hello-ok " + time(hello.get().monoMs() - backAt) + " after the gateway was back", detail);
    }

    private static String offsets(List<Double> times, double from) {
        return times.stream().limit(12).map(t -> time(t - from)).collect(Collectors.joining(", "))
                + (times.size() > 12 ? ", …" : "");
    }
}
