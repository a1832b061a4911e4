package dev.clawscope.operator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.clawscope.journal.Journal;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.Subscription;
import dev.clawscope.link.GatewayLink;
import dev.clawscope.link.LinkState;
import dev.clawscope.link.LinkStatus;
import dev.clawscope.protocol.EventFrame;
import dev.clawscope.protocol.HelloOk;
import dev.clawscope.protocol.ResponseFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What an operator needs every day from one link, without any toolkit: pending device pairings
 * and exec approvals (with approve / reject / allow once / allow always / deny) and a glance at
 * the gateway. Fed by the gateway's events; re-read with {@code device.pair.list},
 * {@code exec.approval.list} and {@code status} on every (re)connect and every {@code seq} gap, when
 * the granted scopes allow it. Thread-safe; listeners run on the thread that saw the change.
 */
public final class Operator implements AutoCloseable {

    public static final String PAIRING_SCOPE = "operator.pairing";
    public static final String APPROVALS_SCOPE = "operator.approvals";
    static final Duration RPC_TIMEOUT = Duration.ofSeconds(10);

    private final GatewayLink link;
    private final Subscription events;
    private final Subscription statusChanges;
    private final Subscription journalEvents;
    /** Status thread only: the hello-ok count the last refresh on connect was for. */
    private long refreshedForHello;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    /** Guarded by this. */
    private final Map<String, PendingPairing> pairings = new LinkedHashMap<>();
    /** Guarded by this. */
    private final Map<String, PendingExecApproval> approvals = new LinkedHashMap<>();
    /** Guarded by this. */
    private GatewayGlance glance = GatewayGlance.UNKNOWN;

    public Operator(GatewayLink link, Journal journal) {
        this.link = Objects.requireNonNull(link, "link");
        this.events = link.onGatewayEvent("operator", this::onEvent);
        this.statusChanges = link.onStatus("operator", this::onStatus);
        this.journalEvents = journal.subscribe("operator", entry -> {
            if (entry.event() instanceof LinkEvent.SeqGap) {
                refresh();
            }
        });
    }

    /** Re-reads once per connection: after hello-ok the link is connected and hands out its hello. */
    private void onStatus(LinkStatus status) {
        if (status.state() == LinkState.CONNECTED && status.helloOks() != refreshedForHello) {
            refreshedForHello = status.helloOks();
            refresh();
        }
    }

