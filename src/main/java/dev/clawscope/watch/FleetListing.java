package dev.clawscope.watch;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The gateways of the local {@code openclaw fleet}: one per tenant cell, each published on a
 * loopback port. Runs {@code openclaw fleet list --json} and reads its
 * {@code {"cells": [{"tenant", "state", "port", "image", "created"}]}}.
 *
 * <p>The listing holds no token: {@code openclaw fleet create} prints a cell's token once, and the
 * cell keeps it only in its container's environment. Each {@link Gateway} therefore names the
 * variable watch reads that tenant's token from, {@code OPENCLAW_FLEET_TOKEN_<TENANT>}.
 *
 * <p>The command's output is hostile input: at most {@link #MAX_OUTPUT_BYTES} are read, it gets
 * {@link #TIMEOUT} to finish, and whatever does not fit the listing's shape is an
 * {@link IllegalArgumentException} naming the cell.
 */
public final class FleetListing {

    /** The most of the command's standard output read; more is an error. */
    public static final int MAX_OUTPUT_BYTES = 1 << 20;
    /** How long the command may take before it and its children are killed. */
    public static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** The most cells one listing may hold. */
    public static final int MAX_CELLS = 4096;
    /** The prefix of the variable a tenant's token is read from. */
    public static final String TOKEN_ENV_PREFIX = "OPENCLAW_FLEET_TOKEN_";

    /** openclaw's own rule for tenant ids: 1 to 40 lowercase letters, digits and inner hyphens. */
    private static final Pattern TENANT = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?");
    private static final Pattern STATE = Pattern.compile("[a-z][a-z_-]{0,31}");
    private static final int MAX_STDERR_BYTES = 4096;
    private static final int MAX_SHOWN_CHARS = 48;

    /**
     * One cell's gateway.
     *
     * @param name     the tenant id, used as the gateway's name
     * @param url      {@code ws://127.0.0.1:<port>}: fleet publishes each cell on loopback only
     * @param state    the container's state as fleet saw it ({@code running}, {@code exited},
     *                 {@code unknown} when Docker or Podman could not be asked, …)
     * @param tokenEnv the variable this tenant's token is read from; the listing itself holds none
     */
    public record Gateway(String name, String url, String state, String tokenEnv) {

        public Gateway {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(tokenEnv, "tokenEnv");
        }
    }

    private FleetListing() {
    }

    /** Runs {@code OPENCLAW fleet list --json} and reads its cells. */
    public static List<Gateway> list(Path openclaw) throws IOException, InterruptedException {
        return list(List.of(openclaw.toString()), Map.of());
    }

    /**
     * Runs {@code openclawCommand fleet list --json} (the command may be several words, such as a
     * Node binary and {@code openclaw.mjs}) with {@code environment} added to this process's, and
     * reads its cells.
     *
     * @throws IOException              the command could not start, exited non-zero (its standard
     *                                  error in the message), took longer than {@link #TIMEOUT} or
     *                                  printed more than {@link #MAX_OUTPUT_BYTES}
     * @throws IllegalArgumentException its output is not the listing
     */
    public static List<Gateway> list(List<String> openclawCommand, Map<String, String> environment)
            throws IOException, InterruptedException {
        return list(openclawCommand, environment, TIMEOUT);
    }

    static List<Gateway> list(List<String> openclawCommand, Map<String, String> environment, Duration timeout)
            throws IOException, InterruptedException {
        if (openclawCommand.isEmpty()) {
            throw new IllegalArgumentException("no openclaw command given");
        }
        List<String> command = new ArrayList<>(openclawCommand);
        command.addAll(List.of("fleet", "list", "--json"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String what = "openclaw fleet list --json";
        try {
            process.getOutputStream().close();
            CompletableFuture<Bounded> out = Bounded.readAsync(process.getInputStream(), MAX_OUTPUT_BYTES, true,
                    "fleet-listing-out");
            CompletableFuture<Bounded> err = Bounded.readAsync(process.getErrorStream(), MAX_STDERR_BYTES, false,
                    "fleet-listing-err");
            long deadline = System.nanoTime() + timeout.toNanos();
            Bounded stdout = out.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (stdout.truncated()) {
                throw new IOException(what + " printed more than " + MAX_OUTPUT_BYTES + " bytes");
            }
            if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException();
            }
            if (process.exitValue() != 0) {
                Bounded stderr = err.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                throw new IOException(what + " exited " + process.exitValue() + ": "
                        + (stderr.text().isBlank() ? "(nothing on standard error)" : printable(stderr.text().strip())));
            }
            return parse(stdout.text());
        } catch (TimeoutException e) {
            throw new IOException(what + " did not finish within "
                    + (timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms"));
        } catch (ExecutionException e) {
            throw new IOException(what + ": its output could not be read", e.getCause());
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /**
     * Reads the output of {@code openclaw fleet list --json}.
     *
     * @throws IllegalArgumentException not strict JSON, no {@code cells} array, or a cell without a
     *                                  valid tenant id or port (1 to 65535), or a tenant or port
     *                                  listed twice; the message names the cell
     */
    public static List<Gateway> parse(String json) {
        if (json.isBlank()) {
            throw new IllegalArgumentException("fleet listing is not valid JSON: the output is empty");
        }
        JsonElement root;
        try {
            JsonReader reader = new JsonReader(new StringReader(json));
            reader.setStrictness(Strictness.STRICT);
            root = JsonParser.parseReader(reader);
            if (!atEnd(reader)) {
                throw new IllegalArgumentException("fleet listing: trailing data after the JSON value");
            }
        } catch (JsonParseException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException("fleet listing is not valid JSON: " + firstLine(cause.getMessage())
                    .replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "malformed"));
        } catch (StackOverflowError e) {
            throw new IllegalArgumentException("fleet listing is not valid JSON: nested too deeply");
        }
        if (!root.isJsonObject() || !root.getAsJsonObject().has("cells")
                || !root.getAsJsonObject().get("cells").isJsonArray()) {
            throw new IllegalArgumentException("fleet listing: expected an object with a \"cells\" array");
        }
        JsonArray cells = root.getAsJsonObject().getAsJsonArray("cells");
        if (cells.size() > MAX_CELLS) {
            throw new IllegalArgumentException("fleet listing: " + cells.size() + " cells, more than "
                    + MAX_CELLS);
        }
        List<Gateway> gateways = new ArrayList<>(cells.size());
        Map<String, Integer> tenants = new HashMap<>();
        Map<Integer, String> ports = new HashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            Gateway gateway = cell(cells.get(i), i + 1);
            int port = Integer.parseInt(gateway.url().substring(gateway.url().lastIndexOf(':') + 1));
            Integer earlier = tenants.putIfAbsent(gateway.name(), i + 1);
            if (earlier != null) {
                throw new IllegalArgumentException("fleet cell " + (i + 1) + " (" + gateway.name()
                        + "): tenant already listed as cell " + earlier);
            }
            String sharing = ports.putIfAbsent(port, gateway.name());
            if (sharing != null) {
                throw new IllegalArgumentException("fleet cell " + (i + 1) + " (" + gateway.name() + "): port "
                        + port + " is also cell " + sharing + "'s");
            }
            gateways.add(gateway);
        }
        return List.copyOf(gateways);
    }

    /** The variable a tenant's token is read from: {@code OPENCLAW_FLEET_TOKEN_} and the id in capitals. */
    public static String tokenEnv(String tenant) {
        return TOKEN_ENV_PREFIX + tenant.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static Gateway cell(JsonElement element, int index) {
        String where = "fleet cell " + index;
        if (!element.isJsonObject()) {
            throw new IllegalArgumentException(where + ": expected an object, got " + shown(element));
        }
        JsonObject cell = element.getAsJsonObject();
        JsonElement tenantField = cell.get("tenant");
        if (tenantField == null || !isString(tenantField)) {
            throw new IllegalArgumentException(where + ": \"tenant\" is missing or not a string");
        }
        String tenant = tenantField.getAsString();
        if (!TENANT.matcher(tenant).matches()) {
            throw new IllegalArgumentException(where + ": tenant " + shown(tenantField)
                    + " is not a fleet tenant id (1 to 40 of a-z, 0-9 and inner '-')");
        }
        where = where + " (" + tenant + ")";
        JsonElement portField = cell.get("port");
        if (portField == null || !portField.isJsonPrimitive() || !portField.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException(where + ": \"port\" is missing or not a number");
        }
        BigDecimal port = portField.getAsBigDecimal();
        if (port.signum() <= 0 || port.compareTo(BigDecimal.valueOf(65_535)) > 0 || port.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException(where + ": port " + shown(portField)
                    + " is not a TCP port (a whole number from 1 to 65535)");
        }
        String state = "unknown";
        JsonElement stateField = cell.get("state");
        if (stateField != null && !stateField.isJsonNull()) {
            if (!isString(stateField) || !STATE.matcher(stateField.getAsString()).matches()) {
                throw new IllegalArgumentException(where + ": state " + shown(stateField)
                        + " is not a container state word");
            }
            state = stateField.getAsString();
        }
        return new Gateway(tenant, "ws://127.0.0.1:" + port.intValueExact(), state, tokenEnv(tenant));
    }

    private static boolean atEnd(JsonReader reader) {
        try {
            return reader.peek() == JsonToken.END_DOCUMENT;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isString(JsonElement element) {
        return element.isJsonPrimitive() && element.getAsJsonPrimitive().isString();
    }

    /** A value for an error message: JSON-escaped (no control characters), cut to a few dozen characters. */
    private static String shown(JsonElement element) {
        String text = element instanceof JsonPrimitive p && p.isString()
                ? new JsonPrimitive(p.getAsString()).toString() : element.toString();
        return text.length() <= MAX_SHOWN_CHARS ? text : text.substring(0, MAX_SHOWN_CHARS) + "…";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Control characters other than line breaks and tabs shown as '?', so a message cannot drive a terminal. */
    private static String printable(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> b.appendCodePoint(
                Character.isISOControl(c) && c != '\n' && c != '\t' ? '?' : c));
        return b.toString();
    }

    /** Up to {@code limit} bytes of a stream; {@code truncated} when it had more. */
    private record Bounded(String text, boolean truncated) {

        /**
         * Reads on a daemon thread of its own. With {@code stopAtLimit} it stops at the first byte
         * beyond the limit; without, it reads on and drops the rest, so the writer never blocks.
         */
        static CompletableFuture<Bounded> readAsync(InputStream in, int limit, boolean stopAtLimit, String name) {
            CompletableFuture<Bounded> result = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try {
                    result.complete(read(in, limit, stopAtLimit));
                } catch (IOException | RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }, name);
            reader.setDaemon(true);
            reader.start();
            return result;
        }

        private static Bounded read(InputStream in, int limit, boolean stopAtLimit) throws IOException {
            try (in) {
                ByteArrayOutputStream kept = new ByteArrayOutputStream(Math.min(limit, 64 * 1024));
                byte[] buffer = new byte[8192];
                boolean truncated = false;
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    int room = limit - kept.size();
                    kept.write(buffer, 0, Math.min(room, n));
                    if (n > room) {
                        truncated = true;
                        if (stopAtLimit) {
                            break;
                        }
                    }
                }
                return new Bounded(kept.toString(StandardCharsets.UTF_8), truncated);
            }
        }
    }
}
