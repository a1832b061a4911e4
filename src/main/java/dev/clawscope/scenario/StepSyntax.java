package dev.clawscope.scenario;

import dev.clawscope.chaos.Fault;
import dev.clawscope.chaos.FaultParseResult;
import dev.clawscope.link.LinkState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one scenario step from its text form. The forms:
 * <pre>
 * connect | disconnect | dispose
 * await EVENT [within D]                       (default within 10s)
 * wait D
 * fault FAULT                                   (proxy syntax: blackhole, reset, refuse 2s, delay 200, delay 0-200, heal)
 * sim freeze|unfreeze|kill|revive|stop
 * sim restart EXPECTED [DOWN]  |  sim starting D  |  sim pairing auto|manual
 * sim approve-pending  |  sim seq-gap N
 * dispose_race N
 * expect EVENT [count OP N] [after EVENT] [within D] [at_least D]
 * expect_no EVENT [after EVENT]
 * expect_state STATE
 * expect_last EVENT
 * max_rate EVENT N per D [after EVENT]
 * max_attempts_per_minute N [after EVENT]
 * expect_sim sockets|connected|handshakes|connect_attempts OP N [within D]
 * </pre>
 * EVENT is {@code type} or {@code type[field OP value,…]}; D is {@code 500ms}, {@code 2s} or {@code 1m}.
 */
final class StepSyntax {

    static final Duration DEFAULT_AWAIT = Duration.ofSeconds(10);
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");
    private static final Set<String> OPS = Set.of("=", "==", "!=", ">=", "<=", ">", "<");

    private StepSyntax() {
    }

