package dev.clawscope.protocol;

import java.util.Optional;

/**
 * The {@code shutdown} event sent before the gateway closes every socket with 1012. Only {@code
 * restartExpectedMs} tells a restart ({@code "gateway restarting"}) from a stop; it is kept as sent
 * (any sign, saturated to the long range) for the client to judge.
 */
public record ShutdownNotice(String reason, Long restartExpectedMs) {

    public static final String EVENT = "shutdown";

    /** Reads the notice from its event; {@code reason} is required, {@code restartExpectedMs} optional. */
    public static PayloadResult<ShutdownNotice> from(EventFrame frame) {
        return FieldReader.eventPayload(frame, EVENT, payload -> new ShutdownNotice(
                payload.string("reason"), payload.optSaturatedLong("restartExpectedMs")));
    }

    /** How long the gateway expects to be away, when it announced a restart. */
    public Optional<Long> restartExpected() {
        return Optional.ofNullable(restartExpectedMs);
    }
}
