package dev.clawscope.grade;

import static dev.clawscope.grade.Recorder.is;

import dev.clawscope.journal.LinkEvent;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** One check under way: its arena, its threshold, and the steps and words the checks share. */
final class CheckRun {

    /** How long after its start a client has for the hello-ok a check needs before its fault. */
    static final double HELLO_WAIT_MS = 15_000;
    /** How long a check lets a client settle after hello-ok before it injects its fault. */
    static final double SETTLE_MS = 2_000;

    final CheckId id;
    final Threshold threshold;
    final Arena arena;
    final Recorder recorder;

    CheckRun(CheckId id, Threshold threshold, Arena arena) {
        this.id = id;
        this.threshold = threshold;
        this.arena = arena;
        this.recorder = arena.recorder();
    }

    CheckResult pass(String measured, String detail) {
        return result(Verdict.PASS, measured, detail);
    }

    CheckResult fail(String measured, String detail) {
        return result(Verdict.FAIL, measured, detail);
    }

    /** Pass when {@code ok}, else fail. */
    CheckResult judge(boolean ok, String measured, String detail) {
        return ok ? pass(measured, detail) : fail(measured, detail);
    }

    CheckResult skip(String detail) {
        return result(Verdict.SKIP, "n/a", detail);
    }

    CheckResult result(Verdict verdict, String measured, String detail) {
        return new CheckResult(id, verdict, measured, id.passWhen(threshold), detail, arena.connected());
    }

    static double now() {
        return Recorder.nowMs();
    }

    /** A duration in milliseconds as the report writes it. */
    static String time(double ms) {
        return Threshold.time(ms);
    }

    /** What a check does while its clients start. */
    @FunctionalInterface
    interface StartUp<T> {
        T run() throws IOException, InterruptedException;
    }

    /**
     * Runs {@code startUp} (starting clients and waiting for their first sign) while no other check of
     * the run starts its own: processes that start at once slow each other down, and a check times
     * the handshake from the start.
     */
    <T> T starting(StartUp<T> startUp) throws IOException, InterruptedException {
        arena.context().starts().acquire();
        try {
            return startUp.run();
        } finally {
            arena.context().starts().release();
        }
    }

    /** Starts one client and waits up to {@link #HELLO_WAIT_MS} for its first hello-ok. */
    Optional<Recorder.Found> startAndAwaitHello() throws IOException, InterruptedException {
        return starting(() -> {
            ClientProcess client = arena.launch();
            return recorder.await(0, is(LinkEvent.PeerHelloOk.class), client.startedNanos() / 1e6 + HELLO_WAIT_MS,
                    arena::clientsGone);
        });
    }

    /** The failure of a check whose fault never came because the client never reached hello-ok. */
    CheckResult noHello() {
        return fail("no hello-ok within " + time(HELLO_WAIT_MS), whyNoHello() + "; nothing to test");
    }

    /** Waits until {@code deadlineMs}, whatever happens meanwhile. */
    void waitUntil(double deadlineMs) throws InterruptedException {
        recorder.sleepUntil(deadlineMs, () -> false);
    }

    /** The first hello-ok at position {@code from} or later, until {@code deadlineMs}. */
    Optional<Recorder.Found> helloOk(int from, double deadlineMs) throws InterruptedException {
        return recorder.await(from, is(LinkEvent.PeerHelloOk.class), deadlineMs, arena::clientsGone);
    }

    /** Why the client has no hello-ok, from what the observer saw. */
    String whyNoHello() {
        List<Recorder.Found> connects = recorder.all(LinkEvent.PeerConnect.class, 0, c -> true);
        String exits = arena.exits();
        if (connects.isEmpty()) {
            return "the client never connected" + (exits.isEmpty() ? "" : "; " + exits);
        }
        List<Recorder.Found> refusals = recorder.all(LinkEvent.PeerResponse.class, 0,
                r -> "connect".equals(r.method()) && !r.ok());
        String why = connects.size() + (connects.size() == 1 ? " connection" : " connections");
        if (!refusals.isEmpty()) {
            LinkEvent.PeerResponse last = refusals.get(refusals.size() - 1).event(LinkEvent.PeerResponse.class);
            why += ", connect answered " + last.errorCode() + (last.detailCode() == null ? "" : " (" + last.detailCode() + ")");
        } else if (recorder.all(LinkEvent.PeerHello.class, 0, h -> true).isEmpty()) {
            why += ", no connect request sent";
        }
        return why + (exits.isEmpty() ? "" : "; " + exits);
    }

    /** How the client ended connection {@code conn}, from position {@code from} on: a close frame, FIN or RST. */
    String howEnded(int conn, int from) {
        Optional<LinkEvent.PeerClose> close = recorder.all(LinkEvent.PeerClose.class, from,
                c -> c.conn() == conn && "client".equals(c.from())).stream()
                .map(f -> f.event(LinkEvent.PeerClose.class)).findFirst();
        if (close.isPresent()) {
            LinkEvent.PeerClose c = close.get();
            return "close frame " + (c.code() == null ? "without a code" : c.code())
                    + (c.reason().isEmpty() ? "" : " \"" + c.reason() + "\"");
        }
        return recorder.all(LinkEvent.PeerDisconnect.class, from, d -> d.conn() == conn).stream()
                .map(f -> f.event(LinkEvent.PeerDisconnect.class))
                .map(d -> ("rst".equals(d.how()) ? "RST" : "fin".equals(d.how()) ? "FIN" : d.how()) + " by " + d.by())
                .findFirst().orElse("still open");
    }

    /** Whether {@code entry} is the client ending connection {@code conn}: its close frame or its end of TCP. */
    static boolean clientEnded(dev.clawscope.journal.JournalEntry entry, int conn) {
        LinkEvent event = entry.event();
        if (event instanceof LinkEvent.PeerClose c) {
            return c.conn() == conn && "client".equals(c.from());
        }
        if (event instanceof LinkEvent.PeerDisconnect d) {
            return d.conn() == conn && "client".equals(d.by());
        }
        return false;
    }
}
