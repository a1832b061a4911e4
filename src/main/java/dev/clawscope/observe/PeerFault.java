package dev.clawscope.observe;

import dev.clawscope.chaos.Fault;
import dev.clawscope.chaos.FaultParseResult;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A fault the {@link Observer} applies to the observed client: every {@link Fault} of the fault proxy,
 * plus those only a relay that speaks the protocol can inject.
 */
public sealed interface PeerFault {

    /** The forms {@link #parse} accepts, for prompts and help. */
    String FORMS = "freeze [DURATION], stall-upgrade [N], drop-pongs [DURATION], restart MS, unavailable MS,"
            + " auth-reject, " + Fault.syntax();

    /** The word that names this fault in the journal's {@code fault_injected} line. */
    String kind();

    /** A human-readable form, e.g. {@code restart 5000ms}. */
    String describe();

    /** Whether a client that ends a connection while this fault is in force has noticed it ({@code peer_noticed}). */
    default boolean noticeable() {
        return false;
    }

    /** A fault of the fault proxy, applied to the relay's bytes. */
    record Bytes(Fault fault) implements PeerFault {
        public Bytes {
            Objects.requireNonNull(fault, "fault");
        }

        @Override
        public String kind() {
            return fault.kind();
        }

        @Override
        public String describe() {
            return fault.describe();
        }

        @Override
        public boolean noticeable() {
            return fault instanceof Fault.Blackhole || fault instanceof Fault.Delay || fault instanceof Fault.Throttle;
        }
    }

    /** Relay nothing either way and answer nothing; TCP stays open (a frozen gateway: the half-open case). */
    record Freeze(Optional<Duration> duration) implements PeerFault {
        @Override
        public String kind() {
            return "freeze";
        }

        @Override
        public String describe() {
            return "freeze" + duration.map(d -> " for " + d.toMillis() + "ms").orElse("");
        }

        @Override
        public boolean noticeable() {
            return true;
        }
    }

    /** Accept TCP and never answer the HTTP upgrade, for the next {@code count} connections. */
    record StallUpgrade(int count) implements PeerFault {
        public StallUpgrade {
            if (count < 1) {
                throw new IllegalArgumentException("stall-upgrade needs at least 1 connection: " + count);
            }
        }

        @Override
        public String kind() {
            return "stall-upgrade";
        }

        @Override
        public String describe() {
            return "stall-upgrade of the next " + count + (count == 1 ? " connection" : " connections");
        }

        @Override
        public boolean noticeable() {
            return true;
        }
    }

    /** Swallow the server's pongs on their way to the client. */
    record DropPongs(Optional<Duration> duration) implements PeerFault {
        @Override
        public String kind() {
            return "drop-pongs";
        }

        @Override
        public String describe() {
            return "drop-pongs" + duration.map(d -> " for " + d.toMillis() + "ms").orElse("");
        }

        @Override
        public boolean noticeable() {
            return true;
        }
    }

    /** A {@code shutdown} event with {@code restartExpectedMs}, close 1012, connections refused until then. */
    record Restart(long restartExpectedMs) implements PeerFault {
        public Restart {
            if (restartExpectedMs < 1) {
                throw new IllegalArgumentException("restart needs a positive time: " + restartExpectedMs);
            }
        }

        @Override
        public String kind() {
            return "restart";
        }

        @Override
        public String describe() {
            return "restart " + restartExpectedMs + "ms";
        }
    }

    /** The next {@code connect} is answered UNAVAILABLE with {@code retryAfterMs}, close 1013. */
    record Unavailable(long retryAfterMs) implements PeerFault {
        public Unavailable {
            if (retryAfterMs < 1) {
                throw new IllegalArgumentException("unavailable needs a positive time: " + retryAfterMs);
            }
        }

        @Override
        public String kind() {
            return "unavailable";
        }

        @Override
        public String describe() {
            return "unavailable, retry after " + retryAfterMs + "ms";
        }
    }

    /** The next {@code connect} is answered AUTH_TOKEN_MISMATCH, close 1008. */
    record AuthReject() implements PeerFault {
        @Override
        public String kind() {
            return "auth-reject";
        }

        @Override
        public String describe() {
            return "auth-reject of the next connect";
        }
    }

    /** The outcome of {@link #parse}. */
    sealed interface Parse {
        record Parsed(PeerFault fault) implements Parse {
        }

        record Rejected(String message) implements Parse {
        }
    }

    /**
     * Parses one typed line such as {@code freeze 30s}, {@code restart 5000}, {@code stall-upgrade 2}
     * or any fault of the proxy ({@code blackhole 10s}, {@code heal}). Times take units (500ms, 5s);
     * a bare number is milliseconds for restart and unavailable, seconds for a DURATION.
     */
    static Parse parse(String line) {
        String text = line == null ? "" : line.strip();
        String[] words = text.split("\\s+");
        String kind = words[0].toLowerCase(Locale.ROOT);
        String rest = text.substring(words[0].length()).strip();
        try {
            return switch (kind) {
                case "freeze" -> new Parse.Parsed(new Freeze(duration("freeze", rest)));
                case "drop-pongs" -> new Parse.Parsed(new DropPongs(duration("drop-pongs", rest)));
                case "stall-upgrade" -> new Parse.Parsed(new StallUpgrade(count(rest)));
                case "restart" -> new Parse.Parsed(new Restart(millis("restart", rest)));
                case "unavailable" -> new Parse.Parsed(new Unavailable(millis("unavailable", rest)));
                case "auth-reject" -> {
                    if (!rest.isEmpty()) {
                        throw new IllegalArgumentException("auth-reject takes no argument");
                    }
                    yield new Parse.Parsed(new AuthReject());
                }
                default -> {
                    FaultParseResult parsed = Fault.parse(text);
                    if (parsed instanceof FaultParseResult.Parsed p) {
                        yield new Parse.Parsed(new Bytes(p.fault()));
                    }
                    String message = ((FaultParseResult.Rejected) parsed).message();
                    yield new Parse.Rejected(message.contains("unknown fault")
                            ? "unknown fault '" + words[0] + "'; use one of: " + FORMS : message);
                }
            };
        } catch (IllegalArgumentException e) {
            return new Parse.Rejected(e.getMessage());
        }
    }

    private static Optional<Duration> duration(String kind, String rest) {
        if (rest.isEmpty()) {
            return Optional.empty();
        }
        FaultParseResult parsed = Fault.parse("blackhole " + rest);
        if (parsed instanceof FaultParseResult.Parsed p) {
            return p.fault().duration();
        }
        throw new IllegalArgumentException(kind + ": " + ((FaultParseResult.Rejected) parsed).message()
                .replace("blackhole", kind));
    }

    private static long millis(String kind, String rest) {
        if (rest.isEmpty() || rest.contains(" ")) {
            throw new IllegalArgumentException(kind + " needs one time, e.g. " + kind + " 5000 or " + kind + " 5s");
        }
        FaultParseResult parsed = Fault.parse("delay " + rest);
        if (parsed instanceof FaultParseResult.Parsed p && p.fault() instanceof Fault.Delay d && !d.jittered()
                && d.millis() > 0) {
            return d.millis();
        }
        throw new IllegalArgumentException(kind + " needs a positive time, e.g. " + kind + " 5000 or " + kind + " 5s");
    }

    private static int count(String rest) {
        if (rest.isEmpty()) {
            return 1;
        }
        try {
            int n = Integer.parseInt(rest);
            if (n < 1 || n > 1_000_000) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("stall-upgrade takes a count of connections from 1, e.g. stall-upgrade 2");
        }
    }
}
