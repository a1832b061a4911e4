package dev.clawscope.link;

import dev.clawscope.protocol.ResponseFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/** Requests waiting for their response. Confined to the link's owner thread. */
final class PendingRequests {

    private record Pending(CompletableFuture<ResponseFrame> future, Cancellable timer) {
    }

    /** Owner thread only. */
    private final Map<String, Pending> byId = new HashMap<>();

    void add(String id, CompletableFuture<ResponseFrame> future, Cancellable timer) {
        byId.put(id, new Pending(future, timer));
    }

    /** Completes the request answered by {@code response}; false when nobody waits for it. */
    boolean complete(ResponseFrame response) {
        Pending pending = byId.get(response.id());
        if (pending == null) {
            return false;
        }
        byId.remove(response.id());
        pending.timer().cancel();
        pending.future().complete(response);
        return true;
    }

    void timeOut(String id, long timeoutMs) {
        Pending pending = byId.remove(id);
        if (pending != null) {
            pending.future().completeExceptionally(new TimeoutException("no answer within " + timeoutMs + " ms"));
        }
    }

    /** Fails every waiting request at once: nothing waits for its own timeout after a disconnect. */
    void failAll(String reason) {
        List<Pending> all = new ArrayList<>(byId.values());
        byId.clear();
        for (Pending p : all) {
            p.timer().cancel();
            p.future().completeExceptionally(new LinkClosedException(reason));
        }
    }

    int size() {
        return byId.size();
    }
}
