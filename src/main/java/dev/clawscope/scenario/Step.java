package dev.clawscope.scenario;

import dev.clawscope.chaos.Fault;
import dev.clawscope.link.LinkState;
import java.time.Duration;
import java.util.Objects;

/**
 * One line of a scenario script. Actions drive the link, the proxy or the simulator; checks
 * ({@link Check}) assert over the journal as it stands when they run. Every step keeps the text
 * it was read from, which is what progress lines and failure messages show.
 */
public sealed interface Step {

    /** The step as written in the scenario, e.g. {@code await hello_ok within 5s}. */
    String text();

    /** Whether the step needs the embedded simulator (a real gateway cannot be killed from here). */
    default boolean needsSimulator() {
        return false;
    }

    /** The longest this step may take, for the progress estimate. */
    default Duration budget() {
        return Duration.ZERO;
    }

    /** A step that asserts over the journal (or the simulator's counters) and fails the scenario. */
    sealed interface Check extends Step {
    }

    record Connect(String text) implements Step {
    }

    record Disconnect(String text) implements Step {
    }

    record Dispose(String text) implements Step {
    }

    /** Waits in real time for the next matching entry after the last action or awaited entry. */
    record Await(String text, EventMatcher event, Duration within) implements Step {
        public Await {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(within, "within");
        }

        @Override
        public Duration budget() {
            return within;
        }
    }

    /** Lets real time pass. */
    record Wait(String text, Duration duration) implements Step {
        @Override
        public Duration budget() {
            return duration;
        }
    }

    /** Applies a fault through the embedded proxy and journals {@code fault_injected{kind}}. */
    record InjectFault(String text, Fault fault) implements Step {
        public InjectFault {
            Objects.requireNonNull(fault, "fault");
        }
    }

    /** Turns a simulator knob; {@code argument} is the duration, count or mode the action takes. */
    record Sim(String text, SimAction action, Duration duration, Duration secondDuration, String argument)
            implements Step {
        public Sim {
            Objects.requireNonNull(action, "action");
        }

        @Override
        public boolean needsSimulator() {
            return true;
        }
    }

    /** Simulator actions a scenario can take. */
    enum SimAction { FREEZE, UNFREEZE, KILL, REVIVE, STOP, RESTART, STARTING, PAIRING, APPROVE_PENDING, SEQ_GAP }

    /**
     * Connects {@code cycles} short-lived links one after another and disposes each while it is
     * still connecting or handshaking; each link must journal one {@code dispose_begin}, one
     * {@code dispose_end} and nothing after it. Their entries are copied into the scenario journal.
     */
    record DisposeRace(String text, int cycles) implements Step {
        public DisposeRace {
            if (cycles < 1) {
                throw new IllegalArgumentException("dispose_race needs at least one cycle");
            }
        }

        @Override
        public Duration budget() {
            return Duration.ofMillis(150L * cycles);
        }
    }

    /**
     * At least one {@code event} (or a count satisfying {@code countOp countValue}); with
     * {@code after}, only entries after the first {@code after} entry count, and {@code within} /
     * {@code atLeast} bound the time from that entry to the first matching one.
     */
    record Expect(String text, EventMatcher event, String countOp, Long countValue, EventMatcher after,
                  Duration within, Duration atLeast) implements Check {
        public Expect {
            Objects.requireNonNull(event, "event");
        }
    }

    /** No {@code event} at all, or none after the first {@code after} entry. */
    record ExpectNo(String text, EventMatcher event, EventMatcher after) implements Check {
        public ExpectNo {
            Objects.requireNonNull(event, "event");
        }
    }

    /** The link is in {@code state} now. */
    record ExpectState(String text, LinkState state) implements Check {
        public ExpectState {
            Objects.requireNonNull(state, "state");
        }
    }

    /** The last journal entry matches. */
    record ExpectLast(String text, EventMatcher event) implements Check {
        public ExpectLast {
            Objects.requireNonNull(event, "event");
        }
    }

    /** In no window of length {@code per} are there more than {@code max} matching entries. */
    record MaxRate(String text, EventMatcher event, int max, Duration per, EventMatcher after) implements Check {
        public MaxRate {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(per, "per");
        }
    }

    /** A simulator counter satisfies {@code op value}, polled for up to {@code within}. */
    record ExpectSim(String text, SimCounter counter, String op, long value, Duration within) implements Check {
        public ExpectSim {
            Objects.requireNonNull(counter, "counter");
            Objects.requireNonNull(within, "within");
        }

        @Override
        public boolean needsSimulator() {
            return true;
        }

        @Override
        public Duration budget() {
            return within;
        }
    }

    /** Simulator counters a scenario can check. */
    enum SimCounter { SOCKETS, CONNECTED, HANDSHAKES, CONNECT_ATTEMPTS }
}
