package dev.clawscope.session;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import java.io.StringReader;

/**
 * Reads the JSON5 that OpenClaw's config file is written in: Gson's lenient reader takes comments,
 * unquoted keys and single quotes; trailing commas, which it would read as nulls or reject, are
 * dropped first.
 */
final class Json5 {

    private Json5() {
    }

    static JsonElement parse(String text) {
        JsonReader reader = new JsonReader(new StringReader(withoutTrailingCommas(text)));
        reader.setStrictness(Strictness.LENIENT);
        try {
            return JsonParser.parseReader(reader);
        } catch (JsonParseException | StackOverflowError e) {
            throw new JsonParseException("not valid JSON5: " + message(e), e);
        }
    }

    private static String message(Throwable e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /** Removes a comma whose next meaningful character closes an object or array. */
    static String withoutTrailingCommas(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                int end = endOfString(text, i);
                out.append(text, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && (text.charAt(i + 1) == '/' || text.charAt(i + 1) == '*')) {
                int end = endOfComment(text, i);
                out.append(text, i, end);
                i = end;
            } else if (c == ',' && closesNext(text, i + 1)) {
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int endOfString(String text, int start) {
        char quote = text.charAt(start);
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        return text.length();
    }

    private static int endOfComment(String text, int start) {
        if (text.charAt(start + 1) == '/') {
            int eol = text.indexOf('\n', start);
            return eol < 0 ? text.length() : eol;
        }
        int close = text.indexOf("*/", start + 2);
        return close < 0 ? text.length() : close + 2;
    }

    private static boolean closesNext(String text, int from) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 1 < text.length() && (text.charAt(i + 1) == '/' || text.charAt(i + 1) == '*')) {
                i = endOfComment(text, i);
            } else {
                return c == '}' || c == ']';
            }
        }
        return false;
    }
}
