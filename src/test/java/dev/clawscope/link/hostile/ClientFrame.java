package dev.clawscope.link.hostile;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.clawscope.ws.Opcode;
import java.nio.charset.StandardCharsets;

/**
 * A frame the client sent, unmasked.
 *
 * @param declaredLength the length its header declared
 * @param payload        the payload (at most the reader's cap)
 */
public record ClientFrame(boolean fin, int rsv, int opcode, boolean masked, long declaredLength, byte[] payload) {

    public boolean isClose() {
        return opcode == Opcode.CLOSE;
    }

    /** The close code, 1005 for an empty close payload, -1 when this is no close frame. */
    public int closeCode() {
        if (!isClose()) {
            return -1;
        }
        return payload.length < 2 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
    }

    public String closeReason() {
        return isClose() && payload.length > 2
                ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
    }

    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** The JSON object of a text frame, or null when it is none. */
    public JsonObject json() {
        if (opcode != Opcode.TEXT) {
            return null;
        }
        try {
            JsonElement parsed = JsonParser.parseString(text());
            return parsed.isJsonObject() ? parsed.getAsJsonObject() : null;
        } catch (JsonParseException e) {
            return null;
        }
    }

    /** The method of a {@code req} text frame, or null. */
    public String method() {
        JsonObject json = json();
        if (json == null || !json.has("type") || !"req".equals(json.get("type").getAsString()) || !json.has("method")) {
            return null;
        }
        return json.get("method").getAsString();
    }

    /** The id of a {@code req} text frame, or null. */
    public String requestId() {
        return method() == null ? null : json().get("id").getAsString();
    }

    @Override
    public String toString() {
        return "ClientFrame[op=" + opcode + ", fin=" + fin + ", masked=" + masked + ", length=" + declaredLength
                + (isClose() ? ", close=" + closeCode() + " " + closeReason() : "")
                + (method() != null ? ", method=" + method() : "") + "]";
    }
}