    /** @throws IllegalArgumentException saying what is wrong, without the step's position */
    static Step parse(String text) {
        String line = text.strip();
        List<String> words = tokens(line);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("empty step");
        }
        Words w = new Words(line, words);
        String verb = w.next().toLowerCase(Locale.ROOT);
        Step step = switch (verb) {
            case "connect" -> new Step.Connect(line);
            case "disconnect" -> new Step.Disconnect(line);
            case "dispose" -> new Step.Dispose(line);
            case "await" -> {
                EventMatcher event = w.event();
                Duration within = w.optional("within") ? w.duration() : DEFAULT_AWAIT;
                yield new Step.Await(line, event, within);
            }
            case "wait" -> new Step.Wait(line, w.duration());
            case "fault" -> fault(line, w);
            case "sim" -> sim(line, w);
            case "dispose_race" -> new Step.DisposeRace(line, w.positiveInt());
            case "expect" -> expect(line, w);
            case "expect_no" -> {
                EventMatcher event = w.event();
                EventMatcher after = w.optional("after") ? w.event() : null;
                yield new Step.ExpectNo(line, event, after);
            }
            case "expect_state" -> new Step.ExpectState(line, state(w.next()));
            case "expect_last" -> new Step.ExpectLast(line, w.event());
            case "max_rate" -> {
                EventMatcher event = w.event();
                int max = w.positiveInt();
                w.keyword("per");
                Duration per = w.duration();
                EventMatcher after = w.optional("after") ? w.event() : null;
                yield new Step.MaxRate(line, event, max, per, after);
            }
            case "max_attempts_per_minute" -> {
                int max = w.positiveInt();
                EventMatcher after = w.optional("after") ? w.event() : null;
                yield new Step.MaxRate(line, EventMatcher.parse("connect_attempt"), max, Duration.ofMinutes(1), after);
            }
            case "expect_sim" -> {
                Step.SimCounter counter = simCounter(w.next());
                String op = w.op();
                long value = w.number();
                Duration within = w.optional("within") ? w.duration() : Duration.ZERO;
                yield new Step.ExpectSim(line, counter, op, value, within);
            }
            default -> throw new IllegalArgumentException("unknown step '" + verb + "'; steps are connect, disconnect, "
                    + "dispose, await, wait, fault, sim, dispose_race, expect, expect_no, expect_state, expect_last, "
                    + "max_rate, max_attempts_per_minute, expect_sim");
        };
        w.end();
        return step;
    }

    /** A duration such as {@code 500ms}, {@code 2s} or {@code 1m}. */
    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a duration such as 500ms, 2s or 1m, got '" + text + "'");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    private static Step fault(String line, Words w) {
        String rest = w.rest();
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("fault needs a proxy fault, e.g. 'fault blackhole'");
        }
        FaultParseResult parsed = Fault.parse(rest);
        if (parsed instanceof FaultParseResult.Parsed ok) {
            return new Step.InjectFault(line, ok.fault());
        }
        throw new IllegalArgumentException("fault: " + ((FaultParseResult.Rejected) parsed).message());
    }

    private static Step sim(String line, Words w) {
        String word = w.next().toLowerCase(Locale.ROOT);
        return switch (word) {
            case "freeze" -> new Step.Sim(line, Step.SimAction.FREEZE, null, null, null);
            case "unfreeze" -> new Step.Sim(line, Step.SimAction.UNFREEZE, null, null, null);
            case "kill" -> new Step.Sim(line, Step.SimAction.KILL, null, null, null);
            case "revive" -> new Step.Sim(line, Step.SimAction.REVIVE, null, null, null);
            case "stop" -> new Step.Sim(line, Step.SimAction.STOP, null, null, null);
            case "restart" -> {
                Duration expected = w.duration();
                Duration down = w.hasNext() ? w.duration() : expected.dividedBy(2);
                yield new Step.Sim(line, Step.SimAction.RESTART, expected, down, null);
            }
            case "starting" -> new Step.Sim(line, Step.SimAction.STARTING, w.duration(), null, null);
            case "pairing" -> {
                String mode = w.next().toLowerCase(Locale.ROOT);
                if (!mode.equals("auto") && !mode.equals("manual")) {
                    throw new IllegalArgumentException("sim pairing takes auto or manual, got '" + mode + "'");
                }
                yield new Step.Sim(line, Step.SimAction.PAIRING, null, null, mode);
            }
            case "approve-pending" -> new Step.Sim(line, Step.SimAction.APPROVE_PENDING, null, null, null);
            case "seq-gap" -> new Step.Sim(line, Step.SimAction.SEQ_GAP, null, null, String.valueOf(w.positiveInt()));
            default -> throw new IllegalArgumentException("unknown sim action '" + word + "'; actions are freeze, "
                    + "unfreeze, kill, revive, stop, restart, starting, pairing, approve-pending, seq-gap");
        };
    }

    private static Step expect(String line, Words w) {
        EventMatcher event = w.event();
        String op = null;
        Long count = null;
        EventMatcher after = null;
        Duration within = null;
        Duration atLeast = null;
        while (w.hasNext()) {
            String word = w.next().toLowerCase(Locale.ROOT);
            switch (word) {
                case "count" -> {
                    op = w.op();
                    count = w.number();
                }
                case "after" -> after = w.event();
                case "within" -> within = w.duration();
                case "at_least" -> atLeast = w.duration();
                default -> throw new IllegalArgumentException("unexpected '" + word
                        + "' in expect; it takes count OP N, after EVENT, within D, at_least D");
            }
        }
        if ((within != null || atLeast != null) && after == null) {
            throw new IllegalArgumentException("within and at_least measure from another event: add 'after EVENT'");
        }
        return new Step.Expect(line, event, op, count, after, within, atLeast);
    }

    private static LinkState state(String word) {
        try {
            return LinkState.valueOf(word.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown link state '" + word + "'");
        }
    }

    private static Step.SimCounter simCounter(String word) {
        try {
            return Step.SimCounter.valueOf(word.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown simulator counter '" + word
                    + "'; counters are sockets, connected, handshakes, connect_attempts");
        }
    }

    /** Splits on blanks, keeping {@code [...]} together so conditions may contain spaces. */
    private static List<String> tokens(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int depth = 0;
        for (char c : line.toCharArray()) {
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth = Math.max(0, depth - 1);
            }
            if (Character.isWhitespace(c) && depth == 0) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    /** A cursor over the words of one step. */
    private static final class Words {
        private final String line;
        private final List<String> words;
        private int at;

        Words(String line, List<String> words) {
            this.line = line;
            this.words = words;
        }

        boolean hasNext() {
            return at < words.size();
        }

        String next() {
            if (!hasNext()) {
                throw new IllegalArgumentException("'" + line + "' ends too early");
            }
            return words.get(at++);
        }

        String rest() {
            String rest = String.join(" ", words.subList(at, words.size()));
            at = words.size();
            return rest;
        }

        boolean optional(String keyword) {
            if (hasNext() && words.get(at).equalsIgnoreCase(keyword)) {
                at++;
                return true;
            }
            return false;
        }

        void keyword(String keyword) {
            String word = next();
            if (!word.equalsIgnoreCase(keyword)) {
                throw new IllegalArgumentException("expected '" + keyword + "', got '" + word + "'");
            }
        }

        EventMatcher event() {
            return EventMatcher.parse(next());
        }

        Duration duration() {
            return StepSyntax.duration(next());
        }

        String op() {
            String op = next();
            if (!OPS.contains(op)) {
                throw new IllegalArgumentException("expected a comparison (= != >= <= > <), got '" + op + "'");
            }
            return op.equals("==") ? "=" : op;
        }

        long number() {
            String word = next();
            try {
                return Long.parseLong(word);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a number, got '" + word + "'");
            }
        }

        int positiveInt() {
            long n = number();
            if (n < 1 || n > 10_000) {
                throw new IllegalArgumentException("expected a number from 1 to 10000, got " + n);
            }
            return (int) n;
        }

        void end() {
            if (hasNext()) {
                throw new IllegalArgumentException("unexpected '" + words.get(at) + "' at the end of '" + line + "'");
            }
        }
    }
}
