package dev.clawscope.link;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.clawscope.journal.Journal;
import dev.clawscope.protocol.ClientId;
import dev.clawscope.protocol.ClientInfo;
import dev.clawscope.protocol.ClientMode;
import dev.clawscope.protocol.DeviceIdentity;
import dev.clawscope.protocol.Secret;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A gateway in memory, for tests of how the link reads what a gateway sends: each connection gets
 * a challenge at once, and its {@code connect} request the answer {@link #answer} makes for it.
 * No sockets and no threads: frames reach the link's listener from the caller's thread, which the
 * link re-posts to its owner thread as it does with a real transport.
 */
final class ScriptedGateway implements Transport {

    private static final String CHALLENGE =
            "{\"type\":\"event\",\"event\":\"connect.challenge\",\"payload\":{\"nonce\":\"n-1\",\"ts\":1}}";

    /** The {@code connect} answer: given the request id, the whole {@code res} frame. */
    private final Function<String, String> answer;
    private final List<Integer> inboundCaps = new CopyOnWriteArrayList<>();
    private final List<Integer> closedByLink = new CopyOnWriteArrayList<>();
    private final AtomicInteger opened = new AtomicInteger();
    private volatile Predicate<String> failSend = text -> false;
    private volatile Listener listener;

    ScriptedGateway(Function<String, String> answer) {
        this.answer = answer;
    }

    /** A gateway that accepts every connect with {@code hello}. */
    static ScriptedGateway accepting(JsonObject hello) {
        return new ScriptedGateway(id -> "{\"type\":\"res\",\"id\":\"" + id + "\",\"ok\":true,\"payload\":" + hello + "}");
    }

    /** A plausible hello-ok payload: 30 s ticks, a 25 MiB frame cap, no methods, read scope. */
    static JsonObject helloOk() {
        return JsonParser.parseString("{\"type\":\"hello-ok\",\"protocol\":4,"
                + "\"server\":{\"version\":\"2026.9.6\",\"connId\":\"conn-1\"},"
                + "\"features\":{\"methods\":[],\"events\":[\"tick\",\"shutdown\"]},"
                + "\"policy\":{\"maxPayload\":26214400,\"maxBufferedBytes\":52428800,\"tickIntervalMs\":30000},"
                + "\"auth\":{\"role\":\"operator\",\"scopes\":[\"operator.read\"]},"
                + "\"snapshot\":{\"presence\":[],\"uptimeMs\":1}}").getAsJsonObject();
    }

    /** A CLI operator link with the default config on this gateway, timed by {@code clock}. */
    GatewayLink link(LinkExecutor clock, Journal journal) {
        return new GatewayLink(
                LinkConfig.defaults(GatewayAddress.parse("ws://127.0.0.1:18789", false), Secret.of("t-123"),
                        ClientInfo.of(ClientId.CLI, ClientMode.CLI, "0.1.0-test", "linux"), List.of("operator.read")),
                this, clock, journal, DeviceIdentity.generate(), DeviceTokenStore.inMemory(), new SplittableRandom(1));
    }

    /** Sends {@code frame} on the current connection. */
    void send(String frame) {
        listener.onText(frame);
    }

    /** Closes the current connection from the gateway's side. */
    void close(int code, String reason) {
        listener.onClosed(code, reason);
    }

    /** From now on, {@code sendText} throws for texts that match, as a broken encoder or socket would. */
    void failSendWhen(Predicate<String> when) {
        failSend = when;
    }

    /** Connections the link opened so far. */
    int opened() {
        return opened.get();
    }

    /** The close codes the link closed its connections with, in order. */
    List<Integer> closedByLink() {
        return List.copyOf(closedByLink);
    }

    /** Every inbound cap the link set, in order. */
    List<Integer> inboundCaps() {
        return List.copyOf(inboundCaps);
    }

    @Override
    public Connection open(GatewayAddress address, Listener opened) {
        listener = opened;
        this.opened.incrementAndGet();
        opened.onOpen();
        opened.onText(CHALLENGE);
        return new Connection() {
            @Override
            public boolean sendText(String text) {
                if (failSend.test(text)) {
                    throw new IllegalStateException("scripted failure while sending");
                }
                JsonObject request = JsonParser.parseString(text).getAsJsonObject();
                if ("connect".equals(request.get("method").getAsString())) {
                    opened.onText(answer.apply(request.get("id").getAsString()));
                }
                return true;
            }

            @Override
            public boolean sendPing(byte[] payload) {
                return true;
            }

            @Override
            public void setMaxInboundBytes(int bytes) {
                inboundCaps.add(bytes);
            }

            @Override
            public void close(int code, String reason) {
                // the link has moved on to a new generation; nothing it would read comes after this
                closedByLink.add(code);
            }
        };
    }

    @Override
    public void close() {
        // nothing held
    }
}
