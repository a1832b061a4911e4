package dev.clawscope.session;

import dev.clawscope.link.LinkConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * The liveness and backoff settings a session's link runs with. The demo uses short ones so a
 * fault shows on the timeline within seconds; a real gateway gets the link's defaults.
 */
public record LinkTuning(Duration wsPing, Duration pongDeadline, Duration probeInterval, String backoff) {

    public LinkTuning {
        Objects.requireNonNull(wsPing, "wsPing");
        Objects.requireNonNull(pongDeadline, "pongDeadline");
        Objects.requireNonNull(probeInterval, "probeInterval");
        Objects.requireNonNull(backoff, "backoff");
    }

    /**
     * The link's own defaults: ping every 5 s, pong deadline at least 5 s (3 x the largest recent
     * round trip when that is longer, up to 30 s), health every 60 s.
     */
    public static LinkTuning defaults() {
        return new LinkTuning(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(60), "paced-jitter");
    }

    /** For the demo simulator: ping 5 s, pong deadline at least 3 s, health every 10 s. */
    public static LinkTuning demo() {
        return new LinkTuning(Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(10), "paced-jitter");
    }

    LinkConfig apply(LinkConfig config) {
        return config.withWsPing(wsPing, pongDeadline).withProbe("health", probeInterval).withBackoff(backoff);
    }
}
