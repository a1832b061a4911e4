package dev.clawscope.link;

import java.util.Locale;

/**
 * What a person should do about a paused link, in one sentence, from the pause reason and the
 * gateway's {@code details.code}. Shown on the command line, in the window and in proof bundles;
 * it names settings and commands, never a credential.
 */
final class PauseHints {

    private PauseHints() {
    }

    /**
     * @param reason the pause reason of {@code reconnect_paused} ({@code auth}, {@code pairing}, …)
     * @param detailCode the gateway's {@code details.code}, or null
     */
    public static String hint(String reason, String detailCode) {
        String detail = detailCode == null ? "" : detailCode.toUpperCase(Locale.ROOT);
        switch (detail) {
            case "AUTH_TOKEN_MISMATCH":
                return "The gateway rejected the token. Use this gateway's gateway.auth.token (on the gateway host: "
                        + "openclaw config get gateway.auth.token), then connect again.";
            case "AUTH_TOKEN_MISSING":
                return "The gateway needs a token. Set this gateway's gateway.auth.token in the settings "
                        + "(or --token-env / --token-file), then connect again.";
            case "AUTH_PASSWORD_MISMATCH", "AUTH_PASSWORD_MISSING":
                return "This gateway uses password auth, which Clawscope does not send. Switch the gateway to token "
                        + "auth or pair this device, then connect again.";
            case "AUTH_DEVICE_TOKEN_MISMATCH":
                return "The gateway no longer accepts this device's token; it was forgotten. Connect again with the "
                        + "gateway token to get a new one.";
            case "PAIRING_REQUIRED", "NOT_PAIRED":
                return "This device waits for approval. On the gateway host run: openclaw devices list, then "
                        + "openclaw devices approve <requestId>; then connect again.";
            case "DEVICE_IDENTITY_REQUIRED", "CONTROL_UI_DEVICE_IDENTITY_REQUIRED":
                return "The gateway requires a signed device identity for this client. Turn device signing on, "
                        + "or give the gateway token, then connect again.";
            case "PROTOCOL_MISMATCH":
                return "The gateway speaks another protocol version than Clawscope (4). Update whichever is older.";
            default:
                break;
        }
        return switch (reason == null ? "" : reason) {
            case "auth" -> "The gateway refused the credentials" + code(detailCode)
                    + ". Check the gateway token in the settings, then connect again.";
            case "pairing", "pairing_expired" -> "The device pairing request" + code(detailCode)
                    + " was not approved in time. Approve it on the gateway host (openclaw devices approve "
                    + "<requestId>), then connect again.";
            case "device" -> "The gateway refused this device's signature" + code(detailCode)
                    + ". Check that this machine's clock is right, then connect again.";
            case "protocol" -> "The gateway speaks another protocol version" + code(detailCode)
                    + ". Update whichever is older.";
            default -> "Reconnecting stopped" + code(detailCode) + ". Fix the cause, then connect again.";
        };
    }

    private static String code(String detailCode) {
        return detailCode == null || detailCode.isBlank() ? "" : " (" + detailCode + ")";
    }
}
