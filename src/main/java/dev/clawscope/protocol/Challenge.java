package dev.clawscope.protocol;

import com.google.gson.JsonObject;
import java.util.Objects;

/**
 * The pre-auth {@code connect.challenge}: the {@code nonce} to echo in {@code device.nonce} and
 * the server time {@code ts} (ms) to use as {@code device.signedAt}. The nonce is never printed.
 */
public record Challenge(String nonce, long ts) {

    public static final String EVENT = "connect.challenge";

    public Challenge {
        Objects.requireNonNull(nonce, "nonce");
    }

    /**
     * Reads the challenge from its event. Rejects another event name, a missing or non-object
     * payload, a missing or blank nonce, and a missing, negative or non-integer ts.
     */
    public static PayloadResult<Challenge> from(EventFrame frame) {
        return FieldReader.eventPayload(frame, EVENT,
                payload -> new Challenge(payload.nonBlankString("nonce"), payload.nonNegativeLong("ts")));
    }

    /** The challenge as the {@code connect.challenge} event a gateway sends (for simulators and tests). */
    public EventFrame toEvent() {
        JsonObject payload = new JsonObject();
        payload.addProperty("nonce", nonce);
        payload.addProperty("ts", ts);
        return EventFrame.of(EVENT, payload);
    }

    @Override
    public String toString() {
        return "Challenge[nonce=<redacted>, ts=" + ts + "]";
    }
}
