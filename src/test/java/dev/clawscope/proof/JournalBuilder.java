package dev.clawscope.proof;

import dev.clawscope.journal.ClosedBy;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds journals the way GatewayLink writes them: seq from 1, wall time following mono time. */
public final class JournalBuilder {

    public static final Instant START = Instant.parse("2026-11-27T23:05:14.000Z");
    public static final String URL = "ws://127.0.0.1:18789";

    private final List<JournalEntry> entries = new ArrayList<>();
    private long gen = 1;
    private String state = "idle";

    public JournalBuilder at(double monoMs, LinkEvent event) {
        entries.add(new JournalEntry(entries.size() + 1, START.plusMillis((long) monoMs), monoMs, gen, event));
        return this;
    }

    public JournalBuilder state(double monoMs, String to) {
        at(monoMs, new LinkEvent.StateChanged(state, to));
        state = to;
        return this;
    }

    /** connecting, connect_attempt, socket_open, handshaking, challenge, hello_ok, connected over 60 ms. */
    public JournalBuilder connect(double monoMs, int attempt) {
        gen++;
        state(monoMs, "connecting");
        at(monoMs, new LinkEvent.ConnectAttempt(attempt, URL));
        at(monoMs + 20, new LinkEvent.SocketOpen());
        state(monoMs + 20, "handshaking");
        at(monoMs + 30, new LinkEvent.Challenge());
        return hello(monoMs + 60);
    }

    public JournalBuilder hello(double monoMs) {
        at(monoMs, new LinkEvent.HelloOk("2026.9.6", 4, 30_000, List.of("health", "status"), List.of("operator.read")));
        return state(monoMs, "connected");
    }

    /** connecting, connect_attempt, then refused 10 ms later: closed 1006 and back to backoff. */
    public JournalBuilder refused(double monoMs, int attempt) {
        gen++;
        state(monoMs, "connecting");
        at(monoMs, new LinkEvent.ConnectAttempt(attempt, URL));
        at(monoMs + 10, new LinkEvent.Closed(1006, "Connection refused", ClosedBy.TRANSPORT));
        return state(monoMs + 10, "backoff");
    }

    public JournalBuilder ping(double monoMs, double rttMs) {
        at(monoMs, new LinkEvent.WsPingSent());
        return at(monoMs + rttMs, new LinkEvent.WsPong(rttMs));
    }

    public JournalBuilder scheduled(double monoMs, int attempt, long delayMs, String cause) {
        return at(monoMs, new LinkEvent.ReconnectScheduled(attempt, delayMs, "full-jitter", cause));
    }

    public JournalBuilder dispose(double monoMs, double durationMs) {
        at(monoMs, new LinkEvent.DisposeBegin());
        boolean open = state.equals("connected");
        state(monoMs, "disposing");
        if (open) {
            at(monoMs + durationMs / 2, new LinkEvent.Closed(1000, "disposed", ClosedBy.CLIENT));
        }
        state(monoMs + durationMs, "disposed");
        return at(monoMs + durationMs, new LinkEvent.DisposeEnd(durationMs));
    }

    public List<JournalEntry> build() {
        return List.copyOf(entries);
    }
}
