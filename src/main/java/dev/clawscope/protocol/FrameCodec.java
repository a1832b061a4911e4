package dev.clawscope.protocol;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes gateway frames. Immutable and thread-safe.
 *
 * <p>The reader is strict about syntax (RFC 8259: no comments, unquoted keys, trailing data) and
 * about the types of known fields, tolerant about everything else (unknown fields are ignored,
 * optional fields may be absent or {@code null}). It never throws: bad input becomes a {@link
 * DecodeFailure} whose message names at most a field and its JSON type. The size cap is checked
 * before parsing; nesting is limited to Gson's default of 255 levels.
 */
public final class FrameCodec {

    /** The gateway's post-handshake frame limit, {@code hello-ok.policy.maxPayload} (25 MiB). */
    public static final long DEFAULT_MAX_BYTES = 26_214_400L;

    private static final TypeAdapter<JsonElement> TREES = new Gson().getAdapter(JsonElement.class);
    private static final Pattern POSITION = Pattern.compile("at line (\\d+) column (\\d+)");

    private final long maxBytes;

    /** A codec with the {@link #DEFAULT_MAX_BYTES} cap. */
    public FrameCodec() {
        this(DEFAULT_MAX_BYTES);
    }

    /** A codec that rejects frames larger than {@code maxBytes} bytes of UTF-8. */
    public FrameCodec(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Decodes one text frame. */
    public DecodeResult decode(String text) {
        if (text == null) {
            return notJson("no frame (null)");
        }
        if (!fitsUtf8(text, maxBytes)) {
            return new DecodeFailure(DecodeFailure.Kind.TOO_LARGE,
                    "frame exceeds the " + maxBytes + "-byte limit");
        }
        return parse(new StringReader(text));
    }

    /** Decodes one frame given as UTF-8 bytes; malformed UTF-8 is {@link DecodeFailure.Kind#NOT_JSON}. */
    public DecodeResult decode(byte[] utf8) {
        if (utf8 == null) {
            return notJson("no frame (null)");
        }
        if (utf8.length > maxBytes) {
            return new DecodeFailure(DecodeFailure.Kind.TOO_LARGE,
                    "frame is " + utf8.length + " bytes, over the " + maxBytes + "-byte limit");
        }
        return parse(new InputStreamReader(new ByteArrayInputStream(utf8), StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)));
    }

    /**
     * Writes a frame as compact JSON with exactly its known fields, {@code type} first.
     *
     * @throws IllegalArgumentException if the frame breaks the protocol: blank id, method, event
     *     or error code; {@code ok=true} with an error or {@code ok=false} without one; a negative
     *     {@code seq}, {@code stateVersion} or {@code retryAfterMs}; a non-finite number in a payload
     */
    public String encode(Frame frame) {
        Objects.requireNonNull(frame, "frame");
        return FrameWriter.write(frame);
    }

    private static DecodeResult parse(Reader source) {
        JsonElement root;
        try {
            JsonReader reader = new JsonReader(source);
            reader.setStrictness(Strictness.STRICT);
            root = TREES.read(reader);
            if (!atEnd(reader)) {
                return notJson("trailing data after the JSON value");
            }
        } catch (CharacterCodingException e) {
            return notJson("not valid UTF-8");
        } catch (EOFException e) {
            return notJson("input is empty or ends before the JSON value is complete");
        } catch (MalformedJsonException e) {
            return notJson(syntaxError(e));
        } catch (IOException | RuntimeException | StackOverflowError e) {
            return notJson("unreadable JSON");
        }
        if (!root.isJsonObject()) {
            return new DecodeFailure(DecodeFailure.Kind.NOT_OBJECT,
                    "frame is a JSON " + FieldReader.typeName(root) + ", not an object");
        }
        try {
            return new Decoded(FrameReader.read(root.getAsJsonObject()));
        } catch (FieldException e) {
            return new DecodeFailure(kindOf(e), e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            return notJson("unreadable JSON");
        }
    }

    private static boolean atEnd(JsonReader reader) throws IOException {
        try {
            return reader.peek() == JsonToken.END_DOCUMENT;
        } catch (MalformedJsonException e) {
            return false; // strict mode refuses a second top-level value
        }
    }

    private static DecodeFailure.Kind kindOf(FieldException e) {
        if (e.field().equals("type")) {
            return switch (e.problem()) {
                case MISSING -> DecodeFailure.Kind.MISSING_TYPE;
                case WRONG_TYPE -> DecodeFailure.Kind.WRONG_TYPE;
                case WRONG_VALUE -> DecodeFailure.Kind.UNKNOWN_TYPE;
            };
        }
        return e.problem() == FieldProblem.MISSING
                ? DecodeFailure.Kind.MISSING_FIELD : DecodeFailure.Kind.WRONG_TYPE;
    }

    /** Gson's messages can quote input (e.g. a bad escape), so only the position is kept. */
    private static String syntaxError(MalformedJsonException e) {
        String text = String.valueOf(e.getMessage());
        if (text.startsWith("Nesting limit")) {
            return "JSON nested too deeply";
        }
        Matcher at = POSITION.matcher(text);
        return at.find()
                ? "JSON syntax error at line " + at.group(1) + " column " + at.group(2)
                : "JSON syntax error";
    }

    private static DecodeFailure notJson(String reason) {
        return new DecodeFailure(DecodeFailure.Kind.NOT_JSON, "not JSON: " + reason);
    }

    /** Whether {@code text} encodes to at most {@code limit} UTF-8 bytes; counts only when unsure. */
    static boolean fitsUtf8(String text, long limit) {
        int length = text.length();
        if (length > limit) {
            return false; // every char is at least one byte
        }
        if ((long) length * 3 <= limit) {
            return true; // no char is more than three bytes (a surrogate pair is four for two chars)
        }
        long bytes = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < length
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
            if (bytes > limit) {
                return false;
            }
        }
        return true;
    }
}
