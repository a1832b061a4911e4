package dev.clawscope.chaos;

import dev.clawscope.journal.Subscription;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers {@link FaultEvent}s to listeners, in order, on its own thread, so that a slow or
 * throwing listener never holds up the proxy's I/O thread.
 */
final class FaultNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(FaultNotifier.class);
    /** Events come from fault commands, so a full queue means a stuck listener; later events are dropped. */
    private static final int CAPACITY = 1024;
    private static final FaultEvent STOP = new FaultEvent(new Fault.Pass(), FaultEvent.Cause.APPLIED);

    private final CopyOnWriteArrayList<Registration> registrations = new CopyOnWriteArrayList<>();
    private final BlockingQueue<FaultEvent> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread thread;

    FaultNotifier(String threadName) {
        thread = new Thread(this::deliver, threadName);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    Subscription add(FaultListener listener) {
        Registration registration = new Registration(Objects.requireNonNull(listener, "listener"));
        registrations.add(registration);
        return () -> registrations.remove(registration);
    }

    void publish(FaultEvent event) {
        if (!queue.offer(event)) {
            LOG.warn("fault listeners are stuck; dropped {}", event.describe());
        }
    }

    /** Delivers what was published before, then stops the thread, waiting at most {@code wait}. */
    void close(Duration wait) throws InterruptedException {
        if (!queue.offer(STOP)) {
            thread.interrupt();
        }
        if (Thread.currentThread() != thread) {
            thread.join(wait.toMillis());
            if (thread.isAlive()) {
                LOG.warn("{} still runs a fault listener after {}", thread.getName(), wait);
            }
        }
    }

    private void deliver() {
        try {
            for (FaultEvent event = queue.take(); event != STOP; event = queue.take()) {
                for (Registration registration : registrations) {
                    registration.deliver(event);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Wraps a listener so that each registration is removed by its own handle, even for one listener added twice. */
    private static final class Registration {
        private final FaultListener listener;

        Registration(FaultListener listener) {
            this.listener = listener;
        }

        void deliver(FaultEvent event) {
            try {
                listener.onFault(event);
            } catch (RuntimeException e) {
                // Isolation is the contract: one broken listener must not silence the others or the proxy.
                LOG.warn("fault listener {} failed on {}", listener, event.describe(), e);
            }
        }
    }
}