    /** Calls {@code listener} after any change to approvals or the glance; close to stop. */
    public Subscription onChange(Runnable listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    public synchronized List<PendingPairing> pairings() {
        return List.copyOf(pairings.values());
    }

    public synchronized List<PendingExecApproval> execApprovals() {
        return List.copyOf(approvals.values());
    }

    public synchronized GatewayGlance glance() {
        return glance;
    }

    /** Whether this connection may see and decide pairings ({@code operator.pairing}). */
    public boolean canPair() {
        return link.currentHello().map(h -> h.grantedScopes().contains(PAIRING_SCOPE)).orElse(false);
    }

    /** Whether this connection may see and decide exec approvals ({@code operator.approvals}). */
    public boolean canApprove() {
        return link.currentHello().map(h -> h.grantedScopes().contains(APPROVALS_SCOPE)).orElse(false);
    }

    // ---- decisions --------------------------------------------------------------------------------

    public CompletableFuture<Void> approvePairing(String requestId) {
        return decidePairing(requestId, true);
    }

    public CompletableFuture<Void> rejectPairing(String requestId) {
        return decidePairing(requestId, false);
    }

    private CompletableFuture<Void> decidePairing(String requestId, boolean approve) {
        JsonObject params = new JsonObject();
        params.addProperty("requestId", requestId);
        return call(approve ? "device.pair.approve" : "device.pair.reject", params).thenRun(() -> {
            synchronized (this) {
                pairings.remove(requestId);
            }
            changed();
        });
    }

    public CompletableFuture<Void> resolveExec(String id, ExecDecision decision) {
        JsonObject params = new JsonObject();
        params.addProperty("id", id);
        params.addProperty("decision", decision.wire());
        return call("exec.approval.resolve", params).thenRun(() -> {
            synchronized (this) {
                approvals.remove(id);
            }
            changed();
        });
    }

    private CompletableFuture<JsonElement> call(String method, JsonObject params) {
        return link.request(method, params, RPC_TIMEOUT).thenApply(response -> {
            if (!response.ok()) {
                throw new IllegalStateException(method + " failed: " + response.error().code() + " "
                        + response.error().message());
            }
            return response.payload();
        });
    }

    // ---- what the gateway says --------------------------------------------------------------------

    /** Re-reads pairings, approvals and status, as far as the scopes allow. */
    public void refresh() {
        link.currentHello().ifPresent(this::seedFromHello);
        if (canPair()) {
            call("device.pair.list", new JsonObject()).thenAccept(payload -> {
                synchronized (this) {
                    pairings.clear();
                    array(payload, "pending").forEach(p -> put(pairing(p.getAsJsonObject())));
                }
                changed();
            });
        }
        if (canApprove()) {
            call("exec.approval.list", new JsonObject()).thenAccept(payload -> {
                synchronized (this) {
                    approvals.clear();
                    array(payload, "approvals").forEach(a -> put(approval(a.getAsJsonObject())));
                }
                changed();
            });
        }
        if (link.currentHello().map(h -> h.advertisesMethod("status")).orElse(false)) {
            call("status", new JsonObject()).thenAccept(payload -> {
                synchronized (this) {
                    glance = glance.withStatus(payload);
                }
                changed();
            });
        }
    }

    private void seedFromHello(HelloOk hello) {
        synchronized (this) {
            glance = GatewayGlance.fromHello(hello, System.currentTimeMillis());
        }
        changed();
    }

    void onEvent(EventFrame event) {
        JsonElement payload = event.payload();
        boolean changed = true;
        synchronized (this) {
            switch (event.event()) {
                case "device.pair.requested" -> put(pairing(payload.getAsJsonObject()));
                case "device.pair.resolved" -> pairings.remove(string(payload, "requestId"));
                case "exec.approval.requested" -> put(approval(payload.getAsJsonObject()));
                case "exec.approval.resolved" -> approvals.remove(string(payload, "id"));
                case "health" -> glance = glance.withHealth(payload);
                case "presence" -> glance = glance.withPresence(payload);
                default -> changed = false;
            }
        }
        if (changed) {
            changed();
        }
    }

    private void put(PendingPairing p) {
        pairings.put(p.requestId(), p);
    }

    private void put(PendingExecApproval a) {
        approvals.put(a.id(), a);
    }

    private static PendingPairing pairing(JsonObject o) {
        List<String> scopes = new ArrayList<>();
        array(o, "scopes").forEach(s -> scopes.add(s.getAsString()));
        return new PendingPairing(string(o, "requestId"), string(o, "deviceId"), string(o, "displayName"),
                string(o, "platform"), string(o, "clientId"), scopes, number(o, "ts"));
    }

    private static PendingExecApproval approval(JsonObject o) {
        JsonObject request = o.has("request") && o.get("request").isJsonObject() ? o.getAsJsonObject("request")
                : new JsonObject();
        return new PendingExecApproval(string(o, "id"), string(request, "command"), string(request, "host"),
                number(o, "createdAtMs"), number(o, "expiresAtMs"));
    }

    static String string(JsonElement e, String name) {
        if (e == null || !e.isJsonObject()) {
            return null;
        }
        JsonElement v = e.getAsJsonObject().get(name);
        return v != null && v.isJsonPrimitive() ? v.getAsString() : null;
    }

    static long number(JsonObject o, String name) {
        JsonElement v = o.get(name);
        return v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber() ? v.getAsLong() : 0;
    }

    static JsonArray array(JsonElement e, String name) {
        if (e != null && e.isJsonObject() && e.getAsJsonObject().get(name) instanceof JsonArray a) {
            return a;
        }
        return new JsonArray();
    }

    private void changed() {
        for (Runnable listener : listeners) {
            listener.run();
        }
    }

    @Override
    public void close() {
        events.close();
        statusChanges.close();
        journalEvents.close();
        listeners.clear();
    }
}
