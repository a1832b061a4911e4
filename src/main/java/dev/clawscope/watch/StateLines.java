package dev.clawscope.watch;

import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.timeline.Seconds;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One line per state change of a watched gateway's link, e.g.
 * <pre>
 * 2026-12-04T14:03:22.123Z home connected -> backoff: liveness ws_pong, silent 7.1 s; retry 1 in 2.4 s (transient)
 * 2026-12-04T14:03:24.610Z home backoff -> connecting
 * 2026-12-04T14:03:24.702Z home handshaking -> connected: server 2026.9.6
 * </pre>
 * The time is the entry's, the name the config's, the states the journal's words. What led to the
 * change (a liveness timeout, a close, a refused handshake) and, for backoff and paused, what the
 * link decided follow the colon. A line waits for that decision, the next entry of the journal.
 * Confined to its gateway's journal subscriber; lines of many gateways share the writer.
 */
final class StateLines implements Consumer<JournalEntry> {

    private final String gateway;
    private final PrintWriter out;
    /** What ended the connection since the last state change, for the next line. */
    private String reason;
    /** A line into backoff or paused, waiting for the link's decision. */
    private StringBuilder pending;

    StateLines(String gateway, PrintWriter out) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void accept(JournalEntry entry) {
        LinkEvent event = entry.event();
        if (pending != null) {
            if (event instanceof LinkEvent.ReconnectScheduled retry) {
                detail(pending, "retry " + retry.attempt() + " in " + Seconds.of(retry.delayMs())
                        + " (" + retry.cause() + ")");
                emit();
                return;
            }
            if (event instanceof LinkEvent.ReconnectPaused paused) {
                detail(pending, "paused on " + paused.reason()
                        + (paused.detailCode() == null ? "" : " " + WatchMetrics.safe(paused.detailCode())));
                emit();
                return;
            }
            if (!(event instanceof LinkEvent.HintClamped)) {
                emit();
            }
        }
        if (event instanceof LinkEvent.LivenessTimeout timeout) {
            reason = "liveness " + timeout.kind().wire() + ", silent " + Seconds.of(timeout.silenceMs());
        } else if (event instanceof LinkEvent.Closed closed && reason == null) {
            reason = "closed " + closed.code() + " by " + closed.by().wire();
        } else if (event instanceof LinkEvent.HandshakeFailed failed) {
            reason = "refused " + WatchMetrics.safe(failed.errorCode());
        } else if (event instanceof LinkEvent.StateChanged changed) {
            StringBuilder line = new StringBuilder(96).append(entry.ts()).append(' ').append(gateway).append(' ')
                    .append(changed.from()).append(" -> ").append(changed.to());
            if (reason != null) {
                detail(line, reason);
                reason = null;
            }
            if (changed.to().equals("backoff") || changed.to().equals("paused")) {
                pending = line;
            } else {
                print(line);
            }
        } else if (event instanceof LinkEvent.HelloOk hello && pending == null) {
            reason = hello.serverVersion() == null ? null : "server " + WatchMetrics.safe(hello.serverVersion());
        }
    }

    /** Prints a line still waiting; called when the journal ends. */
    void flush() {
        if (pending != null) {
            emit();
        }
    }

    private void emit() {
        StringBuilder line = pending;
        pending = null;
        print(line);
    }

    private void print(CharSequence line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    private static void detail(StringBuilder line, String text) {
        line.append(line.indexOf(": ") < 0 ? ": " : "; ").append(text);
    }
}
