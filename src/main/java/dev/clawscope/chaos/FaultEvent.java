package dev.clawscope.chaos;

import java.util.Objects;

/**
 * A change of the proxy's fault: {@code fault} was applied by a command, or its duration ran out
 * and the proxy went back to {@link Fault.Pass}.
 */
public record FaultEvent(Fault fault, Cause cause) {

    public FaultEvent {
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(cause, "cause");
    }

    /** Why the fault changed. */
    public enum Cause {
        /** {@code fault} was applied through {@link FaultProxy#apply}. */
        APPLIED,
        /** {@code fault}'s duration ran out; the proxy now passes traffic again. */
        EXPIRED
    }

    /** A line for a console, e.g. {@code fault applied: blackhole for 30s}. */
    public String describe() {
        return switch (cause) {
            case APPLIED -> "fault applied: " + fault.describe();
            case EXPIRED -> "fault expired: " + fault.describe() + ", back to pass";
        };
    }
}
