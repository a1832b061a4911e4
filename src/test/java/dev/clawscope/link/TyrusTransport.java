package dev.clawscope.link;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.SslEngineConfigurator;
import org.glassfish.tyrus.container.jdk.client.JdkClientContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link's former transport, kept for comparison in the large-frame benchmark: Tyrus with the
 * JDK's own sockets. It removes the {@code Origin} header
 * Tyrus adds by default (the gateway would treat the socket as a browser), answers server pings
 * (Tyrus does that itself), and runs the blocking connect on one daemon thread of its own.
 */
public final class TyrusTransport implements Transport {

    private static final Logger LOG = LoggerFactory.getLogger(TyrusTransport.class);
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** The link's own inbound cap (25 MiB): hello-ok's {@code policy.maxPayload} may lower it, never raise it. */
    static final int DEFAULT_MAX_INBOUND = 26_214_400;

    /**
     * One Tyrus client per distinct setting, shared by every link in the process: a client's pools
     * outlive its sessions (its shutdown waits for them), so a client per link would leak threads
     * under connect/dispose races. The JDK container's I/O threads are shared anyway.
     */
    private static final Map<String, ClientManager> CLIENTS = new ConcurrentHashMap<>();

    private final ClientManager client;
    private final ExecutorService connector;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Set<TyrusConnection> connections = ConcurrentHashMap.newKeySet();

    /**
     * @param handshakeTimeoutMs how long the TCP connect plus HTTP upgrade may take
     * @param pinnedSha256 a leaf-certificate fingerprint for {@code wss://}, or empty for normal validation
     */
    public TyrusTransport(long handshakeTimeoutMs, Optional<String> pinnedSha256) {
        pinnedSha256.ifPresent(PinnedTrust::parse);
        client = CLIENTS.computeIfAbsent(handshakeTimeoutMs + "|" + pinnedSha256.orElse(""),
                key -> newClient(handshakeTimeoutMs, pinnedSha256));
        int n = COUNTER.incrementAndGet();
        connector = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "clawscope-connect-" + n);
            t.setDaemon(true);
            return t;
        });
    }

    private static ClientManager newClient(long handshakeTimeoutMs, Optional<String> pinnedSha256) {
        ClientManager client = ClientManager.createClient(JdkClientContainer.class.getName());
        client.getProperties().put(ClientProperties.HANDSHAKE_TIMEOUT, (int) Math.min(Integer.MAX_VALUE, handshakeTimeoutMs));
        client.getProperties().put("org.glassfish.tyrus.incomingBufferSize", DEFAULT_MAX_INBOUND + 1024);
        client.setDefaultMaxTextMessageBufferSize(DEFAULT_MAX_INBOUND);
        pinnedSha256.ifPresent(pin -> {
            SSLContext context = PinnedTrust.sslContext(pin);
            SslEngineConfigurator ssl = new SslEngineConfigurator(context, true, false, false);
            // The pin replaces CA trust, so a self-signed gateway certificate works; the name check goes with it.
            ssl.setHostVerificationEnabled(false);
            client.getProperties().put(ClientProperties.SSL_ENGINE_CONFIGURATOR, ssl);
        });
        return client;
    }

    @Override
    public Connection open(GatewayAddress address, Listener listener) {
        TyrusConnection connection = new TyrusConnection(listener);
        connections.add(connection);
        try {
            connector.execute(() -> connection.connect(address));
        } catch (RejectedExecutionException e) {
            connection.fail("transport closed");
        }
        return connection;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        connections.forEach(c -> c.close(1000, ""));
        connector.shutdownNow();
        try {
            // A connect blocked in the upgrade ends within the handshake timeout; its socket is
            // closed as soon as it opens (closeRequested), so returning early leaks nothing.
            if (!connector.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.debug("connect thread still busy 2 s after the transport closed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class TyrusConnection implements Connection {
        private final Listener listener;
        private final AtomicBoolean ended = new AtomicBoolean();
        /** Set once the upgrade succeeded; read from any thread. */
        private volatile Session session;
        /** Set when close() comes before the socket is open: close it as soon as it opens. */
        private volatile boolean closeRequested;

        TyrusConnection(Listener listener) {
            this.listener = listener;
        }

        void connect(GatewayAddress address) {
            if (closeRequested) {
                fail("closed before connecting");
                return;
            }
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                    .configurator(new ClientEndpointConfig.Configurator() {
                        @Override
                        public void beforeRequest(Map<String, List<String>> headers) {
                            headers.keySet().removeIf(name -> name.equalsIgnoreCase("Origin"));
                        }
                    }).build();
            try {
                client.connectToServer(new Endpoint() {
                    @Override
                    public void onOpen(Session s, EndpointConfig c) {
                        s.setMaxTextMessageBufferSize(DEFAULT_MAX_INBOUND);
                        s.addMessageHandler(String.class, (MessageHandler.Whole<String>) listener::onText);
                        s.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong -> {
                            ByteBuffer data = pong.getApplicationData();
                            byte[] bytes = new byte[data.remaining()];
                            data.get(bytes);
                            listener.onPong(bytes);
                        });
                        session = s;
                        listener.onOpen();
                        if (closeRequested) {
                            closeQuietly(s, 1000, "");
                        }
                    }

                    @Override
                    public void onClose(Session s, CloseReason reason) {
                        connections.remove(TyrusConnection.this);
                        if (ended.compareAndSet(false, true)) {
                            listener.onClosed(reason.getCloseCode().getCode(), reason.getReasonPhrase());
                        }
                    }

                    @Override
                    public void onError(Session s, Throwable error) {
                        LOG.debug("websocket error: {}", error.toString());
                    }
                }, config, address.uri());
            } catch (Exception e) {
                fail(WsTransport.describe(e));
            }
        }

        void fail(String reason) {
            connections.remove(this);
            if (ended.compareAndSet(false, true)) {
                listener.onFailed(reason);
            }
        }

        @Override
        public boolean sendText(String text) {
            Session s = session;
            if (s == null || !s.isOpen()) {
                return false;
            }
            s.getAsyncRemote().sendText(text);
            return true;
        }

        @Override
        public boolean sendPing(byte[] payload) {
            Session s = session;
            if (s == null || !s.isOpen()) {
                return false;
            }
            try {
                s.getAsyncRemote().sendPing(ByteBuffer.wrap(payload));
                return true;
            } catch (Exception e) {
                return false;
            }
        }

        @Override
        public void setMaxInboundBytes(int bytes) {
            Session s = session;
            if (s != null) {
                s.setMaxTextMessageBufferSize(bytes);
            }
        }

        @Override
        public void close(int code, String reason) {
            closeRequested = true;
            Session s = session;
            if (s != null) {
                closeQuietly(s, code, reason);
            }
        }
    }

    private static void closeQuietly(Session s, int code, String reason) {
        try {
            s.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (Exception e) {
            LOG.debug("close failed: {}", e.toString());
        }
    }
}
