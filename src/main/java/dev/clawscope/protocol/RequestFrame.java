package dev.clawscope.protocol;

import com.google.gson.JsonObject;

/**
 * A {@code req} frame. {@code params} may be {@code null}, in which case it is omitted on the
 * wire. The params tree is copied on construction, so later changes to the caller's object do not
 * leak into the frame.
 */
public record RequestFrame(String id, String method, JsonObject params) implements Frame {

    public static final String TYPE = "req";

    public RequestFrame {
        params = params == null ? null : params.deepCopy();
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** Request ids and methods are not secret, but params may be (connect carries credentials). */
    @Override
    public String toString() {
        return "RequestFrame[id=" + id + ", method=" + method
                + (params == null ? "" : ", params=<" + params.size() + " fields>") + "]";
    }
}
