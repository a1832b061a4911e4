package dev.clawscope.timeline;

/**
 * One connection of an observed client on the journal clock (mono ms): opened at {@code openMs},
 * accepted by the gateway ({@code peer_hello_ok}) at {@code helloMs}, closing from its first close
 * frame at {@code closingMs}, gone at {@code endMs}. An observed client's state lane draws one bar
 * per connection: {@link #OPENING} until hello ok, {@link #UP} until the first close frame, then
 * {@link #CLOSING}; labelled {@link #label()}. Connections open at once take different rows.
 *
 * @param conn      the connection's number, {@code conn} of its lines
 * @param row       0 for the first of connections open at once, 1 for the next, …
 * @param openMs    its {@code peer_connect}
 * @param helloMs   its {@code peer_hello_ok}; NaN without one
 * @param closingMs its first {@code peer_close}, from either side; NaN without one
 * @param endMs     its {@code peer_disconnect}; NaN while it is open
 */
public record ConnectionSpan(int conn, int row, double openMs, double helloMs, double closingMs, double endMs) {

    /** The tone of a connection before its hello ok. */
    public static final Tone OPENING = Tone.TRANSIENT;
    /** The tone of a connection after its hello ok. */
    public static final Tone UP = Tone.CONNECTED;
    /** The tone of a connection after a close frame. */
    public static final Tone CLOSING = Tone.ENDED;

    public ConnectionSpan {
        if (row < 0) {
            throw new IllegalArgumentException("row must not be negative: " + row);
        }
    }

    public boolean accepted() {
        return !Double.isNaN(helloMs);
    }

    public boolean closing() {
        return !Double.isNaN(closingMs);
    }

    public boolean ended() {
        return !Double.isNaN(endMs);
    }

    /** Its end, or {@code now} while it is open. */
    public double endOr(double now) {
        return ended() ? endMs : now;
    }

    /** When it stopped being usable: its first close frame, else its end, else {@code now}. */
    public double usableUntil(double now) {
        return closing() ? closingMs : endOr(now);
    }

    /** {@code #3}. */
    public String label() {
        return "#" + conn;
    }

    ConnectionSpan hello(double at) {
        return accepted() ? this : new ConnectionSpan(conn, row, openMs, at, closingMs, endMs);
    }

    ConnectionSpan closingAt(double at) {
        return closing() ? this : new ConnectionSpan(conn, row, openMs, helloMs, at, endMs);
    }

    ConnectionSpan end(double at) {
        return new ConnectionSpan(conn, row, openMs, helloMs, closingMs, at);
    }
}
