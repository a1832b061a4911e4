package dev.clawscope.journal;

import java.math.BigDecimal;
import java.util.List;

/**
 * Builds one JSON object on one line, members in call order. Strings escape every control
 * character (C0, DEL and C1), U+2028/U+2029 and lone surrogates, so a line is valid UTF-8, never
 * breaks across lines and is safe to print on a terminal.
 */
final class JsonLine {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out = new StringBuilder(160).append('{');
    private boolean empty = true;

    JsonLine add(String name, String value) {
        name(name);
        string(value);
        return this;
    }

    JsonLine add(String name, long value) {
        name(name);
        out.append(value);
        return this;
    }

    /** Plain decimal with at least one fraction digit ({@code 12.0}, {@code 10000000000.0}), never an exponent. */
    JsonLine add(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " is not finite: " + value);
        }
        name(name);
        BigDecimal decimal = BigDecimal.valueOf(value).stripTrailingZeros();
        out.append((decimal.scale() > 0 ? decimal : decimal.setScale(1)).toPlainString());
        return this;
    }

    JsonLine add(String name, boolean value) {
        name(name);
        out.append(value);
        return this;
    }

    JsonLine add(String name, List<String> values) {
        name(name);
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            string(values.get(i));
        }
        out.append(']');
        return this;
    }

    String end() {
        return out.append('}').toString();
    }

    private void name(String name) {
        if (!empty) {
            out.append(',');
        }
        empty = false;
        string(name);
        out.append(':');
    }

    private void string(String value) {
        quote(out, value);
    }

    /** Appends {@code value} as a JSON string, escaped as described above. */
    static void quote(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        out.append(c).append(value.charAt(++i));
                    } else if (Character.isISOControl(c) || Character.isSurrogate(c)
                            || c == '\u2028' || c == '\u2029') {
                        unicodeEscape(out, c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void unicodeEscape(StringBuilder out, char c) {
        out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
    }
}
