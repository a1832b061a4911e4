package dev.clawscope.protocol;

import com.google.gson.JsonElement;

/**
 * A {@code res} frame: {@code ok} with an optional {@code payload}, or not {@code ok} with an
 * {@code error}. {@code payload} is {@code null} when absent and {@link com.google.gson.JsonNull}
 * when the wire carried {@code "payload":null}. The payload can be as large as the frame cap, so it
 * is not copied: treat it as read-only.
 */
public record ResponseFrame(String id, boolean ok, JsonElement payload, GatewayError error)
        implements Frame {

    public static final String TYPE = "res";

    /** A successful response. */
    public static ResponseFrame success(String id, JsonElement payload) {
        return new ResponseFrame(id, true, payload, null);
    }

    /** A failed response. */
    public static ResponseFrame failure(String id, GatewayError error) {
        return new ResponseFrame(id, false, null, error);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** Payloads (hello-ok carries a device token) are summarised, never printed. */
    @Override
    public String toString() {
        return "ResponseFrame[id=" + id + ", ok=" + ok
                + (payload == null ? "" : ", payload=<" + FieldReader.typeName(payload) + ">")
                + (error == null ? "" : ", error=" + error) + "]";
    }
}
