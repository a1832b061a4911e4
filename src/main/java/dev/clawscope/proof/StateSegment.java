package dev.clawscope.proof;

import java.util.Objects;

/** The link stayed in {@code state} (journal spelling, e.g. {@code connected}) from {@code startMs} to {@code endMs}. */
public record StateSegment(String state, double startMs, double endMs) {

    public StateSegment {
        Objects.requireNonNull(state, "state");
        if (endMs < startMs) {
            throw new IllegalArgumentException("segment ends before it starts: " + startMs + " > " + endMs);
        }
    }

    public double durationMs() {
        return endMs - startMs;
    }
}
