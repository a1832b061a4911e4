package dev.clawscope.watch;

import java.util.Objects;

/**
 * A watch config that cannot be used: where (file, line, field) and why, in words meant for the
 * person who wrote it. Never holds a token's text.
 */
public final class WatchConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String field;

    /**
     * @param file  the config as named on the command line
     * @param line  1-based line of the offending value, 0 when the whole file is at fault
     * @param field the field's path, e.g. {@code gateways[1].url}; empty for the whole file
     */
    public WatchConfigException(String file, int line, String field, String reason) {
        super(format(file, line, field, reason));
        this.file = Objects.requireNonNull(file, "file");
        this.line = line;
        this.field = Objects.requireNonNull(field, "field");
    }

    private static String format(String file, int line, String field, String reason) {
        StringBuilder text = new StringBuilder(file);
        if (line > 0) {
            text.append(':').append(line);
        }
        text.append(": ");
        if (!field.isEmpty()) {
            text.append(field).append(": ");
        }
        return text.append(reason).toString();
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String field() {
        return field;
    }
}
