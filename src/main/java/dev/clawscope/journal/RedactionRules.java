package dev.clawscope.journal;

import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link Redactor} removes. The fixed rules always apply; IP addresses and host names are
 * optional because a proof about a local gateway is clearer with them and reveals little.
 *
 * <p>Fixed rules, in the order they are applied to every string (a JSON string value or key, or a
 * whole text line):
 * <ol>
 *   <li>bearer credentials: {@code Bearer xyz} → {@code Bearer <redacted>};
 *   <li>{@code Authorization:}, {@code Proxy-Authorization:}, {@code Cookie:}, {@code Set-Cookie:}
 *       and {@code X-Api-Key:} header values → {@code <redacted>};
 *   <li>URL userinfo: {@code ws://user:pw@host} → {@code ws://<redacted>@host};
 *   <li>query strings: {@code ?token=abc&x=1} → {@code ?<redacted>} (a {@code ?} followed by
 *       {@code name=});
 *   <li>secret assignments {@code key=value}, {@code key: value} and {@code "key":"value"} where
 *       the key is one of the {@linkplain #isSecretKey secret names} → value {@code <redacted>};
 *   <li>correlatable id assignments ({@code deviceId=…}, {@code "conn_id":"…"}) → a pseudonym;
 *   <li>e-mail addresses → {@code <email>};
 *   <li>user home directories ({@code /home/<user>}, {@code /Users/<user>}, {@code /root},
 *       {@code C:\Users\<user>} and the running user's {@code user.home}) → {@code ~};
 *   <li>hex runs of 32 or more digits → {@code <redacted:hex>};
 *   <li>base64url runs ({@code [A-Za-z0-9_-]}) of 32 or more characters with letters and digits
 *       alternating at least twice within one {@code _}/{@code -} segment → {@code <redacted:token>}
 *       ({@code reconnect_scheduled_2026_09_06_attempt_12} is a plain word and stays).
 * </ol>
 * Optional rules, applied last: IPv4 and IPv6 addresses → {@code <ip>} (loopback and the
 * unspecified address stay); host names in URLs and dotted names ending in a common top-level
 * domain → {@code <host>} ({@code localhost} stays).
 *
 * <p>In a JSON object, the value of a secret key is replaced whole by {@code "<redacted>"} whatever
 * its type ({@code null} stays), and the string value of an id key becomes a stable pseudonym such
 * as {@code device#3f2a9c}.
 *
 * @param redactIps       replace IPv4 and IPv6 addresses other than loopback by {@code <ip>}
 * @param redactHostNames replace host names other than {@code localhost} by {@code <host>}
 */
public record RedactionRules(boolean redactIps, boolean redactHostNames) {

    /** One line per rule in force, in the order applied: what a bundle's manifest lists. */
    public List<String> describe() {
        List<String> rules = new ArrayList<>(List.of(
                "secret fields (token, deviceToken, bootstrapToken, password, signature, nonce, privateKey, "
                        + "secret, authorization, cookie, *token, *secret, *password) -> <redacted>",
                "bearer credentials and Authorization/Cookie/X-Api-Key header values -> <redacted>",
                "URL userinfo -> <redacted>@host; URL query strings -> ?<redacted>",
                "device, connection, request and instance ids -> stable pseudonyms (keyed per bundle)",
                "e-mail addresses -> <email>",
                "user home directories -> ~",
                "hex runs of 32+ digits -> <redacted:hex>; token-shaped base64url runs of 32+ -> <redacted:token>",
                "a line that cannot be parsed is replaced whole"));
        if (redactIps) {
            rules.add("IP addresses other than loopback -> <ip>");
        }
        if (redactHostNames) {
            rules.add("host names other than localhost -> <host>");
        }
        return List.copyOf(rules);
    }

    /** The fixed rules only: IP addresses and host names stay. */
    public static RedactionRules defaults() {
        return new RedactionRules(false, false);
    }

    public RedactionRules withIps(boolean redact) {
        return new RedactionRules(redact, redactHostNames);
    }

    public RedactionRules withHostNames(boolean redact) {
        return new RedactionRules(redactIps, redact);
    }

    /**
     * Whether a JSON key names a secret: {@code token, deviceToken, bootstrapToken, password,
     * signature, nonce, privateKey, secret, authorization, cookie} and their snake_case or kebab-case
     * forms, any key ending in {@code token}, {@code secret} or {@code password}, and a few common
     * spellings ({@code passwd, apiKey, setCookie, proxyAuthorization}). Case is ignored.
     */
    public static boolean isSecretKey(String key) {
        String k = normalize(key);
        return switch (k) {
            case "password", "passwd", "pwd", "signature", "sig", "nonce", "privatekey", "secret", "authorization",
                    "proxyauthorization", "cookie", "setcookie", "apikey", "xapikey", "credentials", "credential" -> true;
            default -> k.endsWith("token") || k.endsWith("secret") || k.endsWith("password");
        };
    }

    /**
     * The pseudonym prefix for a JSON key naming a correlatable id ({@code deviceId}, {@code
     * device_id}, {@code connId}, {@code requestId}, {@code instanceId} and their plurals), or
     * {@code null} for any other key.
     */
    public static String pseudonymKind(String key) {
        return switch (normalize(key)) {
            case "deviceid", "deviceids" -> "device";
            case "connid", "connids", "connectionid", "connectionids" -> "conn";
            case "requestid", "requestids", "reqid" -> "request";
            case "instanceid", "instanceids" -> "instance";
            default -> null;
        };
    }

    /** Lower case without {@code _} and {@code -}: {@code device_token} and {@code deviceToken} both give {@code devicetoken}. */
    private static String normalize(String key) {
        StringBuilder out = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c != '_' && c != '-') {
                out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
            }
        }
        return out.toString();
    }
}
