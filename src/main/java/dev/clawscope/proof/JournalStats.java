package dev.clawscope.proof;

import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.link.LinkState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What a journal shows about a link, computed from its entries alone (mono times in ms).
 *
 * @param startMs                mono time of the first entry
 * @param endMs                  mono time of the last entry
 * @param startTs                wall time of the first entry; empty for an empty journal
 * @param endTs                  wall time of the last entry; empty for an empty journal
 * @param serverVersion          the gateway version of the last {@code hello_ok} (or {@code peer_hello_ok})
 * @param segments               the link state over time, back to back from start to end
 * @param outages                periods down, see {@link Outage}
 * @param connectedMs            total time in {@code connected}
 * @param reconnectCount         {@code reconnect_scheduled} entries
 * @param backoffDelaysMs        their delays, in order
 * @param connectAttempts        {@code connect_attempt} entries
 * @param maxAttemptsPerMinute   most reconnect attempts (connect attempts after a {@code reconnect_scheduled},
 *                               not the first connect) within any 60 s window
 * @param pongRtt                from {@code ws_pong}
 * @param probeRtt               from {@code probe_ok}
 * @param heartbeatRtt           both together
 * @param livenessTimeouts       every {@code liveness_timeout}, in order
 * @param pauses                 every {@code reconnect_paused} reason, in order
 * @param disposeDurationMs      from {@code dispose_end}; empty when the link was not disposed
 * @param eventsAfterDisposeEnd  entries after the first {@code dispose_end}; types, in order
 * @param helloOks               {@code hello_ok} entries
 * @param firstSeq               {@code seq} of the first entry; 0 for an empty journal
 * @param lastSeq                {@code seq} of the last entry; 0 for an empty journal
 * @param client                 for an observed client's journal, what its {@code peer_*} lines show; the
 *                               link's figures above then stay empty, but for the times and the server version
 */
