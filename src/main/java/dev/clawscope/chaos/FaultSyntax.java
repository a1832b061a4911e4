package dev.clawscope.chaos;

import dev.clawscope.chaos.FaultParseResult.Parsed;
import dev.clawscope.chaos.FaultParseResult.Rejected;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text form of faults: {@code blackhole 30s}, {@code delay 2000}, {@code delay 0-2000},
 * {@code throttle 1024 10s}, {@code heal}.
 */
final class FaultSyntax {

    /** What a person may type, shown in errors and in {@code proxy --help}. */
    static final String FORMS =
            "pass, blackhole [DURATION], reset, delay MS|MIN-MAX [DURATION], throttle BYTES_PER_S [DURATION], "
                    + "refuse [DURATION], heal";

    private static final Pattern AMOUNT = Pattern.compile("(\\d{1,9})(ms|s|m|h)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern RATE = Pattern.compile("\\d{1,12}");
    private static final Duration LONGEST = Duration.ofHours(24);

    private FaultSyntax() {
    }

    static FaultParseResult parse(String command) {
        if (command == null || command.isBlank()) {
            return new Rejected("empty fault; use one of: " + FORMS);
        }
        String[] words = command.trim().split("\\s+");
        String kind = words[0].toLowerCase(Locale.ROOT);
        List<String> args = Arrays.asList(words).subList(1, words.length);
        try {
            return new Parsed(switch (kind) {
                case "pass" -> noArguments(kind, args, new Fault.Pass());
                case "heal" -> noArguments(kind, args, new Fault.Heal());
                case "reset" -> noArguments(kind, args, new Fault.Reset());
                case "blackhole" -> new Fault.Blackhole(optionalDuration(kind, args, 0));
                case "refuse" -> new Fault.Refuse(optionalDuration(kind, args, 0));
                case "delay" -> delay(args);
                case "throttle" -> throttle(args);
                default -> throw new Malformed("unknown fault '" + words[0] + "'; use one of: " + FORMS);
            });
        } catch (Malformed e) {
            return new Rejected(e.getMessage());
        }
    }

    /** The shortest exact form of a duration: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis != 0 && millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis != 0 && millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }

    private static Fault noArguments(String kind, List<String> args, Fault fault) {
        if (!args.isEmpty()) {
            throw new Malformed(kind + " takes no argument, got '" + String.join(" ", args) + "'");
        }
        return fault;
    }

    private static Fault delay(List<String> args) {
        if (args.isEmpty() || args.size() > 2) {
            throw new Malformed("delay needs a duration in ms, e.g. delay 2000, or a range drawn per chunk, e.g."
                    + " delay 0-2000 (optionally for how long: delay 2000 30s)");
        }
        String text = args.get(0);
        if (text.startsWith("-")) {
            throw new Malformed("delay must not be negative, got '" + text + "'; use e.g. delay 2000 or delay 0-2000");
        }
        String usage = "bad delay '" + text + "'; use a duration in ms, e.g. delay 2000, or a range drawn per chunk,"
                + " e.g. delay 0-2000 (units work too: delay 500ms-2s)";
        int dash = text.indexOf('-');
        if (dash < 0) {
            return new Fault.Delay(amount(text, ChronoUnit.MILLIS, usage).toMillis(), optionalDuration("delay", args, 1));
        }
        long min = amount(text.substring(0, dash), ChronoUnit.MILLIS, usage).toMillis();
        long max = amount(text.substring(dash + 1), ChronoUnit.MILLIS, usage).toMillis();
        if (max < min) {
            throw new Malformed("delay range '" + text + "' goes down; the shorter delay comes first, e.g. delay "
                    + max + "-" + min);
        }
        return new Fault.Delay(min, max, optionalDuration("delay", args, 1));
    }

    private static Fault throttle(List<String> args) {
        String usage = "throttle needs a rate in bytes per second, e.g. throttle 1024";
        if (args.isEmpty() || args.size() > 2 || !RATE.matcher(args.get(0)).matches()) {
            throw new Malformed(usage + " (optionally for how long: throttle 1024 30s)");
        }
        long rate = Long.parseLong(args.get(0));
        if (rate == 0) {
            throw new Malformed("throttle needs a positive rate, e.g. throttle 1024");
        }
        return new Fault.Throttle(rate, optionalDuration("throttle", args, 1));
    }

    /** The optional last argument at {@code index}: how long a mode lasts, a bare number meaning seconds. */
    private static Optional<Duration> optionalDuration(String kind, List<String> args, int index) {
        if (args.size() > index + 1) {
            throw new Malformed(kind + " takes at most one duration, e.g. " + kind + example(kind) + " 30s");
        }
        if (args.size() == index) {
            return Optional.empty();
        }
        String usage = "bad duration '" + args.get(index) + "' for " + kind + "; use e.g. 500ms, 30s, 2m (a bare number is seconds)";
        Duration duration = amount(args.get(index), ChronoUnit.SECONDS, usage);
        if (duration.isZero()) {
            throw new Malformed(kind + " duration must be positive, got '" + args.get(index) + "'");
        }
        return Optional.of(duration);
    }

    private static String example(String kind) {
        return switch (kind) {
            case "delay" -> " 2000";
            case "throttle" -> " 1024";
            default -> "";
        };
    }

    private static Duration amount(String text, ChronoUnit bareUnit, String usage) {
        Matcher m = AMOUNT.matcher(text);
        if (!m.matches()) {
            throw new Malformed(usage);
        }
        long value = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
        Duration duration = switch (unit) {
            case "ms" -> Duration.ofMillis(value);
            case "s" -> Duration.ofSeconds(value);
            case "m" -> Duration.ofMinutes(value);
            case "h" -> Duration.ofHours(value);
            default -> Duration.of(value, bareUnit);
        };
        if (duration.compareTo(LONGEST) > 0) {
            throw new Malformed("'" + text + "' is too long; at most " + format(LONGEST));
        }
        return duration;
    }

    /** Carries a message for the person who typed the command; never escapes this class. */
    private static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }
}
