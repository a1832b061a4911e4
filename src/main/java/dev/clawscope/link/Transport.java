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

        /** Raises the inbound message cap (the gateway's {@code policy.maxPayload}). */
        void setMaxInboundBytes(int bytes);

        /** Starts a close handshake; the TCP connection is closed even when the peer is dead. */
        void close(int code, String reason);
    }

    /** What a connection reports. Exactly one of {@link #onClosed} or {@link #onFailed} ends it. */
    interface Listener {
        void onOpen();

        void onText(String text);

        void onPong(byte[] payload);

        void onClosed(int code, String reason);

        void onFailed(String reason);
    }
}
