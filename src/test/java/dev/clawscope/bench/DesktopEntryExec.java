package dev.clawscope.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a desktop entry's {@code Exec} key runs, read as a session's autostart does (the Desktop
 * Entry Specification, "The Exec key"): the value's string escapes first (backslash and
 * {@code s n t r} or a second backslash), then the arguments, split on unquoted blanks, a
 * double-quoted argument taking a backslash before {@code " ` $} or a backslash as that
 * character, and last the field codes: {@code %%} is a percent sign, the others expand to nothing
 * here (no files or URLs are passed).
 */
final class DesktopEntryExec {

    private DesktopEntryExec() {
    }

    /** The {@code Exec} value of the {@code [Desktop Entry]} group of a desktop file's text. */
    static Optional<String> execValue(String desktopFile) {
        boolean inEntry = false;
        for (String line : desktopFile.lines().toList()) {
            String trimmed = line.strip();
            if (trimmed.startsWith("[")) {
                inEntry = trimmed.equals("[Desktop Entry]");
            } else if (inEntry && trimmed.startsWith("Exec")) {
                String rest = trimmed.substring(4).stripLeading();
                if (rest.startsWith("=")) {
                    return Optional.of(rest.substring(1).strip());
                }
            }
        }
        return Optional.empty();
    }

    /** The program and its arguments an {@code Exec} value names. */
    static List<String> parse(String exec) {
        String value = unescapeString(exec);
        List<String> args = new ArrayList<>();
        StringBuilder arg = null;
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '"') {
                    quoted = false;
                } else if (c == '\\' && i + 1 < value.length() && "\"`$\\".indexOf(value.charAt(i + 1)) >= 0) {
                    arg.append(value.charAt(++i));
                } else {
                    arg.append(c);
                }
            } else if (c == ' ' || c == '\t') {
                if (arg != null) {
                    args.add(arg.toString());
                    arg = null;
                }
            } else {
                if (arg == null) {
                    arg = new StringBuilder();
                }
                if (c == '"') {
                    quoted = true;
                } else {
                    arg.append(c);
                }
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quote in Exec value: " + exec);
        }
        if (arg != null) {
            args.add(arg.toString());
        }
        List<String> expanded = new ArrayList<>();
        for (String a : args) {
            String e = fieldCodes(a);
            if (!(e.isEmpty() && !a.isEmpty())) {
                expanded.add(e); // an argument that was nothing but field codes goes away
            }
        }
        return expanded;
    }

    /** The string type's escapes of a desktop file value. */
    private static String unescapeString(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(i + 1);
                switch (next) {
                    case 's' -> out.append(' ');
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case '\\' -> out.append('\\');
                    default -> {
                        out.append(c);
                        continue;
                    }
                }
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code %%} to a percent sign; every other field code to nothing. */
    private static String fieldCodes(String arg) {
        StringBuilder out = new StringBuilder(arg.length());
        for (int i = 0; i < arg.length(); i++) {
            char c = arg.charAt(i);
            if (c == '%' && i + 1 < arg.length()) {
                if (arg.charAt(++i) == '%') {
                    out.append('%');
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
