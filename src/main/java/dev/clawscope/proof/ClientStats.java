package dev.clawscope.proof;

import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.timeline.ConnectionSpan;
import dev.clawscope.timeline.ConnectionTracker;
import dev.clawscope.timeline.EventKinds;
import dev.clawscope.timeline.OutageSpan;
import dev.clawscope.timeline.OutageTracker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * What a journal shows about an observed client ({@code peer_*} lines), from its entries alone (mono
 * times in ms). Outages are those of {@link OutageTracker}, so the proof's table and its timeline agree.
 *
 * @param identities        each distinct identity its {@code connect} requests gave, in order of first use
 * @param connections       {@code peer_connect} lines: TCP connections it opened
 * @param helloOks          {@code peer_hello_ok} lines: connections the gateway accepted
 * @param advertised        the methods of the last {@code peer_hello_ok}; empty without one
 * @param methods           every method it called, in order of first call
 * @param clientPings       WebSocket pings the client sent
 * @param serverPings       WebSocket pings the server sent
 * @param serverPongRtt     the server's pongs to the client's pings: from the ping to the pong, at the observer;
 *                          a pong the observer dropped is not counted
 * @param clientPongRtt     the client's pongs to the server's pings
 * @param droppedPongs      pongs the observer swallowed ({@code drop-pongs})
 * @param ticks             {@code tick} events the server sent
 * @param reconnectGapsMs   the gaps it chose between the end of a connection and its next connect, in order
 * @param maxReconnectsPerMinute most reconnects within any 60 s window
 * @param outages           outages, and silencing faults it did not notice, in time order
 * @param restarts          every {@code shutdown} with {@code restartExpectedMs} and its first reconnect after
 * @param connectedMs       total time with at least one connection up: after its hello ok, before a close frame
 * @param clientProblems    what the client sent that the protocol does not allow, first {@link #PROBLEMS_KEPT}
 * @param clientProblemCount all of them
 * @param serverProblemCount the same from the server
 */
public record ClientStats(List<Identity> identities, int connections, int helloOks, Optional<List<String>> advertised,
        List<MethodCalls> methods, int clientPings, int serverPings, RttStats serverPongRtt, RttStats clientPongRtt,
        int droppedPongs, int ticks, List<Long> reconnectGapsMs, int maxReconnectsPerMinute,
        List<ClientOutage> outages, List<RestartNotice> restarts, double connectedMs,
        List<LinkEvent.PeerDecodeProblem> clientProblems, int clientProblemCount, int serverProblemCount) {

    /** Decode problems of the client kept for the summary; the rest are counted. */
    public static final int PROBLEMS_KEPT = 5;

    /** Faults after which a gateway says nothing at all: a client must notice these itself. */
    static final Set<String> SILENCING = Set.of("freeze", "blackhole");

    public ClientStats {
        identities = List.copyOf(identities);
        Objects.requireNonNull(advertised, "advertised");
        advertised = advertised.map(List::copyOf);
        methods = List.copyOf(methods);
        reconnectGapsMs = List.copyOf(reconnectGapsMs);
        outages = List.copyOf(outages);
        restarts = List.copyOf(restarts);
        clientProblems = List.copyOf(clientProblems);
    }

    /**
     * Who the client said it was in a {@code connect} request; a part it did not send is null.
     *
     * @param hellos how many of its {@code connect} requests gave this identity
     */
    public record Identity(String clientId, String clientVersion, String platform, String mode, String role,
            List<String> scopes, String auth, String deviceId, int hellos) {

        public Identity {
            scopes = scopes == null ? null : List.copyOf(scopes);
        }

        boolean sameAs(LinkEvent.PeerHello h) {
            return Objects.equals(clientId, h.clientId()) && Objects.equals(clientVersion, h.clientVersion())
                    && Objects.equals(platform, h.platform()) && Objects.equals(mode, h.clientMode())
                    && Objects.equals(role, h.role()) && Objects.equals(scopes, h.scopes())
                    && Objects.equals(auth, h.auth()) && Objects.equals(deviceId, h.deviceId());
        }

        static Identity of(LinkEvent.PeerHello h) {
            return new Identity(h.clientId(), h.clientVersion(), h.platform(), h.clientMode(), h.role(), h.scopes(),
                    h.auth(), h.deviceId(), 1);
        }

        Identity counted() {
            return new Identity(clientId, clientVersion, platform, mode, role, scopes, auth, deviceId, hellos + 1);
        }
    }

    /** One method the client called: requests, answers by outcome, and their round-trip times. */
    public record MethodCalls(String method, int calls, int ok, int failed, RttStats rtt) {
    }

    /**
     * An outage of the observed client, or a silencing fault it never noticed.
     *
     * @param fault          the fault injected while it was up that began it; empty when none did
     * @param faultMs        when that fault began, or without one when it went down
     * @param noticedAfterMs from the fault to the first sign that the connection ends; empty when none came
     * @param how            that first sign, e.g. {@code its close 4000}, {@code close 1012 from the server}, or why
     *                       there was none, e.g. {@code healed after 10.0 s}
     * @param byClient       whether the first sign came from the client itself
     * @param backAfterMs    from that sign to its next hello ok; empty when it did not come back
     * @param connects       connections it opened in between, the one that came back included
     * @param watchedMs      for a fault not noticed: from the fault to its heal or to the journal's end
     */
    public record ClientOutage(Optional<String> fault, double faultMs, OptionalDouble noticedAfterMs, String how,
            boolean byClient, OptionalDouble backAfterMs, int connects, double watchedMs) {

        public ClientOutage {
            Objects.requireNonNull(fault, "fault");
            Objects.requireNonNull(noticedAfterMs, "noticedAfterMs");
            Objects.requireNonNull(how, "how");
            Objects.requireNonNull(backAfterMs, "backAfterMs");
        }

        public boolean noticed() {
            return noticedAfterMs.isPresent();
        }
    }

    /**
     * A {@code shutdown} the server (or the observer in its place) sent with {@code restartExpectedMs}.
     *
     * @param reconnectAfterMs from the shutdown to the client's next connect; empty when none came
     */
    public record RestartNotice(int conn, double atMs, long restartExpectedMs, OptionalDouble reconnectAfterMs) {
    }

    /** Whether {@code entry} is a line about an observed client. */
    static boolean isPeerLine(JournalEntry entry) {
        return entry.event().type().startsWith("peer_");
    }

    /** The statistics of {@code ordered}, entries in journal order. */
    static ClientStats of(List<JournalEntry> ordered) {
        return new Builder().build(ordered);
    }

    /** One pass over the entries; holds the state of that pass only. */
    private static final class Builder {
        private final OutageTracker tracker = new OutageTracker();
        private final ConnectionTracker connections = new ConnectionTracker();
        private final List<Identity> identities = new ArrayList<>();
        private final Map<String, int[]> calls = new LinkedHashMap<>();
        private final Map<String, List<Double>> rtts = new LinkedHashMap<>();
        private final List<Double> serverPongs = new ArrayList<>();
        private final List<Double> clientPongs = new ArrayList<>();
        private final List<Long> gaps = new ArrayList<>();
        private final List<Double> reconnectTimes = new ArrayList<>();
        private final List<ClientOutage> outages = new ArrayList<>();
        private final List<RestartNotice> restarts = new ArrayList<>();
        private final List<LinkEvent.PeerDecodeProblem> problems = new ArrayList<>();
        private int clientProblems;
        private int serverProblems;
        private int connects;
        private int hellos;
        private int clientPings;
        private int serverPings;
        private int dropped;
        private int ticks;
        private List<String> advertised;

        /** The last fault that reached open connections while the client was up. */
        private String faultKind;
        private double faultAt = Double.NaN;
        /** A silencing fault not yet noticed (nor healed) while the client is up. */
        private String watchKind;
        private double watchAt = Double.NaN;
        /** The outage in progress: its row, where it started, connects since. */
        private int openRow = -1;
        private int openConnects;

        ClientStats build(List<JournalEntry> entries) {
            double end = entries.isEmpty() ? 0 : entries.get(entries.size() - 1).monoMs();
            for (JournalEntry entry : entries) {
                accept(entry.monoMs(), entry.event());
            }
            if (watchKind != null) {
                outages.add(unnoticed("not noticed by the end of the journal", end));
            }
            List<MethodCalls> methods = new ArrayList<>();
            calls.forEach((method, n) -> methods.add(new MethodCalls(method, n[0], n[1], n[2],
                    RttStats.of(rtts.getOrDefault(method, List.of())))));
            List<ClientOutage> ordered = outages.stream().sorted(Comparator.comparingDouble(ClientOutage::faultMs))
                    .toList();
            return new ClientStats(identities, connects, hellos, Optional.ofNullable(advertised), methods, clientPings,
                    serverPings, RttStats.of(serverPongs), RttStats.of(clientPongs), dropped, ticks, gaps,
                    JournalStats.maxPerMinute(reconnectTimes), ordered, restarts, connectedMs(end), problems,
                    clientProblems, serverProblems);
        }

        private void accept(double at, LinkEvent event) {
            int before = tracker.outages().size();
            boolean wasDown = before > 0 && !tracker.outages().get(before - 1).recovered();
            if (event instanceof LinkEvent.FaultInjected fault) {
                fault(at, fault.kind());
            }
            tracker.accept(at, event);
            connections.accept(at, event);
            List<OutageSpan> spans = tracker.outages();
            if (spans.size() > before) {
                began(spans.get(spans.size() - 1), event);
            } else if (wasDown && openRow >= 0 && spans.get(before - 1).recovered()) {
                OutageSpan span = spans.get(before - 1);
                ClientOutage o = outages.get(openRow);
                outages.set(openRow, new ClientOutage(o.fault(), o.faultMs(), o.noticedAfterMs(), o.how(),
                        o.byClient(), OptionalDouble.of(span.recoveredAfterMs()), openConnects, o.watchedMs()));
                openRow = -1;
            }
            count(at, event);
        }

        private void fault(double at, String kind) {
            if (!tracker.up()) {
                return;
            }
            if ("heal".equals(kind)) {
                // as the tracker does: a heal while up forgets the fault
                faultKind = null;
                faultAt = Double.NaN;
                if (watchKind != null) {
                    outages.add(unnoticed("healed after " + Durations.seconds(at - watchAt), at));
                }
            }
            if (EventKinds.reachesOpenConnections(kind)) {
                faultKind = kind;
                faultAt = at;
                if (SILENCING.contains(kind)) {
                    if (watchKind != null) {
                        outages.add(unnoticed("followed by " + kind, at));
                    }
                    watchKind = kind;
                    watchAt = at;
                }
            }
        }

        private ClientOutage unnoticed(String how, double until) {
            ClientOutage o = new ClientOutage(Optional.of(watchKind), watchAt, OptionalDouble.empty(), how, false,
                    OptionalDouble.empty(), 0, until - watchAt);
            watchKind = null;
            watchAt = Double.NaN;
            return o;
        }

        /** An outage began with {@code event}, the first sign that the last open connection ends. */
        private void began(OutageSpan span, LinkEvent event) {
            Optional<String> fault = span.faultMs() == faultAt && faultKind != null
                    ? Optional.of(faultKind) : Optional.empty();
            boolean byClient = event instanceof LinkEvent.PeerClose c ? "client".equals(c.from())
                    : event instanceof LinkEvent.PeerDisconnect d && "client".equals(d.by());
            outages.add(new ClientOutage(fault, span.faultMs(), OptionalDouble.of(span.undetectedMs()), sign(event),
                    byClient, OptionalDouble.empty(), 0, span.undetectedMs()));
            openRow = outages.size() - 1;
            openConnects = 0;
            watchKind = null;
            watchAt = Double.NaN;
            faultKind = null;
            faultAt = Double.NaN;
        }

        /** How a connection began to end, as the summary words it. */
        private static String sign(LinkEvent event) {
            if (event instanceof LinkEvent.PeerClose c) {
                String code = c.code() == null ? "" : " " + c.code();
                return "client".equals(c.from()) ? "its close" + code : "close" + code + " from the " + c.from();
            }
            if (event instanceof LinkEvent.PeerDisconnect d) {
                return ("client".equals(d.by()) ? "its " : "") + d.how() + ("client".equals(d.by()) ? ""
                        : " by the " + d.by());
            }
            return event.type();
        }

        private void count(double at, LinkEvent event) {
            if (event instanceof LinkEvent.PeerConnect) {
                connects++;
                if (openRow >= 0) {
                    openConnects++;
                }
                restarts.replaceAll(r -> r.reconnectAfterMs().isEmpty()
                        ? new RestartNotice(r.conn(), r.atMs(), r.restartExpectedMs(), OptionalDouble.of(at - r.atMs()))
                        : r);
            } else if (event instanceof LinkEvent.PeerHello h) {
                hello(h);
            } else if (event instanceof LinkEvent.PeerHelloOk ok) {
                hellos++;
                advertised = ok.methods();
            } else if (event instanceof LinkEvent.PeerRequest r) {
                calls.computeIfAbsent(r.method(), m -> new int[3])[0]++;
            } else if (event instanceof LinkEvent.PeerResponse r && r.method() != null) {
                int[] n = calls.computeIfAbsent(r.method(), m -> new int[3]);
                n[r.ok() ? 1 : 2]++;
                if (r.rttMs() != null) {
                    rtts.computeIfAbsent(r.method(), m -> new ArrayList<>()).add(r.rttMs());
                }
            } else if (event instanceof LinkEvent.PeerWsPing p) {
                if ("server".equals(p.from())) {
                    serverPings++;
                } else {
                    clientPings++;
                }
            } else if (event instanceof LinkEvent.PeerWsPong p) {
                pong(p);
            } else if (event instanceof LinkEvent.PeerEvent e) {
                if ("tick".equals(e.event())) {
                    ticks++;
                } else if ("shutdown".equals(e.event()) && e.restartExpectedMs() != null) {
                    restarts.add(new RestartNotice(e.conn(), at, e.restartExpectedMs(), OptionalDouble.empty()));
                }
            } else if (event instanceof LinkEvent.PeerReconnect r) {
                gaps.add(r.gapMs());
                reconnectTimes.add(at);
            } else if (event instanceof LinkEvent.PeerDecodeProblem p) {
                if ("client".equals(p.from())) {
                    clientProblems++;
                    if (problems.size() < PROBLEMS_KEPT) {
                        problems.add(p);
                    }
                } else {
                    serverProblems++;
                }
            }
        }

        private void hello(LinkEvent.PeerHello h) {
            for (int i = 0; i < identities.size(); i++) {
                if (identities.get(i).sameAs(h)) {
                    identities.set(i, identities.get(i).counted());
                    return;
                }
            }
            identities.add(Identity.of(h));
        }

        private void pong(LinkEvent.PeerWsPong p) {
            if (Boolean.TRUE.equals(p.dropped())) {
                dropped++; // the client never saw it: no round trip of its
            } else if (p.rttMs() != null) {
                ("client".equals(p.from()) ? clientPongs : serverPongs).add(p.rttMs());
            }
        }

        /** Time with at least one connection after its hello ok and before its first close frame, until {@code end}. */
        private double connectedMs(double end) {
            List<double[]> up = new ArrayList<>();
            for (ConnectionSpan span : connections.spans()) {
                if (span.accepted()) {
                    up.add(new double[] {span.helloMs(), Math.max(span.helloMs(), span.usableUntil(end))});
                }
            }
            up.sort(Comparator.comparingDouble(a -> a[0]));
            double total = 0;
            double from = Double.NaN;
            double to = Double.NaN;
            for (double[] u : up) {
                if (Double.isNaN(from) || u[0] > to) {
                    total += Double.isNaN(from) ? 0 : to - from;
                    from = u[0];
                    to = u[1];
                } else {
                    to = Math.max(to, u[1]);
                }
            }
            return Double.isNaN(from) ? total : total + to - from;
        }
    }
}
