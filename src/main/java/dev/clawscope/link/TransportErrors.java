package dev.clawscope.link;

import dev.clawscope.journal.LinkEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Journals what a transport reports without ending the connection (a binary frame ignored, …) as
 * {@code error{where:"transport"}}, at most once a second per kind; the next line of a kind says
 * how many of it went unjournaled in between. Owner thread only.
 */
final class TransportErrors {

    static final long INTERVAL_MS = 1_000;

    private final LongSupplier nowMs;
    private final Consumer<LinkEvent> journal;
    private final Map<String, Window> windows = new HashMap<>();

    /** {@code nowMs} is the link's monotonic clock, {@code journal} where its lines go. */
    TransportErrors(LongSupplier nowMs, Consumer<LinkEvent> journal) {
        this.nowMs = nowMs;
        this.journal = journal;
    }

    void report(String kind, String message) {
        long now = nowMs.getAsLong();
        Window window = windows.get(kind);
        if (window != null && now - window.lastEmittedMs < INTERVAL_MS) {
            window.suppressed++;
            return;
        }
        long suppressed = window == null ? 0 : window.suppressed;
        if (window == null) {
            if (windows.size() >= 64) {
                windows.clear(); // kinds are a short fixed list; this only bounds a broken transport
            }
            window = new Window();
            windows.put(kind, window);
        }
        window.lastEmittedMs = now;
        window.suppressed = 0;
        journal.accept(new LinkEvent.Error("transport", kind + ": " + message
                + (suppressed == 0 ? "" : " (" + suppressed + " more since the last line)")));
    }

    private static final class Window {
        long lastEmittedMs;
        long suppressed;
    }
}
