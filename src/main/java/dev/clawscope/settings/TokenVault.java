package dev.clawscope.settings;

import dev.clawscope.protocol.Secret;
import java.io.IOException;
import java.util.Optional;

/** Where gateway tokens live, apart from the settings file: the OS secret store or a private file. */
public interface TokenVault {

    Optional<Secret> load(String gatewayUrl) throws IOException;

    void store(String gatewayUrl, Secret token) throws IOException;

    void remove(String gatewayUrl) throws IOException;

    /** Where the tokens are kept, said to the user, e.g. {@code the OS keyring}. */
    String describe();
}
