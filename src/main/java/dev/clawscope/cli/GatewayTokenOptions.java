package dev.clawscope.cli;

import dev.clawscope.protocol.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --token-env VAR | --token-file F}: where a command finds the gateway token (never on the command line). */
final class GatewayTokenOptions {

    @Option(names = "--token-env", paramLabel = "VAR", description = "Read the gateway token from this environment variable.")
    String env;

    @Option(names = "--token-file", paramLabel = "F", description = "Read the gateway token from this file.")
    Path file;

    /** The token, or null when no option was given; a usage error when the source is empty or unreadable. */
    static Secret read(GatewayTokenOptions options, CommandLine cli, Function<String, String> environment) {
        if (options == null) {
            return null;
        }
        if (options.env != null) {
            String value = environment.apply(options.env);
            if (value == null || value.isBlank()) {
                throw new ParameterException(cli, "--token-env: the variable " + options.env + " is not set");
            }
            return Secret.of(value.strip());
        }
        try {
            String value = Files.readString(options.file, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw new ParameterException(cli, "--token-file: " + options.file + " is empty");
            }
            return Secret.of(value);
        } catch (IOException e) {
            throw new ParameterException(cli, "--token-file: cannot read " + options.file);
        }
    }
}
