package dev.clawscope.link;

/**
 * Bounds what one connection may have waiting for the owner thread: the transport's reader blocks
 * in {@link #acquire} while more than the budget is in flight, so a gateway that sends faster than
 * the link can handle is slowed by TCP instead of filling the heap. Closed with its connection,
 * which lets a blocked reader go.
 */
final class InboundGate {

    /** Characters in flight before the reader waits; a larger message (up to the 25 MiB cap) goes alone. */
    static final long BUDGET = 16L * 1024 * 1024;

    private long inFlight;
    private boolean closed;

    /** Waits for room for {@code size}; false when the gate closed (drop the message). */
    synchronized boolean acquire(long size) {
        while (!closed && inFlight > 0 && inFlight + size > BUDGET) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        if (closed) {
            return false;
        }
        inFlight += size;
        return true;
    }

    synchronized void release(long size) {
        inFlight -= size;
        notifyAll();
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }
}
