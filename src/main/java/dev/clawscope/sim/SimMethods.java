package dev.clawscope.sim;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.clawscope.protocol.GatewayError;
import dev.clawscope.protocol.RequestFrame;
import dev.clawscope.protocol.ResponseFrame;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The methods the simulator serves after hello-ok, each behind its scope as on the real gateway.
 * An unlisted method needs {@code operator.admin}; with it, the answer is "unknown method".
 */
final class SimMethods {

    private static final Map<String, String> REQUIRED_SCOPE = Map.of(
            "health", Scopes.READ,
            "status", Scopes.READ,
            "system-presence", Scopes.READ,
            "last-heartbeat", Scopes.READ,
            "device.pair.list", Scopes.PAIRING,
            "device.pair.approve", Scopes.PAIRING,
            "device.pair.reject", Scopes.PAIRING,
            "exec.approval.list", Scopes.APPROVALS,
            "exec.approval.resolve", Scopes.APPROVALS);
    private static final List<String> DECISIONS = List.of("allow-once", "allow-always", "deny");
    private static final long APPROVAL_TTL_MS = 120_000;
    /** Where the real gateway reports its session store; the simulator keeps none. */
    static final String SESSION_STORE_PATH = "clawscope-sim/agents/main/agent/openclaw-agent.sqlite";

    private final SimGateway gateway;
    private final Map<String, JsonObject> execApprovals = new ConcurrentHashMap<>();

    SimMethods(SimGateway gateway) {
        this.gateway = gateway;
    }

    ResponseFrame call(RequestFrame request, HandshakeOutcome.Accepted caller) {
        String method = request.method();
        String required = REQUIRED_SCOPE.getOrDefault(method, Scopes.ADMIN);
        if (!Scopes.satisfies(caller.scopes(), required)) {
            return ResponseFrame.failure(request.id(), missingScope(required));
        }
        JsonObject params = request.params() == null ? new JsonObject() : request.params();
        return switch (method) {
            case "health" -> ResponseFrame.success(request.id(), healthSnapshot());
            case "status" -> ResponseFrame.success(request.id(), status());
            case "system-presence" -> ResponseFrame.success(request.id(), presence());
            case "last-heartbeat" -> ResponseFrame.success(request.id(), JsonNull.INSTANCE);
            case "device.pair.list" -> ResponseFrame.success(request.id(), pairingList());
            case "device.pair.approve", "device.pair.reject" -> pairingDecision(request.id(), params,
                    method.endsWith("approve"));
            case "exec.approval.list" -> ResponseFrame.success(request.id(), approvalList());
            case "exec.approval.resolve" -> resolveApproval(request.id(), params, caller);
            default -> ResponseFrame.failure(request.id(),
                    GatewayError.of("INVALID_REQUEST", "unknown method: " + method));
        };
    }

    JsonObject healthSnapshot() {
        JsonObject health = new JsonObject();
        health.addProperty("ok", true);
        health.addProperty("ts", gateway.state().now());
        health.addProperty("durationMs", 0);
        health.add("channels", new JsonObject());
        health.add("channelOrder", new JsonArray());
        health.addProperty("heartbeatSeconds", 0);
        health.addProperty("defaultAgentId", "main");
        health.add("agents", new JsonArray());
        health.add("sessions", sessionSummary());
        return health;
    }

    /** {@code HealthSessionSummary}: path, count and recent are all required by the schema. */
    private static JsonObject sessionSummary() {
        JsonObject sessions = new JsonObject();
        sessions.addProperty("path", SESSION_STORE_PATH);
        sessions.addProperty("count", 0);
        sessions.add("recent", new JsonArray());
        return sessions;
    }

    JsonArray presence() {
        JsonArray entries = new JsonArray();
        JsonObject self = new JsonObject();
        self.addProperty("host", "clawscope-sim");
        self.addProperty("version", gateway.state().serverVersion());
        self.addProperty("mode", "gateway");
        self.addProperty("reason", "self");
        self.addProperty("ts", gateway.state().now());
        entries.add(self);
        gateway.openSessions().forEach(s -> entries.add(s.presenceEntry()));
        return entries;
    }

    boolean resolvePairing(String requestId, boolean approve) {
        PairingRegistry pairing = gateway.state().pairing();
        Optional<String> deviceId = approve
                ? pairing.approve(requestId).map(PairingRegistry.PairedDevice::deviceId)
                : pairing.reject(requestId).map(PairingRegistry.PendingRequest::deviceId);
        deviceId.ifPresent(id -> {
            JsonObject resolved = new JsonObject();
            resolved.addProperty("requestId", requestId);
            resolved.addProperty("deviceId", id);
            resolved.addProperty("decision", approve ? "approved" : "rejected");
            resolved.addProperty("ts", gateway.state().now());
            gateway.broadcast("device.pair.resolved", resolved, Scopes.PAIRING);
        });
        return deviceId.isPresent();
    }

