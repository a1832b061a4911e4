package dev.clawscope.proof;

import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds an observed client's journals the way the observer writes them: seq from 1, wall time
 * following mono time, {@code gen} equal to the line's {@code conn} (0 for a fault).
 */
public final class PeerJournalBuilder {

    public static final Instant START = Instant.parse("2026-11-27T23:05:14.000Z");
    public static final List<String> METHODS = List.of("health", "status", "chat.send");
    /** The client's device id, as the observer journals it before redaction. */
    public static final String DEVICE = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";

    private final List<JournalEntry> entries = new ArrayList<>();

    public PeerJournalBuilder at(double monoMs, LinkEvent event) {
        entries.add(new JournalEntry(entries.size() + 1, START.plusMillis((long) monoMs), monoMs, conn(event), event));
        return this;
    }

    private static int conn(LinkEvent event) {
        try {
            return (int) event.getClass().getMethod("conn").invoke(event);
        } catch (ReflectiveOperationException e) {
            return 0;
        }
    }

    /** A connection's TCP connect, upgrade, challenge, connect request and hello-ok over 20 ms. */
    public PeerJournalBuilder connect(double monoMs, int conn) {
        at(monoMs, new LinkEvent.PeerConnect(conn));
        return handshake(monoMs, conn);
    }

    /** A reconnect {@code gapMs} after connection {@code after} ended, then its handshake. */
    public PeerJournalBuilder reconnect(double monoMs, int conn, long gapMs, int after) {
        at(monoMs, new LinkEvent.PeerConnect(conn));
        at(monoMs, new LinkEvent.PeerReconnect(conn, gapMs, after, null));
        return handshake(monoMs, conn);
    }

    private PeerJournalBuilder handshake(double monoMs, int conn) {
        at(monoMs + 5, new LinkEvent.PeerUpgrade(conn, "/", false, "openclaw-test/1.0", null, null, 101));
        at(monoMs + 6, new LinkEvent.PeerEvent(conn, "connect.challenge", null, null, null));
        at(monoMs + 8, new LinkEvent.PeerHello(conn, "c" + conn, "openclaw-tray", "node", "0.9.1", "windows",
                "instance-7f3", "node", List.of("node.read"), "token+device", DEVICE, 3, 4));
        return at(monoMs + 20, new LinkEvent.PeerHelloOk(conn, "2026.9.6", 4, 30_000, METHODS, "token"));
    }

    /** A client ping and the server's pong {@code rttMs} later. */
    public PeerJournalBuilder ping(double monoMs, int conn, double rttMs) {
        at(monoMs, new LinkEvent.PeerWsPing(conn, "client"));
        return at(monoMs + rttMs, new LinkEvent.PeerWsPong(conn, "server", rttMs, null));
    }

    /** A call and its answer {@code rttMs} later. */
    public PeerJournalBuilder call(double monoMs, int conn, String method, boolean ok, double rttMs) {
        String id = method + "-" + entries.size();
        at(monoMs, new LinkEvent.PeerRequest(conn, method, id));
        return at(monoMs + rttMs, new LinkEvent.PeerResponse(conn, method, id, ok, ok ? null : "INVALID_REQUEST",
                null, null, rttMs, null));
    }

    public PeerJournalBuilder fault(double monoMs, String kind) {
        return at(monoMs, new LinkEvent.FaultInjected(kind));
    }

    /** A close frame from {@code from}, the echo from the other side, and the end of the connection 2 ms later. */
    public PeerJournalBuilder closed(double monoMs, int conn, String from, int code) {
        at(monoMs, new LinkEvent.PeerClose(conn, from, code, ""));
        at(monoMs + 1, new LinkEvent.PeerClose(conn, from.equals("client") ? "server" : "client", code, ""));
        return at(monoMs + 2, new LinkEvent.PeerDisconnect(conn, "close_frame", from, (long) monoMs));
    }

    public List<JournalEntry> build() {
        return List.copyOf(entries);
    }
}
