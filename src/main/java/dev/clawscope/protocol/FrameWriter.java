package dev.clawscope.protocol;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Writes exactly the known fields of a frame, {@code type} first, in a fixed order; rejects
 * frames that break the protocol with {@link IllegalArgumentException}.
 */
final class FrameWriter {

    /** Keeps {@code null} members inside payloads and does not HTML-escape; thread-safe. */
    private static final Gson TREE_WRITER = new GsonBuilder()
            .serializeNulls()
            .disableHtmlEscaping()
            .setStrictness(Strictness.STRICT)
            .create();

    private FrameWriter() {
    }

    static String write(Frame frame) {
        StringWriter out = new StringWriter();
        try (JsonWriter json = new JsonWriter(out)) {
            json.setSerializeNulls(true);
            json.setHtmlSafe(false);
            json.setStrictness(Strictness.STRICT);
            json.beginObject();
            json.name("type").value(frame.type());
            if (frame instanceof RequestFrame request) {
                request(request, json);
            } else if (frame instanceof ResponseFrame response) {
                response(response, json);
            } else {
                event((EventFrame) frame, json);
            }
            json.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void request(RequestFrame frame, JsonWriter json) throws IOException {
        json.name("id").value(nonBlank(frame.id(), "id"));
        json.name("method").value(nonBlank(frame.method(), "method"));
        if (frame.params() != null) {
            json.name("params");
            tree(frame.params(), json);
        }
    }

    private static void response(ResponseFrame frame, JsonWriter json) throws IOException {
        if (frame.ok() && frame.error() != null) {
            throw new IllegalArgumentException("res frame with ok=true must not carry an error");
        }
        if (!frame.ok() && frame.error() == null) {
            throw new IllegalArgumentException("res frame with ok=false needs an error");
        }
        json.name("id").value(nonBlank(frame.id(), "id"));
        json.name("ok").value(frame.ok());
        if (frame.payload() != null) {
            json.name("payload");
            tree(frame.payload(), json);
        }
        if (frame.error() != null) {
            json.name("error");
            error(frame.error(), json);
        }
    }

    private static void error(GatewayError error, JsonWriter json) throws IOException {
        json.beginObject();
        json.name("code").value(nonBlank(error.code(), "error.code"));
        if (error.message() == null) {
            throw new IllegalArgumentException("error.message must not be null");
        }
        json.name("message").value(error.message());
        if (error.details() != null) {
            json.name("details");
            tree(error.details(), json);
        }
        if (error.retryable() != null) {
            json.name("retryable").value(error.retryable().booleanValue());
        }
        if (error.retryAfterMs() != null) {
            json.name("retryAfterMs").value(nonNegative(error.retryAfterMs(), "error.retryAfterMs"));
        }
        json.endObject();
    }

    private static void event(EventFrame frame, JsonWriter json) throws IOException {
        json.name("event").value(nonBlank(frame.event(), "event"));
        if (frame.payload() != null) {
            json.name("payload");
            tree(frame.payload(), json);
        }
        if (frame.seq() != null) {
            json.name("seq").value(nonNegative(frame.seq(), "seq"));
        }
        StateVersion version = frame.stateVersion();
        if (version != null) {
            json.name("stateVersion").beginObject()
                    .name("presence").value(nonNegative(version.presence(), "stateVersion.presence"))
                    .name("health").value(nonNegative(version.health(), "stateVersion.health"))
                    .endObject();
        }
    }

    private static void tree(JsonElement element, JsonWriter json) {
        TREE_WRITER.toJson(element, json);
    }

    private static String nonBlank(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must be a non-empty string");
        }
        return value;
    }

    private static long nonNegative(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be a non-negative integer");
        }
        return value;
    }
}
