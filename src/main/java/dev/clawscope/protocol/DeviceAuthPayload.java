package dev.clawscope.protocol;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The fields a device signature covers, and their exact string forms (§3.4):
 * {@code v2|deviceId|clientId|clientMode|role|scopesCsv|signedAtMs|token|nonce} and
 * {@code v3|…|nonce|platform|deviceFamily}. {@link #toString()} hides the token and the nonce.
 */
public record DeviceAuthPayload(
        String deviceId,
        String clientId,
        String clientMode,
        String role,
        List<String> scopes,
        long signedAtMs,
        String token,
        String nonce,
        String platform,
        String deviceFamily) {

    /** Payload versions; the gateway tries V3 first, then V2. */
    public enum Version {
        V2("v2"),
        V3("v3");

        private final String prefix;

        Version(String prefix) {
            this.prefix = prefix;
        }

        /** The leading field of the payload. */
        public String prefix() {
            return prefix;
        }
    }

    /** Null platform/deviceFamily mean absent; token may be empty (no credential). */
    public DeviceAuthPayload {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientMode, "clientMode");
        Objects.requireNonNull(role, "role");
        scopes = List.copyOf(Objects.requireNonNull(scopes, "scopes"));
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(nonce, "nonce");
    }

    /**
     * The payload for {@code params} as the gateway rebuilds it: role defaults to operator,
     * scopes to empty, token per {@link ConnectAuth#signatureToken()}.
     */
    public static DeviceAuthPayload of(String deviceId, ConnectParams params, long signedAtMs, String nonce) {
        Objects.requireNonNull(params, "params");
        ClientInfo client = params.client();
        String token = params.auth() == null ? "" : params.auth().signatureToken().map(Secret::reveal).orElse("");
        return new DeviceAuthPayload(deviceId, client.id().wire(), client.mode().wire(), params.effectiveRole(),
                params.effectiveScopes(), signedAtMs, token, nonce, client.platform(), client.deviceFamily());
    }

    /** The exact string to sign for {@code version}. */
    public String render(Version version) {
        Objects.requireNonNull(version, "version");
        StringBuilder b = new StringBuilder(256)
                .append(version.prefix()).append('|')
                .append(deviceId).append('|')
                .append(clientId).append('|')
                .append(clientMode).append('|')
                .append(role).append('|')
                .append(String.join(",", scopes)).append('|')
                .append(signedAtMs).append('|')
                .append(token).append('|')
                .append(nonce);
        if (version == Version.V3) {
            b.append('|').append(normalizeMetadata(platform))
                    .append('|').append(normalizeMetadata(deviceFamily));
        }
        return b.toString();
    }

    /**
     * Signs {@code params} for the challenge ({@code nonce}, {@code ts}) and returns the
     * {@code device} object: signedAt is the challenge ts, as the gateway expects.
     */
    public static DeviceProof prove(DeviceIdentity identity, ConnectParams params, String challengeNonce,
            long challengeTs, Version version) {
        Objects.requireNonNull(identity, "identity");
        Checks.nonEmpty(challengeNonce, "challenge nonce");
        String payload = of(identity.deviceId(), params, challengeTs, challengeNonce).render(version);
        return new DeviceProof(identity.deviceId(), identity.publicKeyBase64Url(), identity.sign(payload),
                challengeTs, challengeNonce);
    }

    /** {@link #prove(DeviceIdentity, ConnectParams, String, long, Version)} with V3. */
    public static DeviceProof prove(DeviceIdentity identity, ConnectParams params, String challengeNonce,
            long challengeTs) {
        return prove(identity, params, challengeNonce, challengeTs, Version.V3);
    }

    /**
     * Server side: which payload version the signature in {@code params.device()} verifies
     * against (V3 tried first, then V2), or empty if neither does or there is no device.
     * Does not check device id, nonce or clock skew.
     */
    public static Optional<Version> verifiedVersion(ConnectParams params) {
        DeviceProof device = params.device();
        if (device == null) {
            return Optional.empty();
        }
        DeviceAuthPayload payload = of(device.id(), params, device.signedAt(), device.nonce());
        for (Version v : new Version[] {Version.V3, Version.V2}) {
            if (DeviceIdentity.verify(device.publicKey(), payload.render(v), device.signature())) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** Trimmed like JavaScript's {@code String.trim()}, then A–Z lowered; absent becomes "". */
    public static String normalizeMetadata(String value) {
        if (value == null) {
            return "";
        }
        int start = 0;
        int end = value.length();
        while (start < end && isJsWhitespace(value.charAt(start))) {
            start++;
        }
        while (end > start && isJsWhitespace(value.charAt(end - 1))) {
            end--;
        }
        StringBuilder b = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return b.toString();
    }

    /** ECMAScript WhiteSpace and LineTerminator code points. */
    private static boolean isJsWhitespace(char c) {
        switch (c) {
            case '\t': case '\n': case '\u000B': case '\f': case '\r': case ' ':
            case '\u00A0': case '\u1680': case '\u2028': case '\u2029': case '\u202F':
            case '\u205F': case '\u3000': case '\uFEFF':
                return true;
            default:
                return c >= '\u2000' && c <= '\u200A';
        }
    }

    @Override
    public String toString() {
        return "DeviceAuthPayload[deviceId=" + deviceId + ", clientId=" + clientId + ", clientMode=" + clientMode
                + ", role=" + role + ", scopes=" + scopes + ", signedAtMs=" + signedAtMs
                + ", token=redacted, nonce=redacted, platform=" + platform + ", deviceFamily=" + deviceFamily + "]";
    }
}
