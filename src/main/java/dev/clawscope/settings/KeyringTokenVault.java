package dev.clawscope.settings;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import dev.clawscope.protocol.Secret;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * Gateway tokens in the operating system's secret store (Windows Credential Manager, macOS
 * Keychain, the Secret Service on Linux desktops) under the service {@code Clawscope}, one entry
 * per gateway URL.
 */
public final class KeyringTokenVault implements TokenVault {

    static final String SERVICE = "Clawscope";
    private static final String PROBE_ACCOUNT = "clawscope-availability-probe";

    private final Keyring keyring;

    private KeyringTokenVault(Keyring keyring) {
        this.keyring = keyring;
    }

    /**
     * The OS secret store when one answers: a backend must exist and a lookup must work (a Linux
     * machine without a running Secret Service has the library but no store).
     */
    public static Optional<TokenVault> open() {
        try {
            Keyring keyring = Keyring.create();
            try {
                keyring.getPassword(SERVICE, PROBE_ACCOUNT);
            } catch (PasswordAccessException absent) {
                // A store that says "no such entry" is a working store.
                if (!looksLikeMissingEntry(absent)) {
                    return Optional.empty();
                }
            }
            return Optional.of(new KeyringTokenVault(keyring));
        } catch (BackendNotSupportedException | RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static boolean looksLikeMissingEntry(PasswordAccessException e) {
        String text = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return text.contains("not found") || text.contains("no password") || text.contains("could not be found")
                || text.contains("element not found") || text.contains("item not found");
    }

    @Override
    public Optional<Secret> load(String gatewayUrl) throws IOException {
        try {
            String value = keyring.getPassword(SERVICE, Objects.requireNonNull(gatewayUrl, "gatewayUrl"));
            return value == null || value.isEmpty() ? Optional.empty() : Optional.of(Secret.of(value));
        } catch (PasswordAccessException e) {
            if (looksLikeMissingEntry(e)) {
                return Optional.empty();
            }
            throw new IOException("the OS keyring refused to read the token for " + gatewayUrl);
        }
    }

    @Override
    public void store(String gatewayUrl, Secret token) throws IOException {
        try {
            keyring.setPassword(SERVICE, gatewayUrl, token.reveal());
        } catch (PasswordAccessException e) {
            throw new IOException("the OS keyring refused to store the token for " + gatewayUrl);
        }
    }

    @Override
    public void remove(String gatewayUrl) throws IOException {
        try {
            keyring.deletePassword(SERVICE, gatewayUrl);
        } catch (PasswordAccessException e) {
            if (!looksLikeMissingEntry(e)) {
                throw new IOException("the OS keyring refused to delete the token for " + gatewayUrl);
            }
        }
    }

    @Override
    public String describe() {
        return "the OS keyring (" + keyring.getKeyringStorageType() + ")";
    }
}
