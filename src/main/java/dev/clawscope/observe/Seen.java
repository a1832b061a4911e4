package dev.clawscope.observe;

import dev.clawscope.journal.LinkEvent;

/**
 * What the relay's I/O thread saw, stamped with {@link System#nanoTime()}, on its way to the
 * {@link Analyzer}, which turns it into journal lines. Carries no payload beyond one text message
 * (for decoding, never journaled) or one control frame.
 */
sealed interface Seen {

    int conn();

    long nanos();

    /** What one queued observation costs beyond its payload, for the analyzer's backlog bound. */
    int OVERHEAD = 96;

    /** Bytes this observation holds, for the analyzer's backlog bound. */
    default int weight() {
        return OVERHEAD;
    }

    record Connected(int conn, long nanos, ObservedConnection connection, boolean stalled) implements Seen {
    }

    record Refused(int conn, long nanos) implements Seen {
    }

    record Request(int conn, long nanos, String path, boolean origin, String userAgent, String extensions)
            implements Seen {
    }

    record Response(int conn, long nanos, Integer status, String extensions) implements Seen {
    }

    record Text(int conn, long nanos, Side from, byte[] message, int length) implements Seen {
        @Override
        public int weight() {
            return OVERHEAD + message.length;
        }
    }

    record Control(int conn, long nanos, Side from, int opcode, byte[] payload, boolean dropped) implements Seen {
        @Override
        public int weight() {
            return OVERHEAD + payload.length;
        }
    }

    record Skipped(int conn, long nanos, Side from, int opcode, long length, String why) implements Seen {
    }

    record Problem(int conn, long nanos, Side from, String problem) implements Seen {
    }

    /** Something the observer did in the server's place, journaled as it is. */
    record Injected(int conn, long nanos, LinkEvent event) implements Seen {
    }

    record Ended(int conn, long nanos, Side side, boolean reset) implements Seen {
    }

    record Closed(int conn, long nanos, boolean reset, boolean byObserver) implements Seen {
    }

    /** A fault began ({@code kind}) or everything healed ({@code kind} null); {@code conn} is 0. */
    record FaultChanged(int conn, long nanos, String kind, boolean noticeable) implements Seen {
    }
}
