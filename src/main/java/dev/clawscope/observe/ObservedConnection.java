package dev.clawscope.observe;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.clawscope.chaos.ByteSink;
import dev.clawscope.chaos.ConnectionTap;
import dev.clawscope.chaos.StreamTap;
import dev.clawscope.chaos.TappedConnection;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.protocol.GatewayRejection;
import dev.clawscope.ws.Opcode;
import dev.clawscope.ws.Utf8;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One TCP connection of the observed client, relayed to its own connection to the target: both
 * directions' {@link WireReader}s, the protocol faults that act on it, and what it tells the
 * {@link Analyzer}. Confined to the relay's I/O thread, except {@link #lastServerSeq}.
 */
final class ObservedConnection implements ConnectionTap, WireEvents {

    private final ObserverCore core;
    private final TappedConnection relay;
    private final WireReader fromClient;
    private final WireReader fromServer;
    /** The seq of the last event the server sent, kept by the analyzer, for a shutdown sent in its place. */
    final AtomicLong lastServerSeq = new AtomicLong();
    private boolean compression;
    private boolean upgraded;
    /** The server's frame being read is a pong the relay drops (frames of one side never interleave). */
    private boolean droppingServerFrame;
    /** Whether each side's first close frame was seen. */
    private final boolean[] closeSeen = new boolean[2];
    private boolean ending;
    private boolean resetByObserver;
    /** The reader is about to report a text message that {@link #held} already passed on. */
    private boolean textAlreadyPosted;

    ObservedConnection(ObserverCore core, TappedConnection relay, boolean stalled) {
        this.core = core;
        this.relay = relay;
        this.fromClient = new WireReader(Side.CLIENT, this, relay.toTarget());
        this.fromServer = new WireReader(Side.SERVER, this, relay.toClient());
        if (stalled) {
            // Nothing either way, not even the target's giving up (a server's header timeout).
            fromClient.swallow();
            fromServer.end();
            relay.keepClientOpen();
        }
    }

    int number() {
        return relay.number();
    }

    @Override
    public StreamTap fromClient() {
        return fromClient;
    }

    @Override
    public StreamTap fromTarget() {
        return fromServer;
    }

    @Override
    public void onClosed(boolean reset) {
        core.closed(this, reset, resetByObserver);
    }

    // ---- what the readers found -------------------------------------------------------------

    @Override
    public boolean head(Side from, String head, long nanos) {
        String[] lines = head.split("\r\n");
        String[] first = lines[0].split(" ", 3);
        if (from == Side.CLIENT) {
            if (first.length < 3 || !first[2].startsWith("HTTP/1.")) {
                problem(from, "a request line that is not HTTP/1.x: " + Text.printable(lines[0], 80), nanos);
                return false;
            }
            String target = first[1];
            int query = target.indexOf('?');
            String path = query < 0 ? target : target.substring(0, query) + "?…";
            core.post(new Seen.Request(number(), nanos, Text.printable(path, 200), header(lines, "origin") != null,
                    Text.printableOrNull(header(lines, "user-agent"), 200),
                    Text.printableOrNull(header(lines, "sec-websocket-extensions"), 200)));
            return true;
        }
        Integer status = null;
        if (first.length >= 2 && first[0].startsWith("HTTP/1.")) {
            try {
                status = Integer.parseInt(first[1]);
            } catch (NumberFormatException e) {
                status = null;
            }
        }
        String extensions = header(lines, "sec-websocket-extensions");
        core.post(new Seen.Response(number(), nanos, status, Text.printableOrNull(extensions, 200)));
        if (status == null) {
            problem(from, "a response line that is not HTTP/1.x: " + Text.printable(lines[0], 80), nanos);
        }
        upgraded = status != null && status == 101;
        if (!upgraded) {
            fromClient.opaque();
            return false;
        }
        compression = extensions != null && extensions.toLowerCase(Locale.ROOT).contains("permessage-deflate");
        return true;
    }

