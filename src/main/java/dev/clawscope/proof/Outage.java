package dev.clawscope.proof;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A period from leaving {@code connected} (not by the user's own disconnect or dispose) until the
 * next {@code connected}.
 *
 * @param startMs          mono time the link left {@code connected}
 * @param endMs            mono time it was {@code connected} again; empty when it never was
 * @param cause            why it went down, e.g. {@code liveness timeout (pong)} or {@code closed 1012 "restart"}
 * @param detectedAfterMs  for a liveness timeout, the silence before the link gave up; empty otherwise
 * @param recoveredAfterMs from going down until {@code hello_ok}; empty when it never recovered
 * @param attempts         connect attempts made while down
 */
public record Outage(double startMs, OptionalDouble endMs, String cause, OptionalLong detectedAfterMs,
        OptionalDouble recoveredAfterMs, int attempts) {

    public Outage {
        Objects.requireNonNull(endMs, "endMs");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(detectedAfterMs, "detectedAfterMs");
        Objects.requireNonNull(recoveredAfterMs, "recoveredAfterMs");
    }

    public boolean recovered() {
        return recoveredAfterMs.isPresent();
    }
}
