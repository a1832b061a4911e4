package dev.clawscope.journal;

import java.util.function.UnaryOperator;

/**
 * Redacts one JSON object line in a single pass over its text: keys keep their order, numbers
 * their spelling, and a string that no rule changes is copied as it was written, so a journal line
 * stays a journal line and a clean line comes out byte for byte. Parsing is strict (RFC 8259, at
 * most {@link #MAX_DEPTH} levels): anything that is not exactly one JSON object is replaced whole,
 * and output is built aside and returned only once the whole line has parsed. A key that appears
 * twice is written twice, as read.
 */
final class JsonRedaction {

    /** What an unparseable line becomes: never the line itself. */
    static final String UNPARSEABLE = "{\"type\":\"redacted_line\",\"reason\":\"unparseable\"}";
    static final int MAX_DEPTH = 255;
    private static final String BOM = "\uFEFF";

    private final UnaryOperator<String> text;
    private final Pseudonyms pseudonyms;

    JsonRedaction(UnaryOperator<String> text, Pseudonyms pseudonyms) {
        this.text = text;
        this.pseudonyms = pseudonyms;
    }

    String redact(String line) {
        Pass pass = new Pass(line, line.startsWith(BOM) ? 1 : 0, line.length() + 16);
        try {
            pass.skipSpace();
            if (pass.peek() != '{') {
                return UNPARSEABLE;
            }
            pass.object(0);
            pass.skipSpace();
            return pass.pos == line.length() ? pass.out.toString() : UNPARSEABLE;
        } catch (Malformed e) {
            return UNPARSEABLE;
        }
    }

    /** One line's parse and output. */
    private final class Pass {
        final String s;
        final StringBuilder out;
        int pos;
        /** The last string read; {@link #rawStart}..{@link #pos} is its quoted text. */
        String value;
        int rawStart;
        boolean needsQuoting;

        Pass(String s, int start, int capacity) {
            this.s = s;
            this.pos = start;
            this.out = new StringBuilder(capacity);
        }

        void object(int depth) throws Malformed {
            if (depth >= MAX_DEPTH) {
                throw Malformed.INSTANCE;
            }
            pos++; // '{'
            out.append('{');
            skipSpace();
            if (peek() == '}') {
                pos++;
                out.append('}');
                return;
            }
            while (true) {
                skipSpace();
                if (peek() != '"') {
                    throw Malformed.INSTANCE;
                }
                string();
                String key = value;
                // Keys are redacted too: a map keyed by token must not keep the token.
                writeString(text.apply(key));
                skipSpace();
                expect(':');
                out.append(':');
                skipSpace();
                KeyKind kind = KeyKind.of(key);
                if (kind.secret() && !s.startsWith("null", pos)) {
                    int mark = out.length();
                    value(depth + 1, null);
                    out.setLength(mark);
                    JsonLine.quote(out, TextRedaction.REDACTED);
                } else {
                    value(depth + 1, kind.pseudonym());
                }
                skipSpace();
                char c = next();
                if (c == '}') {
                    out.append('}');
                    return;
                }
                if (c != ',') {
                    throw Malformed.INSTANCE;
                }
                out.append(',');
            }
        }

        void array(int depth, String pseudonym) throws Malformed {
            if (depth >= MAX_DEPTH) {
                throw Malformed.INSTANCE;
            }
            pos++; // '['
            out.append('[');
            skipSpace();
            if (peek() == ']') {
                pos++;
                out.append(']');
                return;
            }
            while (true) {
                skipSpace();
                value(depth + 1, pseudonym);
                skipSpace();
                char c = next();
                if (c == ']') {
                    out.append(']');
                    return;
                }
                if (c != ',') {
                    throw Malformed.INSTANCE;
                }
                out.append(',');
            }
        }

        /** {@code pseudonym} is the prefix when the value sits under an id key, else {@code null}. */
        void value(int depth, String pseudonym) throws Malformed {
            char c = peek();
            switch (c) {
                case '{' -> object(depth);
                case '[' -> array(depth, pseudonym);
                case '"' -> {
                    string();
                    writeString(pseudonym != null ? pseudonyms.of(pseudonym, value) : text.apply(value));
                }
                case 't' -> literal("true");
                case 'f' -> literal("false");
                case 'n' -> literal("null");
                default -> number();
            }
        }

        /** Copies the string as written when unchanged and already escaped the journal's way. */
        void writeString(String redacted) {
            if (!needsQuoting && redacted.equals(value)) {
                out.append(s, rawStart, pos);
            } else {
                JsonLine.quote(out, redacted);
            }
        }

        void string() throws Malformed {
            rawStart = pos;
            int start = ++pos;
            needsQuoting = false;
            StringBuilder decoded = null;
            int n = s.length();
            while (true) {
                if (pos >= n) {
                    throw Malformed.INSTANCE;
                }
                char c = s.charAt(pos);
                if (c == '"') {
                    value = decoded == null ? s.substring(start, pos) : decoded.append(s, start, pos).toString();
                    pos++;
                    return;
                }
                if (c < 0x20) {
                    throw Malformed.INSTANCE;
                }
                if (c == '\\') {
                    if (decoded == null) {
                        decoded = new StringBuilder(pos - start + 16);
                    }
                    decoded.append(s, start, pos);
                    decoded.append(escape());
                    start = pos;
                    needsQuoting = true;
                    continue;
                }
                if (c >= 0x7f && (c <= 0x9f || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c))) {
                    needsQuoting = true;
                }
                pos++;
            }
        }

        private char escape() throws Malformed {
            pos++; // '\'
            char c = next();
            switch (c) {
                case '"', '\\', '/' -> {
                    return c;
                }
                case 'b' -> {
                    return '\b';
                }
                case 'f' -> {
                    return '\f';
                }
                case 'n' -> {
                    return '\n';
                }
                case 'r' -> {
                    return '\r';
                }
                case 't' -> {
                    return '\t';
                }
                case 'u' -> {
                    if (pos + 4 > s.length()) {
                        throw Malformed.INSTANCE;
                    }
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int digit = Character.digit(s.charAt(pos++), 16);
                        if (digit < 0) {
                            throw Malformed.INSTANCE;
                        }
                        code = code << 4 | digit;
                    }
                    return (char) code;
                }
                default -> throw Malformed.INSTANCE;
            }
        }

        /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}, copied as written. */
        void number() throws Malformed {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
            } else if (digits() == 0) {
                throw Malformed.INSTANCE;
            }
            if (peek() == '.') {
                pos++;
                if (digits() == 0) {
                    throw Malformed.INSTANCE;
                }
            }
            if (peek() == 'e' || peek() == 'E') {
                pos++;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                if (digits() == 0) {
                    throw Malformed.INSTANCE;
                }
            }
            out.append(s, start, pos);
        }

        private int digits() {
            int start = pos;
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                pos++;
            }
            return pos - start;
        }

        void literal(String word) throws Malformed {
            if (!s.startsWith(word, pos)) {
                throw Malformed.INSTANCE;
            }
            pos += word.length();
            out.append(word);
        }

        void skipSpace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        char next() throws Malformed {
            if (pos >= s.length()) {
                throw Malformed.INSTANCE;
            }
            return s.charAt(pos++);
        }

        void expect(char c) throws Malformed {
            if (next() != c) {
                throw Malformed.INSTANCE;
            }
        }
    }

    /** The line is not one strict JSON object; thrown without a stack trace, it is only a signal. */
    private static final class Malformed extends Exception {
        static final Malformed INSTANCE = new Malformed();

        private Malformed() {
            super("malformed JSON line", null, false, false);
        }
    }
}