    String raiseExecApproval(String command) {
        String id = UUID.randomUUID().toString();
        long now = gateway.state().now();
        JsonObject request = new JsonObject();
        request.addProperty("command", command);
        request.addProperty("host", "gateway");
        JsonObject approval = new JsonObject();
        approval.addProperty("id", id);
        approval.add("request", request);
        approval.addProperty("createdAtMs", now);
        approval.addProperty("expiresAtMs", now + APPROVAL_TTL_MS);
        execApprovals.put(id, approval);
        gateway.broadcast("exec.approval.requested", approval.deepCopy(), Scopes.APPROVALS);
        return id;
    }

    static JsonObject pairingJson(PairingRegistry.PendingRequest r) {
        JsonObject json = new JsonObject();
        json.addProperty("requestId", r.requestId());
        json.addProperty("deviceId", r.deviceId());
        json.addProperty("publicKey", r.publicKey());
        if (r.displayName() != null) {
            json.addProperty("displayName", r.displayName());
        }
        json.addProperty("platform", r.platform());
        json.addProperty("clientId", r.clientId());
        json.addProperty("clientMode", r.clientMode());
        json.addProperty("role", r.role());
        json.add("scopes", SimGateway.strings(r.scopes()));
        json.addProperty("ts", r.createdAtMs());
        return json;
    }

    private JsonObject status() {
        JsonObject status = new JsonObject();
        status.addProperty("ts", gateway.state().now());
        status.addProperty("version", gateway.state().serverVersion());
        status.addProperty("uptimeMs", gateway.state().uptimeMs());
        status.addProperty("connections", gateway.connectedClients());
        return status;
    }

    private JsonObject pairingList() {
        JsonArray pending = new JsonArray();
        gateway.state().pairing().pending().forEach(r -> pending.add(pairingJson(r)));
        JsonObject list = new JsonObject();
        list.add("pending", pending);
        return list;
    }

    private ResponseFrame pairingDecision(String id, JsonObject params, boolean approve) {
        Optional<String> requestId = string(params, "requestId");
        if (requestId.isEmpty()) {
            return ResponseFrame.failure(id, GatewayError.of("INVALID_REQUEST",
                    "invalid device.pair." + (approve ? "approve" : "reject") + " params: requestId required"));
        }
        if (!resolvePairing(requestId.get(), approve)) {
            return ResponseFrame.failure(id, GatewayError.of("INVALID_REQUEST", "unknown requestId"));
        }
        JsonObject result = new JsonObject();
        result.addProperty("requestId", requestId.get());
        result.addProperty("decision", approve ? "approved" : "rejected");
        return ResponseFrame.success(id, result);
    }

    private JsonObject approvalList() {
        JsonArray approvals = new JsonArray();
        long now = gateway.state().now();
        execApprovals.values().removeIf(a -> a.get("expiresAtMs").getAsLong() <= now);
        execApprovals.values().forEach(a -> approvals.add(a.deepCopy()));
        JsonObject list = new JsonObject();
        list.add("approvals", approvals);
        return list;
    }

    private ResponseFrame resolveApproval(String id, JsonObject params, HandshakeOutcome.Accepted caller) {
        Optional<String> approvalId = string(params, "id");
        Optional<String> decision = string(params, "decision");
        if (approvalId.isEmpty() || decision.isEmpty() || !DECISIONS.contains(decision.get())) {
            return ResponseFrame.failure(id, GatewayError.of("INVALID_REQUEST",
                    "invalid exec.approval.resolve params: id and decision (allow-once|allow-always|deny) required"));
        }
        JsonObject approval = execApprovals.remove(approvalId.get());
        if (approval == null) {
            return ResponseFrame.failure(id, GatewayError.of("APPROVAL_NOT_FOUND", "approval not found"));
        }
        JsonObject resolved = new JsonObject();
        resolved.addProperty("id", approvalId.get());
        resolved.addProperty("decision", decision.get());
        resolved.addProperty("resolvedBy", caller.deviceId() != null ? caller.deviceId() : caller.clientId());
        resolved.addProperty("ts", gateway.state().now());
        resolved.add("request", approval.get("request"));
        gateway.broadcast("exec.approval.resolved", resolved, Scopes.APPROVALS);
        JsonObject result = new JsonObject();
        result.addProperty("id", approvalId.get());
        result.addProperty("decision", decision.get());
        return ResponseFrame.success(id, result);
    }

    private static GatewayError missingScope(String scope) {
        JsonObject details = new JsonObject();
        details.addProperty("code", "MISSING_SCOPE");
        details.addProperty("missingScope", scope);
        JsonArray required = new JsonArray();
        required.add(new JsonPrimitive(scope));
        details.add("requiredScopes", required);
        return new GatewayError("FORBIDDEN", "missing scope: " + scope, details, null, null);
    }

    private static Optional<String> string(JsonObject params, String name) {
        JsonElement value = params.get(name);
        return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()
                && !value.getAsString().isBlank() ? Optional.of(value.getAsString()) : Optional.empty();
    }
}
