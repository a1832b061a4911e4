package dev.clawscope.chaos;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A fault the {@link FaultProxy} applies to live and new connections.
 *
 * <p>{@link Blackhole}, {@link Delay}, {@link Throttle} and {@link Refuse} are modes: each replaces
 * the previous mode and, when given a duration, heals by itself when it runs out. {@link Reset} is
 * a one-shot action that leaves the mode as it was; {@link Pass} and {@link Heal} both return to
 * normal forwarding, {@code heal} named for releasing what a blackhole held.
 */
public sealed interface Fault {

    /** The word that names this fault on the command line and in the journal, e.g. {@code blackhole}. */
    String kind();

    /** How long the mode lasts before the proxy heals by itself; empty means until the next fault. */
    default Optional<Duration> duration() {
        return Optional.empty();
    }

    /** A human-readable form, e.g. {@code blackhole for 30s} or {@code delay 2000ms}. */
    default String describe() {
        return kind() + duration().map(d -> " for " + FaultSyntax.format(d)).orElse("");
    }

    /**
     * Parses one fault command such as {@code blackhole 30s}, {@code delay 2000} or {@code heal}.
     * The duration of a mode accepts {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, a bare number
     * meaning seconds; the latency of {@code delay} is a bare number of milliseconds or a unit, or a
     * range such as {@code 0-2000} for a latency drawn per chunk.
     */
    static FaultParseResult parse(String command) {
        return FaultSyntax.parse(command);
    }

    /** The forms {@link #parse} accepts, for prompts and help. */
    static String syntax() {
        return FaultSyntax.FORMS;
    }

    /** Forward everything as it comes. */
    record Pass() implements Fault {
        @Override
        public String kind() {
            return "pass";
        }
    }

    /** Back to {@link Pass}, delivering in order whatever a blackhole held. */
    record Heal() implements Fault {
        @Override
        public String kind() {
            return "heal";
        }
    }

    /** Reset every current connection, both sides; new connections are not affected. */
    record Reset() implements Fault {
        @Override
        public String kind() {
            return "reset";
        }
    }

    /** Keep both TCP sides open but forward nothing; bytes read meanwhile are held for the heal. */
    record Blackhole(Optional<Duration> duration) implements Fault {
        public Blackhole {
            duration = positive(duration);
        }

        @Override
        public String kind() {
            return "blackhole";
        }
    }

    /**
     * Add latency to each direction, keeping the order of bytes: {@code millis} to every chunk, or
     * with a larger {@code maxMillis} a draw from {@code millis} to {@code maxMillis} for each chunk
     * on its own (jitter); a chunk never overtakes the one before it, so it leaves at its own draw or
     * when that one left, whichever is later.
     */
    record Delay(long millis, long maxMillis, Optional<Duration> duration) implements Fault {
        public Delay {
            if (millis < 0) {
                throw new IllegalArgumentException("delay must not be negative: " + millis);
            }
            if (maxMillis < millis) {
                throw new IllegalArgumentException("delay range " + millis + "-" + maxMillis + " goes down");
            }
            duration = positive(duration);
        }

        /** The same latency for every chunk. */
        public Delay(long millis, Optional<Duration> duration) {
            this(millis, millis, duration);
        }

        /** True when each chunk draws its own latency. */
        public boolean jittered() {
            return maxMillis > millis;
        }

        @Override
        public String kind() {
            return "delay";
        }

        @Override
        public String describe() {
            return "delay " + (jittered() ? millis + "-" + maxMillis : millis) + "ms"
                    + duration.map(d -> " for " + FaultSyntax.format(d)).orElse("");
        }
    }

    /** Limit each direction of each connection to {@code bytesPerSecond}. */
    record Throttle(long bytesPerSecond, Optional<Duration> duration) implements Fault {
        public Throttle {
            if (bytesPerSecond <= 0) {
                throw new IllegalArgumentException("throttle rate must be positive: " + bytesPerSecond);
            }
            duration = positive(duration);
        }

        @Override
        public String kind() {
            return "throttle";
        }

        @Override
        public String describe() {
            return "throttle " + bytesPerSecond + " B/s" + duration.map(d -> " for " + FaultSyntax.format(d)).orElse("");
        }
    }

    /** Close new connections as soon as they are accepted, with a reset; existing ones keep working. */
    record Refuse(Optional<Duration> duration) implements Fault {
        public Refuse {
            duration = positive(duration);
        }

        @Override
        public String kind() {
            return "refuse";
        }
    }

    private static Optional<Duration> positive(Optional<Duration> duration) {
        Objects.requireNonNull(duration, "duration");
        duration.ifPresent(d -> {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("duration must be positive: " + d);
            }
        });
        return duration;
    }
}
