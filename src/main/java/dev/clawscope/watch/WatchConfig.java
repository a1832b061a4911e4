package dev.clawscope.watch;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import dev.clawscope.link.BackoffPolicies;
import dev.clawscope.link.GatewayAddress;
import dev.clawscope.protocol.Secret;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateways one {@code clawscope watch} follows, read from its JSON config: a contract scripts
 * write, so every problem is reported with the line and the field, and nothing half-read is used.
 *
 * <pre>{@code
 * {"gateways": [
 *   {"name": "home", "url": "ws://127.0.0.1:18789", "token_env": "HOME_GW_TOKEN"},
 *   {"name": "work", "url": "wss://gw.example.org", "token_file": "work.token", "ping_ms": 10000}
 * ]}
 * }</pre>
 *
 * <p>A gateway's keys: {@code name} and {@code url} (required); at most one of {@code token_env},
 * {@code token_file} (relative to the config's folder) and {@code keyring} (the OS keyring entry,
 * as the window stores it: the gateway's URL unless named otherwise); and its link settings
 * {@code scopes}, {@code backoff}, {@code ping_ms}, {@code pong_deadline_ms}, {@code device},
 * {@code tls_fingerprint}, {@code allow_insecure}. Keys this version does not know are reported as
 * warnings, not errors, so a config written for a later version still starts.
 *
 * @param gateways in config order, names unique
 * @param warnings what was ignored, each with its line
 */
public record WatchConfig(List<Gateway> gateways, List<String> warnings) {

    /** A config file larger than this is refused before it is parsed. */
    public static final int MAX_BYTES = 1 << 20;
    /** Gateways one watch follows at most. */
    public static final int MAX_GATEWAYS = 1000;
    /** A name labels metrics and prefixes incident folders: letters, digits, {@code _ . -}, 64 at most. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern FINGERPRINT = Pattern.compile("(?i)(sha256:)?([0-9a-f]{2}:?){32}");
    private static final Pattern LOCATION = Pattern.compile(" at line (\\d+) column \\d+");
    private static final long MAX_MS = 24L * 60 * 60 * 1000;
    private static final Set<String> GATEWAY_KEYS = Set.of("name", "url", "token_env", "token_file", "keyring",
            "scopes", "backoff", "ping_ms", "pong_deadline_ms", "device", "tls_fingerprint", "allow_insecure");

    public WatchConfig {
        gateways = List.copyOf(gateways);
        warnings = List.copyOf(warnings);
    }

    /**
     * One gateway of the config.
     *
     * @param name    the config's name for it: the {@code gateway} label, the incident folders' prefix
     * @param address where it listens
     * @param token   its shared token, read when the config was read; empty for none
     * @param tokenSource where the token came from, for people ({@code env HOME_GW_TOKEN}, {@code none}); never the token
     * @param link    its link settings
     * @param line    the line its entry starts on; 0 when it did not come from a file
     */
    public record Gateway(String name, GatewayAddress address, Optional<Secret> token, String tokenSource,
            LinkOptions link, int line) {

        public Gateway {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(tokenSource, "tokenSource");
            Objects.requireNonNull(link, "link");
        }
    }

    /**
     * A gateway's link settings; {@link #DEFAULTS} are those of {@code clawscope probe}.
     *
     * @param scopes         operator scopes asked for
     * @param backoff        the reconnect policy's name
     * @param pingMs         own WebSocket ping interval, 0 for none
     * @param pongDeadlineMs the pong deadline's floor
     * @param signDevice     whether to sign with this machine's device identity
     * @param tlsFingerprint the pinned leaf certificate's SHA-256, if any
     */
    public record LinkOptions(List<String> scopes, String backoff, long pingMs, long pongDeadlineMs,
            boolean signDevice, Optional<String> tlsFingerprint) {

        public static final LinkOptions DEFAULTS = new LinkOptions(List.of("operator.read"), "paced-jitter", 5000, 5000,
                true, Optional.empty());

        public LinkOptions {
            scopes = List.copyOf(scopes);
            Objects.requireNonNull(backoff, "backoff");
            Objects.requireNonNull(tlsFingerprint, "tlsFingerprint");
        }
    }

    /** Where tokens are read from while the config is read: the environment, files, the OS keyring. */
    public interface Tokens {

        /** The variable's value, or null when it is not set. */
        String env(String name);

        /** The file's content; an {@link IOException} says why it cannot be read. */
        String file(Path path) throws IOException;

        /** The keyring entry's token; empty when the entry is missing; an exception when no keyring answers. */
        Optional<Secret> keyring(String entry) throws IOException;
    }

    /**
     * Reads a config.
     *
     * @param file   the config as named to the user (the errors' prefix)
     * @param folder where relative {@code token_file} paths start
     * @throws WatchConfigException naming the line and field of the first problem
     */
    public static WatchConfig parse(String file, Path folder, String text, Tokens tokens) throws WatchConfigException {
        Objects.requireNonNull(tokens, "tokens");
        if (text.length() > MAX_BYTES) {
            throw new WatchConfigException(file, 0, "", "larger than " + MAX_BYTES + " bytes; is this the watch config?");
        }
        return new Parser(file, folder, new StringReader(text), tokens).config();
    }

    /** One pass over the JSON with the reader's line at hand for every value. */
    private static final class Parser {

        private final String file;
        private final Path folder;
        private final JsonReader json;
        private final Tokens tokens;
        private final List<String> warnings = new ArrayList<>();

        Parser(String file, Path folder, Reader text, Tokens tokens) {
            this.file = file;
            this.folder = folder;
            this.json = new JsonReader(text);
            this.json.setStrictness(Strictness.STRICT);
            this.tokens = tokens;
        }

        WatchConfig config() throws WatchConfigException {
            try {
                List<Gateway> gateways = null;
                if (json.peek() != JsonToken.BEGIN_OBJECT) {
                    throw fail("", "the config must be a JSON object with a \"gateways\" array");
                }
                json.beginObject();
                Set<String> seen = new HashSet<>();
                while (json.hasNext()) {
                    int line = line();
                    String key = json.nextName();
                    if (!seen.add(key)) {
                        throw new WatchConfigException(file, line, key, "appears twice");
                    }
                    if (key.equals("gateways")) {
                        gateways = gateways();
                    } else {
                        warnings.add(at(line) + key + ": not a key this version knows; ignored");
                        json.skipValue();
                    }
                }
                json.endObject();
                if (!ended()) {
                    throw fail("", "more after the config's closing brace");
                }
                if (gateways == null) {
                    throw new WatchConfigException(file, 0, "gateways", "missing: the config needs a \"gateways\" array");
                }
                return new WatchConfig(gateways, warnings);
            } catch (MalformedJsonException | java.io.EOFException e) {
                throw fail("", "not valid JSON: " + withoutLocation(e.getMessage()));
            } catch (IllegalStateException e) {
                // the reader met a token of another type than the one asked for
                throw fail(path(), withoutLocation(e.getMessage()));
            } catch (IOException e) {
                throw new WatchConfigException(file, 0, "", "cannot be read: " + e.getMessage());
            }
        }

        /** Whether nothing but white space follows; a strict reader refuses a second value outright. */
        private boolean ended() throws IOException {
            try {
                return json.peek() == JsonToken.END_DOCUMENT;
            } catch (MalformedJsonException e) {
                return false;
            }
        }

        private List<Gateway> gateways() throws IOException, WatchConfigException {
            if (json.peek() != JsonToken.BEGIN_ARRAY) {
                throw fail("gateways", "must be an array of gateways");
            }
            int arrayLine = line();
            json.beginArray();
            List<Gateway> gateways = new ArrayList<>();
            Set<String> names = new HashSet<>();
            while (json.hasNext()) {
                if (gateways.size() == MAX_GATEWAYS) {
                    throw fail("gateways", "more than " + MAX_GATEWAYS + " gateways; run more than one watch");
                }
                String field = "gateways[" + gateways.size() + "]";
                Gateway gateway = gateway(field);
                if (!names.add(gateway.name())) {
                    throw new WatchConfigException(file, gateway.line(), field + ".name",
                            "\"" + gateway.name() + "\" is the name of an earlier gateway too; names must be unique");
                }
                gateways.add(gateway);
            }
            json.endArray();
            if (gateways.isEmpty()) {
                throw new WatchConfigException(file, arrayLine, "gateways", "is empty: name at least one gateway");
            }
            return gateways;
        }

        private Gateway gateway(String field) throws IOException, WatchConfigException {
            if (json.peek() != JsonToken.BEGIN_OBJECT) {
                throw fail(field, "must be an object with at least \"name\" and \"url\"");
            }
            int start = line();
            json.beginObject();
            String name = null;
            String url = null;
            int urlLine = start;
            boolean allowInsecure = false;
            int tokenLine = 0;
            String tokenKey = null;
            String tokenValue = null;
            List<String> scopes = LinkOptions.DEFAULTS.scopes();
            String backoff = LinkOptions.DEFAULTS.backoff();
            long pingMs = LinkOptions.DEFAULTS.pingMs();
            long pongMs = LinkOptions.DEFAULTS.pongDeadlineMs();
            boolean device = LinkOptions.DEFAULTS.signDevice();
            Optional<String> fingerprint = Optional.empty();
            Set<String> seen = new HashSet<>();
            while (json.hasNext()) {
                int line = line();
                String key = json.nextName();
                String at = field + "." + key;
                if (!seen.add(key)) {
                    throw new WatchConfigException(file, line, at, "appears twice");
                }
                switch (key) {
                    case "name" -> {
                        name = string(at, line);
                        if (!NAME.matcher(name).matches()) {
                            throw new WatchConfigException(file, line, at, quote(name) + " is not a usable name:"
                                    + " 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit");
                        }
                    }
                    case "url" -> {
                        url = string(at, line);
                        urlLine = line;
                    }
                    case "allow_insecure" -> allowInsecure = bool(at, line);
                    case "token_env", "token_file", "keyring" -> {
                        if (tokenKey != null) {
                            throw new WatchConfigException(file, line, at, "give one of token_env, token_file and"
                                    + " keyring, not both " + tokenKey + " and " + key);
                        }
                        tokenKey = key;
                        tokenLine = line;
                        tokenValue = string(at, line);
                        if (tokenValue.isBlank()) {
                            throw new WatchConfigException(file, line, at, "is empty");
                        }
                        if (key.equals("token_env") && !ENV_NAME.matcher(tokenValue).matches()) {
                            throw new WatchConfigException(file, line, at, quote(tokenValue)
                                    + " is not an environment variable's name");
                        }
                    }
                    case "scopes" -> scopes = scopes(at, line);
                    case "backoff" -> {
                        backoff = string(at, line);
                        if (BackoffPolicies.byName(backoff).isEmpty()) {
                            throw new WatchConfigException(file, line, at, quote(backoff) + " is not a policy; one of "
                                    + String.join(", ", BackoffPolicies.names()));
                        }
                    }
                    case "ping_ms" -> pingMs = millis(at, line, 0);
                    case "pong_deadline_ms" -> pongMs = millis(at, line, 1);
                    case "device" -> device = bool(at, line);
                    case "tls_fingerprint" -> {
                        String pin = string(at, line);
                        if (!FINGERPRINT.matcher(pin).matches()) {
                            throw new WatchConfigException(file, line, at,
                                    "must be the certificate's SHA-256 in hex (64 digits, colons allowed)");
                        }
                        fingerprint = Optional.of(pin);
                    }
                    default -> {
                        warnings.add(at(line) + at + ": not a key this version knows; ignored"
                                + (GATEWAY_KEYS.contains(key.toLowerCase(java.util.Locale.ROOT)) ? " (keys are lower case)" : ""));
                        json.skipValue();
                    }
                }
            }
            json.endObject();
            if (name == null) {
                throw new WatchConfigException(file, start, field + ".name", "missing: every gateway needs a name");
            }
            if (url == null) {
                throw new WatchConfigException(file, start, field + ".url", "missing: every gateway needs a url");
            }
            GatewayAddress address;
            try {
                address = GatewayAddress.parse(url, allowInsecure);
            } catch (IllegalArgumentException e) {
                throw new WatchConfigException(file, urlLine, field + ".url", e.getMessage());
            }
            if (fingerprint.isPresent() && !address.secure()) {
                throw new WatchConfigException(file, urlLine, field + ".tls_fingerprint", "pins a certificate, but the"
                        + " url is not wss://");
            }
            Optional<Secret> token = Optional.empty();
            String source = "none";
            if (tokenKey != null) {
                token = Optional.of(token(field + "." + tokenKey, tokenLine, tokenKey, tokenValue, url));
                source = tokenKey.replace("token_", "") + " " + tokenValue;
            }
            return new Gateway(name, address, token, source,
                    new LinkOptions(scopes, backoff, pingMs, pongMs, device, fingerprint), start);
        }

        private Secret token(String at, int line, String key, String value, String url) throws WatchConfigException {
            switch (key) {
                case "token_env" -> {
                    String text = tokens.env(value);
                    if (text == null || text.isBlank()) {
                        throw new WatchConfigException(file, line, at, "the variable " + value + " is not set");
                    }
                    return Secret.of(text.strip());
                }
                case "token_file" -> {
                    Path path = folder == null ? Path.of(value) : folder.resolve(value);
                    String text;
                    try {
                        text = tokens.file(path);
                    } catch (IOException e) {
                        throw new WatchConfigException(file, line, at, "cannot read " + path);
                    }
                    if (text.isBlank()) {
                        throw new WatchConfigException(file, line, at, path + " is empty");
                    }
                    return Secret.of(text.strip());
                }
                default -> {
                    Optional<Secret> found;
                    try {
                        found = tokens.keyring(value);
                    } catch (IOException e) {
                        throw new WatchConfigException(file, line, at, e.getMessage());
                    }
                    return found.orElseThrow(() -> new WatchConfigException(file, line, at,
                            "the OS keyring has no token under " + quote(value)
                                    + (value.equals(url) ? "" : " (the window stores a gateway's token under its URL)")));
                }
            }
        }

        private String string(String at, int line) throws IOException, WatchConfigException {
            if (json.peek() != JsonToken.STRING) {
                throw new WatchConfigException(file, line, at, "must be a string, not " + describe(json.peek()));
            }
            String value = json.nextString();
            if (value.length() > 4096) {
                throw new WatchConfigException(file, line, at, "longer than 4096 characters");
            }
            return value;
        }

        private boolean bool(String at, int line) throws IOException, WatchConfigException {
            if (json.peek() != JsonToken.BOOLEAN) {
                throw new WatchConfigException(file, line, at, "must be true or false, not " + describe(json.peek()));
            }
            return json.nextBoolean();
        }

        private long millis(String at, int line, long least) throws IOException, WatchConfigException {
            if (json.peek() != JsonToken.NUMBER) {
                throw new WatchConfigException(file, line, at, "must be a number of milliseconds, not "
                        + describe(json.peek()));
            }
            String text = json.nextString();
            long value;
            try {
                value = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new WatchConfigException(file, line, at, text + " is not a whole number of milliseconds");
            }
            if (value < least || value > MAX_MS) {
                throw new WatchConfigException(file, line, at, text + " is out of range (" + least + " to " + MAX_MS + ")");
            }
            return value;
        }

        private List<String> scopes(String at, int line) throws IOException, WatchConfigException {
            if (json.peek() != JsonToken.BEGIN_ARRAY) {
                throw new WatchConfigException(file, line, at, "must be an array of scope names");
            }
            json.beginArray();
            Set<String> scopes = new LinkedHashSet<>();
            while (json.hasNext()) {
                String scope = string(at, line());
                if (scope.isBlank() || scopes.size() == 64) {
                    throw new WatchConfigException(file, line, at, "holds an empty scope or more than 64");
                }
                scopes.add(scope);
            }
            json.endArray();
            return List.copyOf(scopes);
        }

        private WatchConfigException fail(String field, String reason) {
            return new WatchConfigException(file, line(), field, reason);
        }

        /** The reader's line now, from its own description of where it is; 0 when it gives none. */
        private int line() {
            Matcher m = LOCATION.matcher(json.toString());
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        }

        /** The reader's path without the leading {@code $.}, e.g. {@code gateways[1].url}. */
        private String path() {
            String path = json.getPath();
            return path.startsWith("$.") ? path.substring(2) : path.equals("$") ? "" : path;
        }

        private String at(int line) {
            return file + (line > 0 ? ":" + line : "") + ": ";
        }

        private static String describe(JsonToken token) {
            return switch (token) {
                case STRING -> "a string";
                case NUMBER -> "a number";
                case BOOLEAN -> "true or false";
                case NULL -> "null";
                case BEGIN_ARRAY -> "an array";
                case BEGIN_OBJECT -> "an object";
                default -> token.name().toLowerCase(java.util.Locale.ROOT);
            };
        }

        private static String withoutLocation(String message) {
            if (message == null) {
                return "it ends too soon";
            }
            int cut = message.indexOf(" at line ");
            String text = cut < 0 ? message : message.substring(0, cut);
            int see = text.indexOf("\nSee ");
            text = see < 0 ? text : text.substring(0, see);
            int advice = text.indexOf("Use JsonReader.setStrictness");
            return advice < 0 ? text : advice == 0 ? "malformed" : text.substring(0, advice).strip();
        }

        private static String quote(String text) {
            String shown = text.length() > 80 ? text.substring(0, 80) + "…" : text;
            return "\"" + shown.replace("\n", "\\n") + "\"";
        }
    }
}
