package dev.clawscope.protocol;

/**
 * What the connection logic should do about a {@link GatewayError}; see {@link
 * GatewayError#classify()}. Whether a class pauses reconnecting is decided per error by {@link
 * GatewayError#pausesReconnect()}, because it can depend on details.
 */
public enum ErrorClass {
    /** {@code UNAVAILABLE} (gateway starting, restarting, queue full): retry after {@code retryAfterMs}. */
    RETRY_AFTER,
    /** {@code NOT_PAIRED} / {@code PAIRING_REQUIRED}: an operator must approve {@code requestId}. */
    PAIRING,
    /** {@code DEVICE_IDENTITY_REQUIRED} or {@code CONTROL_UI_DEVICE_IDENTITY_REQUIRED}: sign with a device key. */
    DEVICE_IDENTITY_REQUIRED,
    /** {@code AUTH_*} credential or auth-configuration failures: the same credentials fail again. */
    AUTH_TERMINAL,
    /** {@code AUTH_RATE_LIMITED}: wait for {@code retryAfterMs}, then one more attempt. */
    AUTH_RETRYABLE,
    /** {@code DEVICE_AUTH_*}: the device proof (key, id, nonce, signature) was rejected. */
    DEVICE_PROOF,
    /** {@code PROTOCOL_MISMATCH}, {@code CLIENT_VERSION_MISMATCH}, {@code CONTROL_UI_BUILD_MISMATCH}. */
    PROTOCOL_MISMATCH,
    /** {@code FORBIDDEN} because a method scope is missing; see {@link GatewayError#missingScope()}. */
    FORBIDDEN_SCOPE,
    /** {@code FORBIDDEN} for another reason, e.g. a method that needs an authenticated user. */
    FORBIDDEN,
    /** {@code INVALID_REQUEST "unknown method: X"}; see {@link GatewayError#unknownMethod()}. */
    UNKNOWN_METHOD,
    /** Any other {@code INVALID_REQUEST}: malformed params, or a handshake the gateway refused. */
    INVALID_REQUEST,
    /** {@code APPROVAL_NOT_FOUND}: the approval id is unknown or already resolved. */
    APPROVAL_NOT_FOUND,
    /** Anything else, including deprecated ({@code NOT_LINKED}, {@code AGENT_TIMEOUT}) and unknown codes. */
    TRANSIENT
}
