package dev.clawscope.protocol;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Turns a parsed JSON object into a {@link Frame}: known fields are type-checked, unknown fields
 * ignored, optional fields may be absent or {@code null}. Throws {@link FieldException} on the
 * first bad field.
 */
final class FrameReader {

    private FrameReader() {
    }

    static Frame read(JsonObject object) {
        FieldReader fields = FieldReader.root(object, "frame");
        if (!fields.has("type")) {
            throw FieldReader.missing("type");
        }
        String type = fields.string("type");
        return switch (type) {
            case RequestFrame.TYPE -> request(fields);
            case ResponseFrame.TYPE -> response(fields);
            case EventFrame.TYPE -> event(fields);
            default -> throw new FieldException(FieldProblem.WRONG_VALUE, "type",
                    "unknown frame type; expected req, res or event");
        };
    }

    private static RequestFrame request(FieldReader fields) {
        String id = fields.nonBlankString("id");
        String method = fields.nonBlankString("method");
        FieldReader params = fields.optObject("params");
        return new RequestFrame(id, method, params == null ? null : params.json());
    }

    private static ResponseFrame response(FieldReader fields) {
        String id = fields.nonBlankString("id");
        boolean ok = fields.bool("ok");
        JsonElement payload = fields.raw("payload");
        // an error member next to ok:true contradicts ok and is ignored, like any unknown field
        GatewayError error = ok ? null : error(fields.object("error"));
        return new ResponseFrame(id, ok, payload, error);
    }

    private static GatewayError error(FieldReader error) {
        return new GatewayError(
                error.nonBlankString("code"),
                error.string("message"),
                error.has("details") ? error.raw("details") : null,
                error.optBool("retryable"),
                error.optSaturatedLong("retryAfterMs"));
    }

    private static EventFrame event(FieldReader fields) {
        String event = fields.nonBlankString("event");
        JsonElement payload = fields.raw("payload");
        Long seq = fields.optNonNegativeLong("seq");
        FieldReader version = fields.optObject("stateVersion");
        StateVersion stateVersion = version == null ? null
                : new StateVersion(version.nonNegativeLong("presence"), version.nonNegativeLong("health"));
        return new EventFrame(event, payload, seq, stateVersion);
    }
}
