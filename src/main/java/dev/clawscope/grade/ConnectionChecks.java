package dev.clawscope.grade;

import static dev.clawscope.grade.CheckRun.now;
import static dev.clawscope.grade.CheckRun.time;
import static dev.clawscope.grade.Recorder.is;

import dev.clawscope.chaos.Fault;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.observe.PeerFault;
import java.io.IOException;
import java.util.Optional;

/** The checks about one connection: getting it, noticing it is dead, and ending it. */
final class ConnectionChecks {

    /** How long {@code handshake} keeps watching after hello-ok, for the requests the client makes. */
    static final double WATCH_AFTER_HELLO_MS = 3_000;
    /** How long after hello-ok the liveness checks inject their fault. */
    static final double FAULT_AFTER_HELLO_MS = 5_000;
    /** How long {@code no_invented_methods} watches when it runs alone. */
    static final double METHODS_WATCH_MS = 30_000;

    private ConnectionChecks() {
    }

    static CheckResult handshake(CheckRun run) throws IOException, InterruptedException {
        double[] start = new double[1];
        Optional<Recorder.Found> ok = run.starting(() -> {
            start[0] = run.arena.launch().startedNanos() / 1e6;
            return run.recorder.await(0, is(LinkEvent.PeerHelloOk.class), start[0] + run.threshold.value(),
                    run.arena::clientsGone);
        });
        if (ok.isEmpty()) {
            return run.fail("no hello-ok within " + run.threshold, run.whyNoHello());
        }
        run.waitUntil(ok.get().monoMs() + WATCH_AFTER_HELLO_MS);
        LinkEvent.PeerHelloOk hello = ok.get().event(LinkEvent.PeerHelloOk.class);
        return run.pass("hello-ok after " + time(ok.get().monoMs() - start[0]),
                "connection " + hello.conn() + identity(run, hello.conn()));
    }

    /** Who the client said it is in its connect request, e.g. {@code ; client cli 1.2.0 on linux, auth token}. */
    private static String identity(CheckRun run, int conn) {
        return run.recorder.all(LinkEvent.PeerHello.class, 0, h -> h.conn() == conn).stream()
                .map(f -> f.event(LinkEvent.PeerHello.class)).findFirst()
                .map(h -> "; client " + h.clientId() + (h.clientVersion() == null ? "" : " " + h.clientVersion())
                        + (h.platform() == null ? "" : " on " + h.platform()) + ", role " + h.role()
                        + ", auth " + h.auth())
                .orElse("");
    }

    /** {@code no_invented_methods} run alone: the client's requests over 30 s after hello-ok. */
    static void watchRequests(CheckRun run) throws IOException, InterruptedException {
        Optional<Recorder.Found> ok = run.startAndAwaitHello();
        if (ok.isPresent()) {
            run.recorder.sleepUntil(ok.get().monoMs() + METHODS_WATCH_MS, run.arena::clientsGone);
        }
    }

    /**
     * {@code detects_half_open} and {@code detects_blackhole}: 5 s after hello-ok the fault; the
     * client must end that connection itself; then the fault is healed and it must be back.
     */
    static CheckResult detectsDeadGateway(CheckRun run, PeerFault fault, String what)
            throws IOException, InterruptedException {
        Optional<Recorder.Found> ok = run.startAndAwaitHello();
        if (ok.isEmpty()) {
            return run.noHello();
        }
        int conn = ok.get().event(LinkEvent.PeerHelloOk.class).conn();
        run.waitUntil(ok.get().monoMs() + FAULT_AFTER_HELLO_MS);
        int mark = run.recorder.size();
        double faultAt = now();
        run.arena.apply(fault);
        double deadline = faultAt + run.threshold.value();
        Optional<Recorder.Found> noticed = run.recorder.await(mark, e -> CheckRun.clientEnded(e, conn), deadline,
                run.arena::clientsGone);
        run.arena.apply(new PeerFault.Bytes(new Fault.Heal()));
        if (noticed.isEmpty()) {
            return run.fail("did not notice within " + run.threshold,
                    "connection " + conn + " to the " + what + " gateway: " + run.howEnded(conn, mark)
                            + exitsSuffix(run));
        }
        double noticeMs = noticed.get().monoMs() - faultAt;
        Optional<Recorder.Found> back = run.helloOk(noticed.get().index() + 1, deadline);
        String ended = "ended connection " + conn + " with " + run.howEnded(conn, mark);
        if (back.isEmpty()) {
            return run.fail("noticed after " + time(noticeMs) + "; no hello-ok within " + run.threshold,
                    ended + "; healed then, no new hello-ok" + exitsSuffix(run));
        }
        return run.pass("noticed after " + time(noticeMs) + "; back after " + time(back.get().monoMs() - faultAt),
                ended + "; hello-ok on connection " + back.get().event(LinkEvent.PeerHelloOk.class).conn());
    }

    /** {@code closes_cleanly}: SIGTERM to the client 2 s after hello-ok; a close frame must come first. */
    static CheckResult closesCleanly(CheckRun run) throws IOException, InterruptedException {
        if (ClientCommand.windows()) {
            return run.skip("Windows has no SIGTERM");
        }
        Optional<Recorder.Found> ok = run.startAndAwaitHello();
        if (ok.isEmpty()) {
            return run.noHello();
        }
        int conn = ok.get().event(LinkEvent.PeerHelloOk.class).conn();
        run.waitUntil(ok.get().monoMs() + CheckRun.SETTLE_MS);
        int mark = run.recorder.size();
        double termAt = now();
        run.arena.terminateClients();
        Optional<Recorder.Found> gone = run.recorder.await(mark,
                is(LinkEvent.PeerDisconnect.class, d -> d.conn() == conn), termAt + run.threshold.value());
        Optional<Recorder.Found> close = run.recorder.all(LinkEvent.PeerClose.class, mark,
                c -> c.conn() == conn && "client".equals(c.from())).stream().findFirst();
        String how = run.howEnded(conn, mark);
        if (gone.isEmpty()) {
            return run.fail("connection open " + run.threshold + " after SIGTERM",
                    close.isPresent() ? "sent a " + how + " but did not end the connection" : "no close frame");
        }
        double endMs = gone.get().monoMs() - termAt;
        if (close.isEmpty() || close.get().index() > gone.get().index()) {
            return run.fail("ended with " + how + " after " + time(endMs), "no close frame before the connection ended");
        }
        return run.pass(how + " after " + time(close.get().monoMs() - termAt),
                "connection " + conn + " ended " + time(endMs) + " after SIGTERM");
    }

    static String exitsSuffix(CheckRun run) {
        String exits = run.arena.exits();
        return exits.isEmpty() ? "" : "; " + exits;
    }
}
