package dev.clawscope.session;

import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import java.util.Map;
import java.util.TreeMap;

/**
 * Follows an observed client's {@code peer_*} lines in journal order and says what is true of it
 * now ({@link ObservedStatus}). Open connections are held until their {@code peer_disconnect}; the
 * relay bounds how many are open at once. Not thread-safe: confined to the journal subscriber that
 * feeds it.
 */
final class ObservedStatusTracker {

    /** Open connections: conn to its hello-ok's {@code mono_ms}, NaN before one. */
    private final TreeMap<Integer, Double> open = new TreeMap<>();
    private ObservedStatus status = ObservedStatus.NONE;
    private String clientId;
    private String clientVersion;
    private String platform;
    private String mode;
    private int connections;
    private int reconnects;
    private double lastPongRttMs = Double.NaN;

    ObservedStatus status() {
        return status;
    }

    /** Takes the next entry; returns true when the status changed. */
    boolean accept(JournalEntry entry) {
        LinkEvent event = entry.event();
        if (event instanceof LinkEvent.PeerConnect connect) {
            if (open.putIfAbsent(connect.conn(), Double.NaN) == null) {
                connections++;
            }
        } else if (event instanceof LinkEvent.PeerHello hello) {
            clientId = hello.clientId() == null ? "unnamed client" : hello.clientId();
            clientVersion = hello.clientVersion();
            platform = hello.platform();
            mode = hello.clientMode();
        } else if (event instanceof LinkEvent.PeerHelloOk ok) {
            open.computeIfPresent(ok.conn(), (conn, at) -> Double.isNaN(at) ? entry.monoMs() : at);
        } else if (event instanceof LinkEvent.PeerDisconnect gone) {
            open.remove(gone.conn());
        } else if (event instanceof LinkEvent.PeerReconnect) {
            reconnects++;
        } else if (event instanceof LinkEvent.PeerWsPong pong && pong.rttMs() != null
                && !Boolean.TRUE.equals(pong.dropped())) {
            lastPongRttMs = pong.rttMs();
        } else {
            return false;
        }
        ObservedStatus next = next();
        boolean changed = !next.equals(status);
        status = next;
        return changed;
    }

    private ObservedStatus next() {
        int current = 0;
        double since = Double.NaN;
        for (Map.Entry<Integer, Double> c : open.descendingMap().entrySet()) {
            if (current == 0) {
                current = c.getKey();
            }
            if (!Double.isNaN(c.getValue())) {
                current = c.getKey();
                since = c.getValue();
                break;
            }
        }
        return new ObservedStatus(clientId, clientVersion, platform, mode, connections, open.size(), current,
                !Double.isNaN(since), since, reconnects, lastPongRttMs);
    }
}
