package dev.clawscope.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Params of the {@code connect} request: a closed object, so only these fields exist (§3.2).
 *
 * <p>The canonical constructor enforces exactly the gateway's schema, so it can also hold what
 * a peer sent (see {@link #parse}); role, protocol range and scope policy are checked by
 * {@link #validate()}, which {@link #operator}, {@link Builder#build()} and the {@code with*}
 * methods apply before anything is sent.
 */
public record ConnectParams(
        int minProtocol,
        int maxProtocol,
        ClientInfo client,
        String role,
        List<String> scopes,
        List<String> caps,
        ConnectAuth auth,
        DeviceProof device,
        String locale,
        String userAgent,
        List<String> commands,
        Map<String, Boolean> permissions,
        String pathEnv) {

    /** The wire protocol version this client speaks. */
    public static final int PROTOCOL_VERSION = 4;
    public static final String ROLE_OPERATOR = "operator";
    public static final String ROLE_NODE = "node";

    public ConnectParams {
        if (minProtocol < 1) {
            throw new IllegalArgumentException("minProtocol must be >= 1");
        }
        if (maxProtocol < 1) {
            throw new IllegalArgumentException("maxProtocol must be >= 1");
        }
        Objects.requireNonNull(client, "client");
        Checks.optionalNonEmpty(role, "role");
        scopes = Checks.nonEmptyStrings(scopes, "scopes");
        caps = Checks.nonEmptyStrings(caps, "caps");
        commands = Checks.nonEmptyStrings(commands, "commands");
        permissions = copyPermissions(permissions);
    }

    /** The operator-side shape without the node-only fields (commands, permissions, pathEnv). */
    public ConnectParams(int minProtocol, int maxProtocol, ClientInfo client, String role,
            List<String> scopes, List<String> caps, ConnectAuth auth, DeviceProof device,
            String locale, String userAgent) {
        this(minProtocol, maxProtocol, client, role, scopes, caps, auth, device, locale, userAgent,
                null, null, null);
    }

    /** Operator connect with protocol [4,4], no caps and no device proof yet; validated. */
    public static ConnectParams operator(ClientInfo client, List<String> scopes, ConnectAuth auth) {
        return builder(client).scopes(scopes).auth(auth).build();
    }

    public static Builder builder(ClientInfo client) {
        return new Builder(client);
    }

    /** Strict server-side reading, with the gateway's error texts; never throws. */
    public static ConnectParamsParse parse(JsonElement params) {
        return ConnectParamsReader.read(params);
    }

    /** The role the gateway applies: {@code operator} when absent. */
    public String effectiveRole() {
        return role == null ? ROLE_OPERATOR : role;
    }

    /** The scopes the gateway sees: empty when absent. */
    public List<String> effectiveScopes() {
        return scopes == null ? List.of() : scopes;
    }

    /** A copy carrying the given device proof; validated. */
    public ConnectParams withDevice(DeviceProof proof) {
        Objects.requireNonNull(proof, "proof");
        return new ConnectParams(minProtocol, maxProtocol, client, role, scopes, caps, auth, proof,
                locale, userAgent, commands, permissions, pathEnv).validate();
    }

    /** A copy carrying other credentials (null or empty drops the auth object); validated. */
    public ConnectParams withAuth(ConnectAuth newAuth) {
        return new ConnectParams(minProtocol, maxProtocol, client, role, scopes, caps, normalize(newAuth),
                device, locale, userAgent, commands, permissions, pathEnv).validate();
    }

    /**
     * Client-side checks, stricter than the schema: a non-empty protocol range, role operator or
     * node, no blank strings, only known operator scopes. Returns this, or throws
     * IllegalArgumentException with a message fit for the user.
     */
    public ConnectParams validate() {
        if (minProtocol > maxProtocol) {
            throw new IllegalArgumentException("protocol range [" + minProtocol + ", " + maxProtocol
                    + "] is empty: minProtocol must be <= maxProtocol");
        }
        if (role != null && !ROLE_OPERATOR.equals(role) && !ROLE_NODE.equals(role)) {
            throw new IllegalArgumentException("role '" + role + "' is not valid; use operator or node");
        }
        client.checkSendable();
        Checks.notBlank(locale, "locale");
        Checks.notBlank(userAgent, "userAgent");
        for (String scope : effectiveScopes()) {
            if (OperatorScope.fromWire(scope).isEmpty()) {
                throw new IllegalArgumentException("scope '" + scope
                        + "' is not an operator scope the gateway knows; use one of: "
                        + OperatorScope.allowedValues());
            }
        }
        checkNotBlank(caps, "caps");
        checkNotBlank(commands, "commands");
        return this;
    }

    /** Wire form: only non-null fields, always in the same order. */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("minProtocol", minProtocol);
        o.addProperty("maxProtocol", maxProtocol);
        o.add("client", client.toJson());
        if (role != null) {
            o.addProperty("role", role);
        }
        putList(o, "scopes", scopes);
        putList(o, "caps", caps);
        putList(o, "commands", commands);
        if (permissions != null) {
            JsonObject p = new JsonObject();
            permissions.forEach(p::addProperty);
            o.add("permissions", p);
        }
        if (pathEnv != null) {
            o.addProperty("pathEnv", pathEnv);
        }
        if (auth != null) {
            o.add("auth", auth.toJson());
        }
        if (locale != null) {
            o.addProperty("locale", locale);
        }
        if (userAgent != null) {
            o.addProperty("userAgent", userAgent);
        }
        if (device != null) {
            o.add("device", device.toJson());
        }
        return o;
    }

    private static void putList(JsonObject o, String key, List<String> values) {
        if (values != null) {
            JsonArray a = new JsonArray(values.size());
            values.forEach(a::add);
            o.add(key, a);
        }
    }

    private static void checkNotBlank(List<String> values, String field) {
        if (values != null) {
            for (int i = 0; i < values.size(); i++) {
                Checks.notBlank(values.get(i), field + "[" + i + "]");
            }
        }
    }

    private static Map<String, Boolean> copyPermissions(Map<String, Boolean> permissions) {
        if (permissions == null) {
            return null;
        }
        Map<String, Boolean> copy = new LinkedHashMap<>();
        permissions.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "permissions key"),
                Objects.requireNonNull(v, "permissions value")));
        return Collections.unmodifiableMap(copy);
    }

    private static ConnectAuth normalize(ConnectAuth auth) {
        return auth == null || auth.isEmpty() ? null : auth;
    }

    /** Builder for the common cases; {@link #build()} validates. Defaults: [4,4], operator, no scopes, no caps. */
    public static final class Builder {
        private final ClientInfo client;
        private int minProtocol = PROTOCOL_VERSION;
        private int maxProtocol = PROTOCOL_VERSION;
        private String role = ROLE_OPERATOR;
        private List<String> scopes = List.of();
        private List<String> caps = List.of();
        private ConnectAuth auth;
        private DeviceProof device;
        private String locale;
        private String userAgent;
        private List<String> commands;
        private Map<String, Boolean> permissions;
        private String pathEnv;

        private Builder(ClientInfo client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        public Builder protocol(int min, int max) {
            this.minProtocol = min;
            this.maxProtocol = max;
            return this;
        }

        public Builder role(String value) {
            this.role = value;
            return this;
        }

        public Builder scopes(List<String> value) {
            this.scopes = value;
            return this;
        }

        public Builder caps(List<String> value) {
            this.caps = value;
            return this;
        }

        /** Null or {@link ConnectAuth#none()} leaves the auth object out. */
        public Builder auth(ConnectAuth value) {
            this.auth = normalize(value);
            return this;
        }

        public Builder device(DeviceProof value) {
            this.device = value;
            return this;
        }

        public Builder locale(String value) {
            this.locale = value;
            return this;
        }

        public Builder userAgent(String value) {
            this.userAgent = value;
            return this;
        }

        /** Node role only: command allowlist claim. */
        public Builder commands(List<String> value) {
            this.commands = value;
            return this;
        }

        /** Node role only: permission claims. */
        public Builder permissions(Map<String, Boolean> value) {
            this.permissions = value;
            return this;
        }

        /** Node role only: the node's PATH. */
        public Builder pathEnv(String value) {
            this.pathEnv = value;
            return this;
        }

        public ConnectParams build() {
            return new ConnectParams(minProtocol, maxProtocol, client, role, scopes, caps, auth, device,
                    locale, userAgent, commands, permissions, pathEnv).validate();
        }
    }
}
