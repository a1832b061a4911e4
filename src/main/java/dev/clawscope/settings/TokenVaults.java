package dev.clawscope.settings;

import java.nio.file.Path;

/** Picks where gateway tokens go on this machine. */
public final class TokenVaults {

    private TokenVaults() {
    }

    /** The OS keyring where one works, else a private file in {@code settingsDirectory}. */
    public static TokenVault best(Path settingsDirectory) {
        if (Boolean.getBoolean("clawscope.noKeyring")) {
            return new FileTokenVault(settingsDirectory);
        }
        return KeyringTokenVault.open().orElseGet(() -> new FileTokenVault(settingsDirectory));
    }
}
