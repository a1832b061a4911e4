package dev.clawscope.link;

import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.LivenessKind;

/**
 * What {@link Liveness} needs from the link that owns it, and nothing more: the link's clocks and
 * timers, its journal, the current connection's ping and probe, and the one way out. Every call is
 * made on the link's owner thread.
 */
interface LivenessHost {

    /** Monotonic time in ms. */
    long nowMs();

    /** Wall-clock time in ms; compared with {@link #nowMs()} to notice sleep and resume. */
    long wallMs();

    /** Runs {@code task} on the owner thread after {@code delayMs}, unless cancelled first. */
    Cancellable schedule(Runnable task, long delayMs);

    void emit(LinkEvent event);

    /** Sends a WebSocket ping on the current connection; false when there is none. */
    boolean sendPing(byte[] payload);

    /** Sends the probe request {@code method} on the current connection; the id its answer will carry. */
    String sendProbe(String method);

    /** The peer stayed silent past a layer's deadline: the link ends the connection. */
    void livenessLost(LivenessKind kind, long silenceMs, long deadlineMs);
}
