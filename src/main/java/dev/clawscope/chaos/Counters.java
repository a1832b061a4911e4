package dev.clawscope.chaos;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Counters written by the proxy's I/O thread and read from any thread. */
final class Counters {

    final AtomicInteger live = new AtomicInteger();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong toTarget = new AtomicLong();
    final AtomicLong toClient = new AtomicLong();
    final AtomicLong held = new AtomicLong();

    ProxyStats snapshot() {
        return new ProxyStats(live.get(), accepted.get(), refused.get(), toTarget.get(), toClient.get(), held.get());
    }
}
