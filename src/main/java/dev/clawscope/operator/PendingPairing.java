package dev.clawscope.operator;

import java.util.List;
import java.util.Objects;

/** A device waiting for pairing approval ({@code device.pair.requested}). */
public record PendingPairing(String requestId, String deviceId, String displayName, String platform,
        String clientId, List<String> scopes, long ts) {

    public PendingPairing {
        Objects.requireNonNull(requestId, "requestId");
        scopes = List.copyOf(scopes);
    }

    /** One line for a menu: {@code Pixel 8 (android, cli) wants operator.read}. */
    public String describe() {
        String who = displayName != null && !displayName.isBlank() ? displayName
                : "device " + (deviceId == null ? "?" : deviceId.substring(0, Math.min(8, deviceId.length())));
        return who + " (" + (platform == null ? "?" : platform) + ", " + (clientId == null ? "?" : clientId) + ")"
                + (scopes.isEmpty() ? "" : " wants " + String.join(", ", scopes));
    }
}
