package dev.clawscope.protocol;

import com.google.gson.JsonElement;

/**
 * An {@code event} frame. {@code payload}, {@code seq} and {@code stateVersion} are {@code null}
 * when absent. {@code seq} is per connection and absent on the pre-auth {@code connect.challenge}.
 * The payload is not copied: treat it as read-only.
 */
public record EventFrame(String event, JsonElement payload, Long seq, StateVersion stateVersion)
        implements Frame {

    public static final String TYPE = "event";

    /** An event without {@code seq} or {@code stateVersion}. */
    public static EventFrame of(String event, JsonElement payload) {
        return new EventFrame(event, payload, null, null);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** The challenge payload carries a nonce, so payloads are summarised, never printed. */
    @Override
    public String toString() {
        return "EventFrame[event=" + event
                + (payload == null ? "" : ", payload=<" + FieldReader.typeName(payload) + ">")
                + (seq == null ? "" : ", seq=" + seq)
                + (stateVersion == null ? "" : ", stateVersion=" + stateVersion) + "]";
    }
}
