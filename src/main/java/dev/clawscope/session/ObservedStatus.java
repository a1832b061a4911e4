package dev.clawscope.session;

import java.util.Locale;
import java.util.Optional;

/**
 * What is true of an observed client now, as its {@code peer_*} lines told it: who it said it is
 * (its latest {@code peer_hello}) and its connections. An immutable current value, like the link's
 * {@code LinkStatus}: the window's header reads it, the timeline and the proof read the journal.
 *
 * @param clientId             the client id of the latest {@code peer_hello}, null before one
 * @param clientVersion        its version, null when it sent none
 * @param platform             its platform, null when it sent none
 * @param mode                 its client mode, null when it sent none
 * @param connections          connections the client opened so far
 * @param open                 connections open now
 * @param current              the connection shown: the newest open one the gateway accepted, else the
 *                             newest open one; 0 when none is open
 * @param accepted             whether {@code current} has its {@code peer_hello_ok}
 * @param connectedSinceMonoMs {@code mono_ms} of {@code current}'s hello-ok, NaN when not accepted
 * @param reconnects           {@code peer_reconnect} lines so far
 * @param lastPongRttMs        the latest pong round trip the observer timed, NaN before one
 */
public record ObservedStatus(String clientId, String clientVersion, String platform, String mode, int connections,
        int open, int current, boolean accepted, double connectedSinceMonoMs, int reconnects, double lastPongRttMs) {

    /** Nothing seen yet. */
    public static final ObservedStatus NONE = new ObservedStatus(null, null, null, null, 0, 0, 0, false, Double.NaN, 0,
            Double.NaN);

    /** The client's connection as one word. */
    public enum State {
        /** No connection yet. */
        WAITING,
        /** Connections before, none open now. */
        NO_CONNECTION,
        /** Open, not yet accepted by the gateway. */
        OPENING,
        /** Accepted by the gateway ({@code peer_hello_ok}). */
        CONNECTED
    }

    public State state() {
        if (connections == 0) {
            return State.WAITING;
        }
        if (open == 0) {
            return State.NO_CONNECTION;
        }
        return accepted ? State.CONNECTED : State.OPENING;
    }

    /** {@code connected #3}, {@code connecting #4}, {@code no connection}, {@code waiting for the client}. */
    public String words() {
        return switch (state()) {
            case WAITING -> "waiting for the client";
            case NO_CONNECTION -> "no connection";
            case OPENING -> "connecting #" + current;
            case CONNECTED -> "connected #" + current;
        };
    }

    /** {@code 3 connections so far, 2 open}: how many the client opened, and how many are open when more than one. */
    public String connectionsWords() {
        return connections + (connections == 1 ? " connection" : " connections") + " so far"
                + (open > 1 ? ", " + open + " open" : "");
    }

    /**
     * The client as it named itself, e.g. {@code cli 0.1.0 (linux, cli)}; empty before its first
     * {@code connect}.
     */
    public Optional<String> client() {
        if (clientId == null) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(clientId);
        if (clientVersion != null) {
            out.append(' ').append(clientVersion);
        }
        String where = String.join(", ", java.util.stream.Stream.of(platform, mode)
                .filter(s -> s != null && !s.isBlank()).toList());
        if (!where.isEmpty()) {
            out.append(" (").append(where).append(')');
        }
        return Optional.of(out.toString());
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s, %s%s", words(), connectionsWords(),
                client().map(c -> ", client " + c).orElse(""));
    }
}
