package dev.clawscope.protocol;

/**
 * Maps error codes to {@link ErrorClass} and decides whether reconnecting pauses. Branches on
 * {@code details.code} first, then on {@code code}; message text only for the two legacy forms
 * ({@code missing scope: X}, {@code unknown method: X}), parsed in {@link GatewayError}.
 */
final class ErrorClassifier {

    static final String AUTH_DEVICE_TOKEN_MISMATCH = "AUTH_DEVICE_TOKEN_MISMATCH";
    static final String DEVICE_AUTH_SIGNATURE_EXPIRED = "DEVICE_AUTH_SIGNATURE_EXPIRED";
    static final String MISSING_SCOPE = "MISSING_SCOPE";

    private ErrorClassifier() {
    }

    static ErrorClass classify(GatewayError error) {
        String detailsCode = error.detailsCode().orElse("");
        ErrorClass byDetails = switch (detailsCode) {
            case "PAIRING_REQUIRED" -> ErrorClass.PAIRING;
            case "DEVICE_IDENTITY_REQUIRED", "CONTROL_UI_DEVICE_IDENTITY_REQUIRED" ->
                    ErrorClass.DEVICE_IDENTITY_REQUIRED;
            case "PROTOCOL_MISMATCH", "CLIENT_VERSION_MISMATCH", "CONTROL_UI_BUILD_MISMATCH" ->
                    ErrorClass.PROTOCOL_MISMATCH;
            case MISSING_SCOPE -> ErrorClass.FORBIDDEN_SCOPE;
            case "AUTH_RATE_LIMITED" -> ErrorClass.AUTH_RETRYABLE;
            default -> detailsCode.startsWith("AUTH_") ? ErrorClass.AUTH_TERMINAL
                    : detailsCode.startsWith("DEVICE_AUTH_") ? ErrorClass.DEVICE_PROOF
                    : null;
        };
        if (byDetails != null) {
            return byDetails;
        }
        return switch (error.code() == null ? "" : error.code()) {
            case "UNAVAILABLE" -> ErrorClass.RETRY_AFTER;
            case "NOT_PAIRED" -> ErrorClass.PAIRING;
            case "FORBIDDEN" -> error.missingScope().isPresent()
                    ? ErrorClass.FORBIDDEN_SCOPE : ErrorClass.FORBIDDEN;
            case "INVALID_REQUEST" -> error.unknownMethod().isPresent()
                    ? ErrorClass.UNKNOWN_METHOD : ErrorClass.INVALID_REQUEST;
            case "APPROVAL_NOT_FOUND" -> ErrorClass.APPROVAL_NOT_FOUND;
            default -> ErrorClass.TRANSIENT;
        };
    }

    static boolean pausesReconnect(GatewayError error, ErrorClass errorClass) {
        return switch (errorClass) {
            case PAIRING -> !error.pairingRetryAllowed();
            case AUTH_RETRYABLE -> error.retryAfterMs() == null;
            // signedAt is the challenge ts, so a stale signature means a slow handshake: a fresh challenge fixes it
            case DEVICE_PROOF -> !error.detailsCode().orElse("").equals(DEVICE_AUTH_SIGNATURE_EXPIRED);
            case DEVICE_IDENTITY_REQUIRED, AUTH_TERMINAL, PROTOCOL_MISMATCH -> true;
            default -> false;
        };
    }
}
