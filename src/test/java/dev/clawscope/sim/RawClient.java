package dev.clawscope.sim;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.clawscope.protocol.Challenge;
import dev.clawscope.protocol.Decoded;
import dev.clawscope.protocol.EventFrame;
import dev.clawscope.protocol.Frame;
import dev.clawscope.protocol.FrameCodec;
import dev.clawscope.protocol.RequestFrame;
import dev.clawscope.protocol.ResponseFrame;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.container.jdk.client.JdkClientContainer;

/** A bare Tyrus WebSocket client for simulator tests: raw frames in, raw frames out, no link logic. */
final class RawClient implements AutoCloseable {

    private static final FrameCodec CODEC = new FrameCodec();

    final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final List<Frame> unmatched = new ArrayList<>();
    final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private final ClientManager client;
    private final Session session;
    private int nextId = 1;

    private RawClient(URI url, boolean withOrigin) throws Exception {
        client = ClientManager.createClient(JdkClientContainer.class.getName());
        client.getProperties().put(ClientProperties.HANDSHAKE_TIMEOUT, 5_000);
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        headers.remove("Origin");
                        if (withOrigin) {
                            headers.put("Origin", List.of("http://127.0.0.1"));
                        }
                    }
                }).build();
        session = client.connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session s, EndpointConfig c) {
                s.setMaxTextMessageBufferSize(26_214_400);
                s.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                    if (CODEC.decode(text) instanceof Decoded d) {
                        frames.add(d.frame());
                    }
                });
            }

            @Override
            public void onClose(Session s, CloseReason reason) {
                closed.complete(reason);
            }
        }, config, url);
    }

    static RawClient connect(URI url) throws Exception {
        return new RawClient(url, false);
    }

    static RawClient connectWithOrigin(URI url) throws Exception {
        return new RawClient(url, true);
    }

    Challenge challenge() throws InterruptedException {
        EventFrame event = nextEvent("connect.challenge", Duration.ofSeconds(5));
        return Challenge.from(event).toOptional().orElseThrow();
    }

    String request(String method, JsonObject params) {
        String id = "r" + nextId++;
        send(new RequestFrame(id, method, params));
        return id;
    }

    void send(Frame frame) {
        sendText(CODEC.encode(frame));
    }

    void sendText(String text) {
        session.getAsyncRemote().sendText(text);
    }

    void sendPing() throws Exception {
        session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
    }

    ResponseFrame response(String id, Duration timeout) throws InterruptedException {
        Frame frame = next(f -> f instanceof ResponseFrame r && r.id().equals(id), timeout);
        assertNotNull(frame, "no response to " + id + " within " + timeout);
        return (ResponseFrame) frame;
    }

    EventFrame nextEvent(String name, Duration timeout) throws InterruptedException {
        Frame frame = next(f -> f instanceof EventFrame e && e.event().equals(name), timeout);
        assertNotNull(frame, "no " + name + " event within " + timeout);
        return (EventFrame) frame;
    }

    /**
     * Waits for a frame matching {@code wanted}; frames that do not match are kept for later
     * calls, so the order in which a test asks does not lose anything. Null on timeout.
     */
    Frame next(Predicate<Frame> wanted, Duration timeout) throws InterruptedException {
        for (Iterator<Frame> it = unmatched.iterator(); it.hasNext(); ) {
            Frame frame = it.next();
            if (wanted.test(frame)) {
                it.remove();
                return frame;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Frame frame = left <= 0 ? frames.poll() : frames.poll(left, TimeUnit.NANOSECONDS);
            if (frame == null) {
                return null;
            }
            if (wanted.test(frame)) {
                return frame;
            }
            unmatched.add(frame);
        }
    }

    /** Forgets every frame received so far. */
    void discardReceived() {
        unmatched.clear();
        frames.clear();
    }

    CloseReason awaitClose(Duration timeout) throws Exception {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isOpen() {
        return session.isOpen();
    }

    void assertOpen() {
        assertTrue(session.isOpen(), "session should still be open");
    }

    @Override
    public void close() throws Exception {
        if (session.isOpen()) {
            session.close();
        }
        client.shutdown();
    }
}
