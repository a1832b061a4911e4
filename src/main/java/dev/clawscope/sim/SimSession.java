package dev.clawscope.sim;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.clawscope.protocol.Challenge;
import dev.clawscope.protocol.DecodeFailure;
import dev.clawscope.protocol.DecodeResult;
import dev.clawscope.protocol.Decoded;
import dev.clawscope.protocol.EventFrame;
import dev.clawscope.protocol.Frame;
import dev.clawscope.protocol.FrameCodec;
import dev.clawscope.protocol.GatewayError;
import dev.clawscope.protocol.RequestFrame;
import dev.clawscope.protocol.ResponseFrame;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket on the simulator: challenge, handshake, then ticks, pings and methods. Tyrus
 * delivers this socket's messages one at a time; timers run on the gateway's clock thread, so
 * every state change happens under this object's lock.
 */
public final class SimSession extends Endpoint {

    /** Pre-auth frames over 64 KiB close the socket, as on the real gateway. */
    static final int MAX_PREAUTH_BYTES = 64 * 1024;
    static final int MAX_PAYLOAD_BYTES = 26_214_400;

    private static final Logger LOG = LoggerFactory.getLogger(SimSession.class);
    private static final FrameCodec CODEC = new FrameCodec(MAX_PAYLOAD_BYTES);

    private enum Phase { AWAITING_CONNECT, ADMITTING, OPEN, CLOSED }

    private final SimGateway gateway;
    private final String connId = UUID.randomUUID().toString();
    /** Guarded by {@code this}. */
    private Session session;
    private long doorId = -1;
    private boolean browserOrigin;
    private Phase phase = Phase.AWAITING_CONNECT;
    private String nonce;
    private HandshakeOutcome.Accepted identity;
    private long seq;
    private long lastPongMs;
    private ScheduledFuture<?> handshakeDeadline;
    private ScheduledFuture<?> pingTimer;

