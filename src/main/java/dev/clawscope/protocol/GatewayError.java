package dev.clawscope.protocol;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Optional;

/**
 * The {@code error} of a failed {@code res} ({@code ErrorShape}). {@code details}, {@code
 * retryable} and {@code retryAfterMs} are {@code null} when absent; {@code details} is copied on
 * construction. {@code retryAfterMs} is kept as the gateway sent it (any sign, saturated to the
 * long range): the client holds it to a sane range itself.
 *
 * <p>Reconnect policy, relative to the reference client's pause set (protocol notes §5.1):
 *
 * <ul>
 *   <li>Every code of that pause set pauses, except {@code AUTH_RATE_LIMITED}: the gateway marks
 *       it {@code retryable} with a {@code retryAfterMs} (the lockout), so it is classified {@link
 *       ErrorClass#AUTH_RETRYABLE} and retried once that delay has passed. One attempt per lockout
 *       window cannot extend the lockout. Without {@code retryAfterMs} it pauses like the
 *       reference client.
 *   <li>{@code PAIRING_REQUIRED} pauses unless the details say {@code pauseReconnect:false} or
 *       {@code recommendedNextStep:"wait_then_retry"} ({@link #pairingRetryAllowed()}).
 *   <li>Beyond the reference set, every other {@code AUTH_*} code and every {@code DEVICE_AUTH_*}
 *       code also pauses (retrying with the same credentials or key repeats the failure), except
 *       {@code DEVICE_AUTH_SIGNATURE_EXPIRED}, which a fresh challenge fixes.
 *   <li>{@code AUTH_TOKEN_MISMATCH} pauses; the one-shot retry with a stored device token is the
 *       caller's decision ({@link #canRetryWithDeviceToken()}).
 * </ul>
 */
public record GatewayError(
        String code, String message, JsonElement details, Boolean retryable, Long retryAfterMs) {

    private static final String LEGACY_MISSING_SCOPE = "missing scope: ";
    private static final String LEGACY_UNKNOWN_METHOD = "unknown method: ";

    public GatewayError {
        details = details == null ? null : details.deepCopy();
    }

    /** An error with only code and message. */
    public static GatewayError of(String code, String message) {
        return new GatewayError(code, message, null, null, null);
    }

    /** {@code details.code} when details is an object with a string {@code code}. */
    public Optional<String> detailsCode() {
        return detailsString("code");
    }

    /** A string member of {@code details}, when details is an object and the member a string. */
    public Optional<String> detailsString(String name) {
        return detailsPrimitive(name).filter(JsonPrimitive::isString).map(JsonPrimitive::getAsString);
    }

    /** A boolean member of {@code details}, when details is an object and the member a boolean. */
    public Optional<Boolean> detailsBoolean(String name) {
        return detailsPrimitive(name).filter(JsonPrimitive::isBoolean).map(JsonPrimitive::getAsBoolean);
    }

    /** {@code details.requestId}: the pending pairing request to approve. */
    public Optional<String> requestId() {
        return detailsString("requestId");
    }

    /** {@code details.reason}, e.g. {@code not-paired}, {@code scope-upgrade}, {@code startup-sidecars}. */
    public Optional<String> reason() {
        return detailsString("reason");
    }

    /** {@code details.recommendedNextStep}, e.g. {@code update_auth_credentials}, {@code wait_then_retry}. */
    public Optional<String> recommendedNextStep() {
        return detailsString("recommendedNextStep");
    }

    /** The scope a {@code FORBIDDEN} lacked: {@code details.missingScope}, else the legacy message form. */
    public Optional<String> missingScope() {
        Optional<String> fromDetails = detailsCode().filter(ErrorClassifier.MISSING_SCOPE::equals)
                .flatMap(c -> detailsString("missingScope"));
        if (fromDetails.isPresent() || !"FORBIDDEN".equals(code)) {
            return fromDetails;
        }
        return afterPrefix(LEGACY_MISSING_SCOPE);
    }

    /** The method named by {@code INVALID_REQUEST "unknown method: X"}. */
    public Optional<String> unknownMethod() {
        return "INVALID_REQUEST".equals(code) && detailsCode().isEmpty()
                ? afterPrefix(LEGACY_UNKNOWN_METHOD) : Optional.empty();
    }

    /** Pairing is pending but the gateway asks the client to keep retrying (slowly). */
    public boolean pairingRetryAllowed() {
        return detailsBoolean("pauseReconnect").filter(pause -> !pause).isPresent()
                || recommendedNextStep().filter("wait_then_retry"::equals).isPresent();
    }

    /** {@code details.canRetryWithDeviceToken}: a stored device token may be tried once. */
    public boolean canRetryWithDeviceToken() {
        return detailsBoolean("canRetryWithDeviceToken").orElse(false);
    }

    /** The stored device token was rejected and should be deleted ({@code AUTH_DEVICE_TOKEN_MISMATCH}). */
    public boolean deviceTokenRejected() {
        return detailsCode().filter(ErrorClassifier.AUTH_DEVICE_TOKEN_MISMATCH::equals).isPresent();
    }

    /** {@code retryable} is present and true. */
    public boolean isRetryable() {
        return Boolean.TRUE.equals(retryable);
    }

    public ErrorClass classify() {
        return ErrorClassifier.classify(this);
    }

    /** Automatic reconnecting should stop until the user or an operator acts (see the class doc). */
    public boolean pausesReconnect() {
        return ErrorClassifier.pausesReconnect(this, classify());
    }

    /** The server-requested delay before the next attempt, when reconnecting does not pause. */
    public Optional<Long> retryDelayMs() {
        return pausesReconnect() ? Optional.empty() : Optional.ofNullable(retryAfterMs);
    }

    /** Code, details code and flags; details themselves are left out. */
    @Override
    public String toString() {
        return "GatewayError[code=" + code
                + detailsCode().map(c -> ", detailsCode=" + c).orElse("")
                + ", message=" + message
                + (retryable == null ? "" : ", retryable=" + retryable)
                + (retryAfterMs == null ? "" : ", retryAfterMs=" + retryAfterMs) + "]";
    }

    private Optional<JsonPrimitive> detailsPrimitive(String name) {
        if (details == null || !details.isJsonObject()) {
            return Optional.empty();
        }
        JsonElement value = ((JsonObject) details).get(name);
        return value != null && value.isJsonPrimitive()
                ? Optional.of(value.getAsJsonPrimitive()) : Optional.empty();
    }

    private Optional<String> afterPrefix(String prefix) {
        if (message == null || !message.startsWith(prefix)) {
            return Optional.empty();
        }
        String rest = message.substring(prefix.length()).strip();
        return rest.isEmpty() ? Optional.empty() : Optional.of(rest);
    }
}
