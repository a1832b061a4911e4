package dev.clawscope.link;

/**
 * Opens WebSocket connections for a {@link GatewayLink}. Callbacks arrive on the transport's own
 * threads; the link re-posts them to its owner thread tagged with the connection's generation.
 */
public interface Transport extends AutoCloseable {

    /** Starts opening {@code address}; the outcome arrives through {@code listener}, never by exception. */
    Connection open(GatewayAddress address, Listener listener);

    /** Releases every thread and socket the transport holds. Idempotent. */
    @Override
    void close();

    /** One WebSocket. Every method may be called from any thread and never blocks on the network. */
    interface Connection {

        /** Queues a text frame; false when the socket is not open. */
        boolean sendText(String text);

        /** Sends a WebSocket ping; false when the socket is not open. */
        boolean sendPing(byte[] payload);

        /** Sets the inbound message cap (the link's own, or the gateway's lower {@code policy.maxPayload}). */
        void setMaxInboundBytes(int bytes);

        /** Starts a close handshake; the TCP connection is closed even when the peer is dead. */
        void close(int code, String reason);
    }

    /**
     * What a connection reports. Exactly one of {@link #onClosed}, {@link #onAborted} or
     * {@link #onFailed} ends it.
     */
    interface Listener {
        void onOpen();

        void onText(String text);

        void onPong(byte[] payload);

        /** The server's close frame ended the connection. */
        void onClosed(int code, String reason);

        /**
         * The connection ended without the server's close frame: either this side raised it (a
         * framing error 1002, invalid UTF-8 1007, a message over the cap 1009, a flood 1008; the
         * close frame was sent where the socket still allowed it) or the TCP connection dropped
         * ({@code code} 1006). {@code reason} says which, in plain words.
         */
        void onAborted(int code, String reason);

        /** Connecting failed before the WebSocket was open. */
        void onFailed(String reason);

        /**
         * Something the connection ignored or could not do that does not end it, such as a binary
         * frame: {@code kind} is short and stable (the link rate-limits per kind), {@code message}
         * says what happened.
         */
        void onTransportError(String kind, String message);
    }
}
