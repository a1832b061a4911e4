package dev.clawscope.link;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The backoff policies selectable by name: paced jitter (the default), full jitter (the default before
 * it) and two presets that emulate other clients, for comparison.
 */
public final class BackoffPolicies {

    private static final List<BackoffPolicy> ALL = List.of(
            new PacedJitterBackoff(), new FullJitterBackoff(), new OpenClawReferenceBackoff(), new WindowsTrayBackoff());
    private static final Map<String, BackoffPolicy> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(BackoffPolicy::name, Function.identity()));

    private BackoffPolicies() {
    }

    /** Paced jitter with its default timings. */
    public static BackoffPolicy defaultPolicy() {
        return ALL.get(0);
    }

    /** The names, default first. */
    public static List<String> names() {
        return ALL.stream().map(BackoffPolicy::name).collect(Collectors.toUnmodifiableList());
    }

    /** Looks a policy up by name, ignoring case and surrounding blanks. */
    public static Optional<BackoffPolicy> byName(String name) {
        Objects.requireNonNull(name, "name");
        return Optional.ofNullable(BY_NAME.get(name.strip().toLowerCase(Locale.ROOT)));
    }

    /** Like {@link #byName}, but an unknown name is an error that lists the known ones. */
    public static BackoffPolicy require(String name) {
        return byName(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown backoff policy \"" + name + "\"; known policies: " + String.join(", ", names())));
    }
}