public record JournalStats(double startMs, double endMs, Optional<Instant> startTs, Optional<Instant> endTs,
        Optional<String> serverVersion, List<StateSegment> segments, List<Outage> outages, double connectedMs,
        int reconnectCount, List<Long> backoffDelaysMs, int connectAttempts, int maxAttemptsPerMinute,
        RttStats pongRtt, RttStats probeRtt, RttStats heartbeatRtt, List<LinkEvent.LivenessTimeout> livenessTimeouts,
        List<String> pauses, OptionalDouble disposeDurationMs, List<String> eventsAfterDisposeEnd, int helloOks,
        long firstSeq, long lastSeq, Optional<ClientStats> client) {

    private static final double MINUTE_MS = 60_000;

    public JournalStats {
        segments = List.copyOf(segments);
        outages = List.copyOf(outages);
        backoffDelaysMs = List.copyOf(backoffDelaysMs);
        livenessTimeouts = List.copyOf(livenessTimeouts);
        pauses = List.copyOf(pauses);
        eventsAfterDisposeEnd = List.copyOf(eventsAfterDisposeEnd);
        Objects.requireNonNull(client, "client");
    }

    public double spanMs() {
        return endMs - startMs;
    }

    /** Share of the whole span spent connected, 0 to 100; 0 for an empty span. */
    public double connectedPercent() {
        return spanMs() <= 0 ? 0 : 100.0 * connectedMs / spanMs();
    }

    /**
     * The entries in journal order ({@code seq}), however they were passed; a journal holding
     * {@code peer_*} lines is an observed client's.
     */
    public static JournalStats of(List<JournalEntry> entries) {
        Objects.requireNonNull(entries, "entries");
        return of(entries, entries.stream().anyMatch(ClientStats::isPeerLine));
    }

    /** As {@link #of(List)}, with {@code observed} saying whether the journal is an observed client's. */
    public static JournalStats of(List<JournalEntry> entries, boolean observed) {
        Objects.requireNonNull(entries, "entries");
        List<JournalEntry> ordered = entries.stream().sorted(Comparator.comparingLong(JournalEntry::seq)).toList();
        JournalStats link = new Builder().build(ordered);
        if (!observed) {
            return link;
        }
        return new JournalStats(link.startMs, link.endMs, link.startTs, link.endTs, link.serverVersion, link.segments,
                link.outages, link.connectedMs, link.reconnectCount, link.backoffDelaysMs, link.connectAttempts,
                link.maxAttemptsPerMinute, link.pongRtt, link.probeRtt, link.heartbeatRtt, link.livenessTimeouts,
                link.pauses, link.disposeDurationMs, link.eventsAfterDisposeEnd, link.helloOks, link.firstSeq,
                link.lastSeq, Optional.of(ClientStats.of(ordered)));
    }

    /** Whether this is an observed client's journal. */
    public boolean observed() {
        return client.isPresent();
    }

    /** Share of the whole span the observed client had a connection up, 0 to 100; 0 for a link or an empty span. */
    public double clientConnectedPercent() {
        return spanMs() <= 0 || client.isEmpty() ? 0 : 100.0 * client.get().connectedMs() / spanMs();
    }

    /** One pass over the entries; holds the state of that pass only. */
    private static final class Builder {
        private final List<StateSegment> segments = new ArrayList<>();
        private final List<Outage> outages = new ArrayList<>();
        private final List<Long> delays = new ArrayList<>();
        private final List<Double> retryTimes = new ArrayList<>();
        private int attempts;
        private int hellos;
        private boolean retryPending;
        private final List<Double> pongs = new ArrayList<>();
        private final List<Double> probes = new ArrayList<>();
        private final List<LinkEvent.LivenessTimeout> timeouts = new ArrayList<>();
        private final List<String> pauses = new ArrayList<>();
        private final List<String> afterDispose = new ArrayList<>();
        private String serverVersion;
        /** As the journal spells it, kept for the segments; {@link #typed} for decisions. */
        private String state;
        private double stateSince;
        private double connectedMs;
        private OptionalDouble disposeDuration = OptionalDouble.empty();

        // why the current connection ended, gathered while connected
        private LinkEvent.LivenessTimeout liveness;
        private LinkEvent.ShutdownNotice shutdown;
        private LinkEvent.Closed closed;

        // the outage in progress
        private boolean down;
        private double downSince;
        private String downCause;
        private OptionalLong downDetectedAfter = OptionalLong.empty();
        private int downAttempts;
        private OptionalDouble downHelloAt = OptionalDouble.empty();

        JournalStats build(List<JournalEntry> entries) {
            if (entries.isEmpty()) {
                return new JournalStats(0, 0, Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                        List.of(), 0, 0, List.of(), 0, 0, RttStats.EMPTY, RttStats.EMPTY, RttStats.EMPTY,
                        List.of(), List.of(), OptionalDouble.empty(), List.of(), 0, 0, 0, Optional.empty());
            }
            JournalEntry first = entries.get(0);
            JournalEntry last = entries.get(entries.size() - 1);
            state = initialState(entries);
            stateSince = first.monoMs();
            for (JournalEntry entry : entries) {
                if (disposeDuration.isPresent()) {
                    afterDispose.add(entry.event().type());
                }
                accept(entry.monoMs(), entry.event());
            }
            endSegment(last.monoMs());
            if (down) {
                outages.add(new Outage(downSince, OptionalDouble.empty(), downCause, downDetectedAfter,
                        OptionalDouble.empty(), downAttempts));
            }
            List<Double> all = new ArrayList<>(pongs);
            all.addAll(probes);
            return new JournalStats(first.monoMs(), last.monoMs(), Optional.of(first.ts()), Optional.of(last.ts()),
                    Optional.ofNullable(serverVersion), segments, outages, connectedMs, delays.size(), delays,
                    attempts, maxPerMinute(retryTimes), RttStats.of(pongs), RttStats.of(probes),
                    RttStats.of(all), timeouts, pauses, disposeDuration, afterDispose, hellos, first.seq(), last.seq(),
                    Optional.empty());
        }

        private static String initialState(List<JournalEntry> entries) {
            return entries.stream()
                    .filter(e -> e.event() instanceof LinkEvent.StateChanged)
                    .map(e -> ((LinkEvent.StateChanged) e.event()).from())
                    .findFirst().orElse(LinkState.IDLE.wire());
        }

        /** The state a journal word names; null for a word this version does not know. */
        private static LinkState typed(String wire) {
            try {
                return LinkState.fromWire(wire);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        private void accept(double at, LinkEvent event) {
            if (event instanceof LinkEvent.StateChanged changed) {
                changeState(at, changed.to());
            } else if (event instanceof LinkEvent.ConnectAttempt) {
                attempts++;
                if (retryPending) {
                    retryTimes.add(at);
                    retryPending = false;
                }
                if (down) {
                    downAttempts++;
                }
            } else if (event instanceof LinkEvent.HelloOk hello) {
                hellos++;
                serverVersion = hello.serverVersion();
                if (down && downHelloAt.isEmpty()) {
                    downHelloAt = OptionalDouble.of(at);
                }
            } else if (event instanceof LinkEvent.PeerHelloOk hello) {
                serverVersion = hello.serverVersion();
            } else if (event instanceof LinkEvent.WsPong pong) {
                pongs.add(pong.rttMs());
            } else if (event instanceof LinkEvent.ProbeOk probe) {
                probes.add(probe.rttMs());
            } else if (event instanceof LinkEvent.LivenessTimeout timeout) {
                timeouts.add(timeout);
                liveness = timeout;
            } else if (event instanceof LinkEvent.ShutdownNotice notice) {
                shutdown = notice;
            } else if (event instanceof LinkEvent.Closed close) {
                closed = close;
            } else if (event instanceof LinkEvent.ReconnectScheduled scheduled) {
                delays.add(scheduled.delayMs());
                retryPending = true;
            } else if (event instanceof LinkEvent.ReconnectPaused paused) {
                pauses.add(paused.reason());
            } else if (event instanceof LinkEvent.DisposeEnd end && disposeDuration.isEmpty()) {
                disposeDuration = OptionalDouble.of(end.durationMs());
            }
        }

        private void changeState(double at, String nextWire) {
            endSegment(at);
            LinkState previous = typed(state);
            LinkState next = typed(nextWire);
            state = nextWire;
            stateSince = at;
            if (next == LinkState.CONNECTED) {
                liveness = null;
                shutdown = null;
                closed = null;
                if (down) {
                    double recovered = downHelloAt.orElse(at) - downSince;
                    outages.add(new Outage(downSince, OptionalDouble.of(at), downCause, downDetectedAfter,
                            OptionalDouble.of(recovered), downAttempts));
                    down = false;
                }
            } else if (previous == LinkState.CONNECTED && !intentional(next)) {
                down = true;
                downSince = at;
                downCause = cause();
                downDetectedAfter = liveness == null ? OptionalLong.empty() : OptionalLong.of(liveness.silenceMs());
                downAttempts = 0;
                downHelloAt = OptionalDouble.empty();
            }
        }

        /** Leaving {@code connected} for these is the user's choice, not an outage. */
        private static boolean intentional(LinkState next) {
            return next == LinkState.DISCONNECTED || next == LinkState.DISPOSING || next == LinkState.DISPOSED;
        }

        private String cause() {
            if (liveness != null) {
                return "liveness timeout (" + liveness.kind() + ")";
            }
            if (shutdown != null) {
                return "gateway shutdown \"" + shutdown.reason() + "\"";
            }
            if (closed != null) {
                String reason = closed.reason().isEmpty() ? "" : " \"" + closed.reason() + "\"";
                return "closed " + closed.code() + reason + " by " + closed.by();
            }
            return "unknown";
        }

        private void endSegment(double at) {
            segments.add(new StateSegment(state, stateSince, at));
            if (typed(state) == LinkState.CONNECTED) {
                connectedMs += at - stateSince;
            }
        }
    }

    /** The most times that fall within any half-open window [t, t + 60 s). */
    static int maxPerMinute(List<Double> times) {
        int best = 0;
        int from = 0;
        for (int to = 0; to < times.size(); to++) {
            while (times.get(to) - times.get(from) >= MINUTE_MS) {
                from++;
            }
            best = Math.max(best, to - from + 1);
        }
        return best;
    }
}
