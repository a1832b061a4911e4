package dev.clawscope.timeline;

import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.link.LinkState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the outages in a journal fed one entry at a time, in journal order: the proof feeds a
 * whole journal, the live timeline each entry as it arrives. Not thread-safe; confined to its feeder.
 *
 * <p>This app's link is down from leaving {@code connected} until {@code connected} again. An
 * observed client is up while one of its connections has had {@code peer_hello_ok} and no close
 * frame yet; it is down from the moment the last such connection starts to end (the first close
 * frame, or its end without one) until its next {@code peer_hello_ok}. A client that closes with
 * 1000 or 1001 while no fault is in force chose to leave: no outage. The undetected part runs from
 * the last fault injected while it was up that reaches open connections (a freeze, a blackhole, a
 * restart, …; not a {@code stall-upgrade} or {@code refuse}) to that first sign; a heal while it
 * is still up forgets the fault.
 */
public final class OutageTracker {

    private final List<OutageSpan> outages = new ArrayList<>();
    private LinkState state;
    private boolean down;
    /** Since entering {@code connected}: the last injected fault and the last liveness timeout's silence start. */
    private double faultAt = Double.NaN;
    private double silentSince = Double.NaN;
    private double helloAt = Double.NaN;
    /** An observed client's connections that had hello ok and no close frame yet. */
    private final Set<Integer> up = new HashSet<>();

    /** Takes the next entry: its {@code mono_ms} and event. */
    public void accept(double at, LinkEvent event) {
        if (event instanceof LinkEvent.FaultInjected fault) {
            if (state == LinkState.CONNECTED && !"heal".equals(fault.kind())) {
                faultAt = at;
            } else if (!up.isEmpty()) {
                faultAt = EventKinds.reachesOpenConnections(fault.kind()) ? at
                        : "heal".equals(fault.kind()) ? Double.NaN : faultAt;
            }
        } else if (event instanceof LinkEvent.PeerHelloOk hello) {
            up.add(hello.conn());
            if (down) {
                OutageSpan open = outages.get(outages.size() - 1);
                outages.set(outages.size() - 1, new OutageSpan(open.faultMs(), open.downMs(), at, at));
                down = false;
            }
            faultAt = Double.NaN;
        } else if (event instanceof LinkEvent.PeerClose close) {
            if (up.remove(close.conn())) {
                peerEnding(at, "client".equals(close.from()) && close.code() != null
                        && (close.code() == 1000 || close.code() == 1001));
            }
        } else if (event instanceof LinkEvent.PeerDisconnect gone) {
            if (up.remove(gone.conn())) {
                peerEnding(at, false);
            }
        } else if (event instanceof LinkEvent.LivenessTimeout timeout) {
            silentSince = at - timeout.silenceMs();
        } else if (event instanceof LinkEvent.HelloOk && down && Double.isNaN(helloAt)) {
            helloAt = at;
        } else if (event instanceof LinkEvent.StateChanged changed) {
            LinkState previous = state == null ? EventKinds.state(changed.from()) : state;
            state = EventKinds.to(changed);
            changeState(at, previous);
        }
    }

    private void changeState(double at, LinkState previous) {
        if (state == LinkState.CONNECTED) {
            if (down) {
                OutageSpan open = outages.get(outages.size() - 1);
                outages.set(outages.size() - 1, new OutageSpan(open.faultMs(), open.downMs(), at, helloAt));
                down = false;
            }
            faultAt = Double.NaN;
            silentSince = Double.NaN;
        } else if (previous == LinkState.CONNECTED && !intentional(state)) {
            down = true;
            double fault = !Double.isNaN(faultAt) ? faultAt : !Double.isNaN(silentSince) ? silentSince : at;
            helloAt = Double.NaN;
            outages.add(new OutageSpan(Math.min(fault, at), at, Double.NaN, Double.NaN));
        }
    }

    /** The last open connection of an observed client began to end at {@code at}. */
    private void peerEnding(double at, boolean leaving) {
        if (!up.isEmpty() || down || (leaving && Double.isNaN(faultAt))) {
            return;
        }
        down = true;
        double fault = Double.isNaN(faultAt) ? at : faultAt;
        faultAt = Double.NaN;
        outages.add(new OutageSpan(Math.min(fault, at), at, Double.NaN, Double.NaN));
    }

    /** Whether the link is connected, or an observed client has a connection up, now. */
    public boolean up() {
        return state == LinkState.CONNECTED || !up.isEmpty();
    }

    /** Leaving {@code connected} for these is the user's choice, not an outage. */
    private static boolean intentional(LinkState next) {
        return next == LinkState.DISCONNECTED || next == LinkState.DISPOSING || next == LinkState.DISPOSED;
    }

    /** The outages so far in time order, the last one possibly still open; a live view of the list. */
    public List<OutageSpan> outages() {
        return Collections.unmodifiableList(outages);
    }

    /** Forgets the oldest {@code count} outages (a bounded timeline dropping its oldest entries). */
    public void dropOldest(int count) {
        int n = Math.min(count, down ? outages.size() - 1 : outages.size());
        if (n > 0) {
            outages.subList(0, n).clear();
        }
    }

    /** All outages of {@code entries}, in order. */
    public static List<OutageSpan> of(Iterable<JournalEntry> entries) {
        OutageTracker tracker = new OutageTracker();
        for (JournalEntry entry : entries) {
            tracker.accept(entry.monoMs(), entry.event());
        }
        return List.copyOf(tracker.outages);
    }
}
