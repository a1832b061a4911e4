package dev.clawscope.protocol;

/** The {@code stateVersion} counters the gateway attaches to presence and health state. */
public record StateVersion(long presence, long health) {
}
