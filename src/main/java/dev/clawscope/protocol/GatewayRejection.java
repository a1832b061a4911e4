package dev.clawscope.protocol;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * How the real gateway turns a {@code connect} away: the error of its {@code res} frame, then a close
 * frame with {@code closeCode} and {@code closeReason}. Shared by the simulator and by the observer,
 * which answers in the gateway's place, so both send exactly what the gateway sends.
 */
public record GatewayRejection(GatewayError error, int closeCode, String closeReason) {

    public GatewayRejection {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(closeReason, "closeReason");
        closeReason = truncateReason(closeReason);
    }

    /** {@code UNAVAILABLE} with {@code retryAfterMs}, close 1013 "gateway starting", as during start-up. */
    public static GatewayRejection unavailable(long retryAfterMs) {
        JsonObject details = new JsonObject();
        details.addProperty("reason", "startup-sidecars");
        return new GatewayRejection(new GatewayError("UNAVAILABLE", "gateway starting; retry shortly", details, true,
                retryAfterMs), 1013, "gateway starting");
    }

    /** What the real gateway (2026.9.6) says after "unauthorized: " when a shared token does not match. */
    public static final String TOKEN_MISMATCH_TEXT =
            "gateway token mismatch (use this gateway's gateway.auth.token or pair the device)";

    /** A shared token that does not match: {@code AUTH_TOKEN_MISMATCH}, close 1008, worded as the real gateway words it. */
    public static GatewayRejection tokenMismatch(boolean canRetryWithDeviceToken) {
        return authFailure("AUTH_TOKEN_MISMATCH", TOKEN_MISMATCH_TEXT, "token_mismatch",
                "update_auth_credentials", canRetryWithDeviceToken);
    }

    /** An authentication failure as the gateway words it: {@code INVALID_REQUEST} with {@code details.code}, close 1008. */
    public static GatewayRejection authFailure(String code, String text, String authReason, String nextStep,
            boolean canRetryWithDeviceToken) {
        JsonObject details = new JsonObject();
        details.addProperty("code", code);
        details.addProperty("authReason", authReason);
        details.addProperty("canRetryWithDeviceToken", canRetryWithDeviceToken);
        details.addProperty("recommendedNextStep", nextStep);
        String message = "unauthorized: " + text;
        return new GatewayRejection(new GatewayError("INVALID_REQUEST", message, details, null, null), 1008, message);
    }

    /** A close reason must fit in a control frame: 123 bytes of UTF-8. */
    public static String truncateReason(String reason) {
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 123) {
            return reason;
        }
        String cut = new String(bytes, 0, 120, StandardCharsets.UTF_8);
        return cut.replace("\uFFFD", "") + "...";
    }
}
