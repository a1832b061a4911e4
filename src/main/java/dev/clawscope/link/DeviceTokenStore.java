package dev.clawscope.link;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Device tokens the gateway issued, with the scopes they were issued for, keyed by gateway URL,
 * device id and role (§3.6). Reusing a token with its stored scopes avoids a scope-upgrade request.
 */
public interface DeviceTokenStore {

    /** A token and the scopes it was issued for. {@code toString} never shows the token. */
    record StoredToken(String token, List<String> scopes) {
        public StoredToken {
            Objects.requireNonNull(token, "token");
            scopes = List.copyOf(scopes);
        }

        @Override
        public String toString() {
            return "StoredToken[token=<redacted>, scopes=" + scopes + "]";
        }
    }

    Optional<StoredToken> load(String gatewayUrl, String deviceId, String role);

    void save(String gatewayUrl, String deviceId, String role, StoredToken token);

    void remove(String gatewayUrl, String deviceId, String role);

    /** A store that lives as long as the process (tests, the CLI's one-shot runs). */
    static DeviceTokenStore inMemory() {
        Map<String, StoredToken> tokens = new ConcurrentHashMap<>();
        return new DeviceTokenStore() {
            @Override
            public Optional<StoredToken> load(String gatewayUrl, String deviceId, String role) {
                return Optional.ofNullable(tokens.get(gatewayUrl + "|" + deviceId + "|" + role));
            }

            @Override
            public void save(String gatewayUrl, String deviceId, String role, StoredToken token) {
                tokens.put(gatewayUrl + "|" + deviceId + "|" + role, token);
            }

            @Override
            public void remove(String gatewayUrl, String deviceId, String role) {
                tokens.remove(gatewayUrl + "|" + deviceId + "|" + role);
            }
        };
    }
}
