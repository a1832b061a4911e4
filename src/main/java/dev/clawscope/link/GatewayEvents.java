package dev.clawscope.link;

import dev.clawscope.journal.Subscription;
import dev.clawscope.protocol.EventFrame;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the gateway's application events (everything after hello-ok but {@code tick}) to
 * listeners, each on a thread of its own with a bounded queue, so a slow or failing listener never
 * holds up the link's owner thread or another listener. When a listener's queue is full its
 * oldest event is dropped.
 */
final class GatewayEvents {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayEvents.class);
    static final int QUEUE_CAPACITY = 1_000;

    private final List<Forwarder> listeners = new CopyOnWriteArrayList<>();

    Subscription subscribe(String name, Consumer<EventFrame> listener) {
        Forwarder forwarder = new Forwarder(name, Objects.requireNonNull(listener, "listener"));
        listeners.add(forwarder);
        return () -> {
            listeners.remove(forwarder);
            forwarder.executor.shutdownNow();
        };
    }

    void publish(EventFrame event) {
        for (Forwarder forwarder : listeners) {
            forwarder.executor.execute(() -> {
                try {
                    forwarder.listener.accept(event);
                } catch (RuntimeException e) {
                    LOG.warn("gateway event listener {} failed on {}: {}", forwarder.name, event.event(),
                            e.toString());
                }
            });
        }
    }

    void closeAll() {
        for (Forwarder forwarder : listeners) {
            forwarder.executor.shutdownNow();
        }
        listeners.clear();
    }

    private static final class Forwarder {
        final String name;
        final Consumer<EventFrame> listener;
        final ThreadPoolExecutor executor;

        Forwarder(String name, Consumer<EventFrame> listener) {
            this.name = name;
            this.listener = listener;
            this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                    new ArrayBlockingQueue<>(QUEUE_CAPACITY), r -> {
                        Thread t = new Thread(r, "gateway-events-" + name);
                        t.setDaemon(true);
                        return t;
                    }, new ThreadPoolExecutor.DiscardOldestPolicy());
        }
    }
}