    SimSession(SimGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public void onOpen(Session s, EndpointConfig config) {
        synchronized (this) {
            session = s;
            doorId = parseLong(first(s.getRequestParameterMap().get(FrontDoor.CONN_PARAM)));
            browserOrigin = "1".equals(first(s.getRequestParameterMap().get(FrontDoor.ORIGIN_PARAM)));
            s.setMaxTextMessageBufferSize(MAX_PREAUTH_BYTES);
            s.setMaxBinaryMessageBufferSize(MAX_PREAUTH_BYTES);
            s.setMaxIdleTimeout(0);
            nonce = UUID.randomUUID().toString();
            s.addMessageHandler(String.class, (MessageHandler.Whole<String>) this::onText);
            s.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) this::onBinary);
            s.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong -> onPong());
            gateway.register(this);
            send(new Challenge(nonce, gateway.state().now()).toEvent());
            handshakeDeadline = gateway.schedule(this::handshakeExpired, gateway.state().handshakeTimeoutMs());
        }
    }

    @Override
    public void onClose(Session s, CloseReason reason) {
        finish();
    }

    @Override
    public void onError(Session s, Throwable error) {
        LOG.debug("sim connection {} error: {}", connId, error.toString());
    }

    String connId() {
        return connId;
    }

    synchronized boolean isOpen() {
        return phase == Phase.OPEN;
    }

    synchronized HandshakeOutcome.Accepted identity() {
        return identity;
    }

    private void onBinary(ByteBuffer bytes) {
        // The real gateway decodes binary frames as UTF-8 too.
        onText(StandardCharsets.UTF_8.decode(bytes).toString());
    }

    private synchronized void onText(String text) {
        if (phase == Phase.CLOSED) {
            return;
        }
        if (phase != Phase.OPEN && utf8Length(text) > MAX_PREAUTH_BYTES) {
            close(1009, "preauth payload too large");
            return;
        }
        DecodeResult decoded = CODEC.decode(text);
        if (decoded instanceof DecodeFailure failure) {
            if (phase != Phase.OPEN) {
                rejectHandshake("invalid handshake: " + failure.message());
            }
            return;
        }
        Frame frame = ((Decoded) decoded).frame();
        switch (phase) {
            case AWAITING_CONNECT -> onFirstFrame(frame);
            case ADMITTING -> { } // the real gateway queues these until the handshake ends; nothing to answer
            case OPEN -> {
                if (frame instanceof RequestFrame request) {
                    onRequest(request);
                }
            }
            case CLOSED -> { }
        }
    }

    private void onFirstFrame(Frame frame) {
        if (!(frame instanceof RequestFrame request) || !"connect".equals(request.method())) {
            String id = frame instanceof RequestFrame r ? r.id() : "invalid";
            sendResponse(ResponseFrame.failure(id, new GatewayError("INVALID_REQUEST",
                    "invalid handshake: first request must be connect", null, null, null)));
            close(1008, "invalid-handshake");
            return;
        }
        phase = Phase.ADMITTING;
        gateway.state().countConnectAttempt();
        long delay = gateway.state().handshakeDelayMs();
        if (delay > 0) {
            gateway.schedule(() -> admit(request), delay);
        } else {
            admit(request);
        }
    }

    private synchronized void admit(RequestFrame request) {
        if (phase != Phase.ADMITTING) {
            return;
        }
        HandshakeOutcome outcome = gateway.handshake().admit(request.params(), nonce, gateway.state().now(),
                browserOrigin);
        if (outcome instanceof HandshakeOutcome.Rejected rejected) {
            sendResponse(ResponseFrame.failure(request.id(), rejected.error()));
            close(rejected.closeCode(), rejected.closeReason());
            if (rejected.pairingRequest() != null) {
                gateway.announcePairingRequest(rejected.pairingRequest());
            }
            return;
        }
        identity = (HandshakeOutcome.Accepted) outcome;
        cancel(handshakeDeadline);
        phase = Phase.OPEN;
        session.setMaxTextMessageBufferSize(MAX_PAYLOAD_BYTES);
        session.setMaxBinaryMessageBufferSize(MAX_PAYLOAD_BYTES);
        gateway.state().countHandshake();
        sendResponse(ResponseFrame.success(request.id(), gateway.helloOk(identity, connId)));
        lastPongMs = gateway.state().now();
        pingTimer = gateway.schedule(this::pingDue, gateway.state().wsPingIntervalMs());
    }

    private void onRequest(RequestFrame request) {
        gateway.state().countMethod(request.method());
        ResponseFrame response = gateway.methods().call(request, identity);
        long delay = gateway.state().methodDelayMs();
        if (delay > 0) {
            gateway.schedule(() -> answerLater(response), delay);
        } else {
            sendResponse(response);
        }
    }

    private synchronized void answerLater(ResponseFrame response) {
        if (phase == Phase.OPEN) {
            sendResponse(response);
        }
    }

    private synchronized void onPong() {
        lastPongMs = gateway.state().now();
    }

    /** Sends a server ping and checks for its pong after the deadline (the real gateway's keepalive). */
    private synchronized void pingDue() {
        if (phase != Phase.OPEN) {
            return;
        }
        if (!gateway.frozen()) {
            long sentAt = gateway.state().now();
            try {
                session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
            } catch (IOException | RuntimeException e) {
                LOG.debug("ping to {} failed: {}", connId, e.toString());
            }
            gateway.schedule(() -> pongCheck(sentAt), gateway.state().pongDeadlineMs());
        }
        pingTimer = gateway.schedule(this::pingDue, gateway.state().wsPingIntervalMs());
    }

    private synchronized void pongCheck(long pingSentAt) {
        if (phase == Phase.OPEN && !gateway.frozen() && lastPongMs < pingSentAt) {
            LOG.debug("sim connection {} missed its pong: terminating", connId);
            terminate();
        }
    }

    /** A thawed process answers as if no time had passed: outstanding pings count as answered. */
    synchronized void thawed() {
        lastPongMs = gateway.state().now();
    }

    synchronized void sendEvent(String event, JsonElement payload, String requiredScope) {
        if (phase != Phase.OPEN || requiredScope != null && !Scopes.satisfies(identity.scopes(), requiredScope)) {
            return;
        }
        seq += 1 + gateway.takeSeqGap(this);
        send(new EventFrame(event, payload, seq, null));
    }

    /** Drops the socket with no close frame: the client sees 1006. */
    synchronized void terminate() {
        if (phase == Phase.CLOSED) {
            return;
        }
        gateway.abortDoor(doorId);
        finish();
    }

    synchronized void close(int code, String reason) {
        if (phase == Phase.CLOSED) {
            return;
        }
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException | RuntimeException e) {
            LOG.debug("close of {} failed: {}", connId, e.toString());
        }
        finish();
    }

    private void handshakeExpired() {
        synchronized (this) {
            if (phase == Phase.AWAITING_CONNECT || phase == Phase.ADMITTING) {
                close(1000, "");
            }
        }
    }

    private void rejectHandshake(String message) {
        sendResponse(ResponseFrame.failure("invalid", new GatewayError("INVALID_REQUEST", message, null, null, null)));
        close(1008, Handshake.truncateReason(message));
    }

    private synchronized void finish() {
        if (phase == Phase.CLOSED) {
            return;
        }
        phase = Phase.CLOSED;
        cancel(handshakeDeadline);
        cancel(pingTimer);
        gateway.unregister(this);
    }

    private void sendResponse(ResponseFrame response) {
        send(response);
    }

    private void send(Frame frame) {
        if (session == null || !session.isOpen()) {
            return;
        }
        try {
            session.getAsyncRemote().sendText(CODEC.encode(frame));
        } catch (RuntimeException e) {
            LOG.debug("send to {} failed: {}", connId, e.toString());
        }
    }

    JsonObject presenceEntry() {
        HandshakeOutcome.Accepted who = identity();
        JsonObject entry = new JsonObject();
        entry.addProperty("clientId", who.clientId());
        entry.addProperty("mode", who.clientMode());
        entry.addProperty("version", who.version());
        entry.addProperty("platform", who.platform());
        if (who.instanceId() != null) {
            entry.addProperty("instanceId", who.instanceId());
        }
        if (who.deviceId() != null) {
            entry.addProperty("deviceId", who.deviceId());
        }
        JsonArray roles = new JsonArray();
        roles.add(who.role());
        entry.add("roles", roles);
        JsonArray scopes = new JsonArray();
        who.scopes().forEach(scopes::add);
        entry.add("scopes", scopes);
        entry.addProperty("reason", "connect");
        entry.addProperty("ts", gateway.state().now());
        return entry;
    }

    private static long utf8Length(String text) {
        if (text.length() * 3L <= MAX_PREAUTH_BYTES) {
            return text.length();
        }
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static long parseLong(String value) {
        try {
            return value == null ? -1 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
