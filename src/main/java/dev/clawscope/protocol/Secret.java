package dev.clawscope.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A credential (token, password, device token) that never shows itself in {@link #toString()}.
 * Call {@link #reveal()} only at the point where the value goes onto the wire.
 */
public final class Secret {

    private static final String REDACTED = "Secret[redacted]";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** Wraps a non-null value (an empty string is allowed; the gateway schema allows it). */
    public static Secret of(String value) {
        return new Secret(Objects.requireNonNull(value, "secret value"));
    }

    /** Null in, null out: convenience for optional credentials. */
    public static Secret ofNullable(String value) {
        return value == null ? null : new Secret(value);
    }

    /** The plain value; do not log it. */
    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    /** Compares without an early exit on the first differing byte. */
    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Secret)) {
            return false;
        }
        return MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8),
                ((Secret) other).value.getBytes(StandardCharsets.UTF_8));
    }

    /** Constant, so the hash reveals nothing about the value. */
    @Override
    public int hashCode() {
        return 0x5ec7e7;
    }

    @Override
    public String toString() {
        return REDACTED;
    }
}
