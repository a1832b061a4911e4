package dev.clawscope.grade;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The command that starts the client under test, as the user wrote it: run with {@code sh -c}
 * ({@code cmd /c} on Windows) after {@code {url}}, {@code {token}}, {@code {host}} and {@code {port}}
 * are replaced, with {@code CLAWSCOPE_URL} and {@code CLAWSCOPE_TOKEN} in its environment.
 */
public record ClientCommand(String template) {

    /** The environment variable that holds the URL the client connects to. */
    public static final String URL_VARIABLE = "CLAWSCOPE_URL";
    /** The environment variable that holds the token the client presents. */
    public static final String TOKEN_VARIABLE = "CLAWSCOPE_TOKEN";

    public ClientCommand {
        Objects.requireNonNull(template, "template");
        if (template.isBlank()) {
            throw new IllegalArgumentException("the client command is empty");
        }
    }

    /** The command line with the placeholders replaced. */
    String render(String url, String token) {
        URI uri = URI.create(url);
        return template.replace("{url}", url).replace("{token}", token).replace("{host}", uri.getHost())
                .replace("{port}", Integer.toString(uri.getPort()));
    }

    /** The argument vector that runs {@code line} through the platform's shell. */
    static List<String> shell(String line) {
        return windows() ? List.of("cmd", "/c", line) : List.of("sh", "-c", line);
    }

    /** The variables added to the client's environment. */
    static Map<String, String> environment(String url, String token) {
        return Map.of(URL_VARIABLE, url, TOKEN_VARIABLE, token);
    }

    static boolean windows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("win");
    }
}