    private static String header(String[] lines, String name) {
        String found = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).strip().equalsIgnoreCase(name)) {
                String value = lines[i].substring(colon + 1).strip();
                found = found == null ? value : found + ", " + value;
            }
        }
        return found;
    }

    @Override
    public void problem(Side from, String problem, long nanos) {
        core.post(new Seen.Problem(number(), nanos, from, problem));
    }

    @Override
    public Action frameStarts(Side from, WireHeader header) {
        if (from == Side.SERVER) {
            droppingServerFrame = header.opcode() == Opcode.PONG && core.droppingPongs();
            if (droppingServerFrame) {
                return Action.DROP;
            }
        }
        if (from == Side.CLIENT && header.opcode() == Opcode.TEXT && header.fin() && core.rejectionArmed()) {
            return Action.HOLD;
        }
        return Action.FORWARD;
    }

    @Override
    public void control(Side from, int opcode, byte[] payload, long nanos) {
        Seen.Control seen = new Seen.Control(number(), nanos, from, opcode, payload,
                from == Side.SERVER && droppingServerFrame);
        if (opcode == Opcode.CLOSE && !closeSeen[from.ordinal()]) {
            closeSeen[from.ordinal()] = true;
            core.post(seen); // who closed first decides the disconnect's attribution: never dropped
        } else {
            core.postFrame(seen);
        }
    }

    @Override
    public void text(Side from, byte[] message, int length, long nanos) {
        if (textAlreadyPosted) {
            textAlreadyPosted = false;
            return;
        }
        core.postFrame(new Seen.Text(number(), nanos, from, message, length));
    }

    @Override
    public void skipped(Side from, int opcode, long length, String why, long nanos) {
        core.postFrame(new Seen.Skipped(number(), nanos, from, opcode, length, why));
    }

    @Override
    public void held(Side from, byte[] raw, byte[] payload, WireHeader header, ByteSink out, long nanos) {
        // Only a connect the gateway would read gets the rejection; the reader reports valid UTF-8 only.
        JsonObject connect = Utf8.isValid(payload, 0, payload.length) ? connectRequest(payload) : null;
        String id = connect == null ? null : Json.id(connect);
        GatewayRejection rejection = id == null ? null : core.takeRejection(Json.object(connect, "params"));
        if (rejection == null) {
            out.emit(raw);
            return;
        }
        // The client's connect never reaches the gateway: the observer answers as the gateway does.
        // The request itself is still decoded (peer_hello); the text event goes first to keep order.
        core.post(new Seen.Text(number(), nanos, from, payload.clone(), payload.length));
        textAlreadyPosted = true;
        core.post(new Seen.Injected(number(), nanos, new LinkEvent.PeerResponse(number(), "connect", id, false,
                rejection.error().code(), rejection.error().detailsCode().orElse(null),
                rejection.error().retryAfterMs(), null, "observer")));
        sendToClient(ServerFrames.text(ServerFrames.rejection(id, rejection)));
        closeTowardsClient(rejection.closeCode(), rejection.closeReason(), nanos);
    }

    /** The frame when {@code payload} is a {@code connect} request, else null. */
    private static JsonObject connectRequest(byte[] payload) {
        try {
            JsonElement parsed = JsonParser.parseString(new String(payload, StandardCharsets.UTF_8));
            if (!parsed.isJsonObject()) {
                return null;
            }
            JsonObject o = parsed.getAsJsonObject();
            return "req".equals(Json.string(o, "type")) && "connect".equals(Json.string(o, "method")) ? o : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public void ended(Side from, boolean reset, long nanos) {
        core.post(new Seen.Ended(number(), nanos, from, reset));
    }

    @Override
    public boolean compressionAgreed() {
        return compression;
    }

    // ---- what the observer does in the gateway's place ----------------------------------------

    /** {@code restart}: a shutdown event with {@code restartExpectedMs}, then close 1012, as the gateway sends them. */
    void announceRestart(long restartExpectedMs, long nanos) {
        if (!relay.open() || ending) {
            return;
        }
        if (!upgraded) {
            resetByObserver = true;
            relay.reset();
            return;
        }
        long seq = lastServerSeq.get() + 1;
        core.post(new Seen.Injected(number(), nanos, new LinkEvent.PeerEvent(number(), "shutdown", seq,
                restartExpectedMs, "observer")));
        sendToClient(ServerFrames.text(ServerFrames.shutdown(restartExpectedMs, seq)));
        closeTowardsClient(1012, "service restart", nanos);
    }

    private void sendToClient(byte[] frame) {
        fromServer.inject(frame, null);
    }

    private void closeTowardsClient(int code, String reason, long nanos) {
        ending = true;
        core.post(new Seen.Injected(number(), nanos, new LinkEvent.PeerClose(number(), "observer", code, reason)));
        fromServer.inject(ServerFrames.close(code, reason), () -> {
            fromServer.end();
            relay.endTowardsClient();
        });
        core.resetLater(this);
    }

    /** Resets both sides if still open: the client did not end a connection the observer closed. */
    void resetIfOpen() {
        if (relay.open()) {
            resetByObserver = true;
            relay.reset();
        }
    }

    /** The {@code reset} fault resets this connection now: the disconnect names the observer. */
    @Override
    public void resetByFault() {
        markResetByObserver();
    }

    /** The observer is about to end this connection itself (a reset, its own close): the disconnect names it. */
    void markResetByObserver() {
        resetByObserver = true;
    }
}
