package dev.clawscope.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.LivenessKind;
import dev.clawscope.protocol.ClientId;
import dev.clawscope.protocol.ClientInfo;
import dev.clawscope.protocol.ClientMode;
import dev.clawscope.protocol.HelloOk;
import dev.clawscope.protocol.PayloadResult;
import dev.clawscope.protocol.Secret;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Liveness} alone, through its host interface, on virtual time: no link, no socket. */
@Timeout(20)
class LivenessTest {

    private final VirtualLinkExecutor time = new VirtualLinkExecutor();
    private final Host host = new Host();

    @AfterEach
    void stop() {
        assertTrue(time.shutdown(Duration.ofSeconds(5)));
    }

    /** Pings every 15 s with a 10 s pong deadline; watchdog and probe off unless a test turns them on. */
    private static LinkConfig config() {
        return LinkConfig.defaults(GatewayAddress.parse("ws://127.0.0.1:18789", false), Secret.of("t"),
                        ClientInfo.of(ClientId.CLI, ClientMode.CLI, "0.1.0-test", "linux"), List.of("operator.read"))
                .withTickWatchdog(0).withProbe(null, Duration.ZERO);
    }

    private static HelloOk hello(long tickIntervalMs) {
        JsonHello json = new JsonHello(tickIntervalMs);
        return ((PayloadResult.Valid<HelloOk>) HelloOk.parse(json.payload())).value();
    }

    private Liveness started(LinkConfig config, long tickIntervalMs) {
        Liveness liveness = new Liveness(host, config);
        time.execute(() -> liveness.start(hello(tickIntervalMs)));
        time.runPending();
        return liveness;
    }

    @Test
    void aPingUnansweredForTheDeadlineIsAWsPongTimeout() {
        started(config(), 30_000);

        time.advance(Duration.ofSeconds(15));
        assertEquals(1, host.pings.size());
        time.advance(Duration.ofMillis(9_999));
        assertEquals(List.of(), host.lost);
        time.advance(Duration.ofMillis(1));

        assertEquals(List.of(new LinkEvent.LivenessTimeout(LivenessKind.WS_PONG, 25_000, 10_000)), host.lost);
    }

    @Test
    void aPongToThePingStopsTheDeadlineAndAPongToAnOlderOneDoesNot() {
        Liveness liveness = started(config(), 30_000);
        time.advance(Duration.ofSeconds(15));
        time.execute(() -> liveness.pong(ByteBuffer.allocate(Long.BYTES).putLong(99).array()));
        time.advance(Duration.ofSeconds(1));
        assertEquals(List.of(), host.events(LinkEvent.WsPong.class), "a pong for another ping is not ours");

        time.execute(() -> liveness.pong(host.pings.get(0)));
        time.advance(Duration.ofSeconds(10));

        assertEquals(List.of(new LinkEvent.WsPong(1_000)), host.events(LinkEvent.WsPong.class));
        assertEquals(List.of(), host.lost);
    }

    @Test
    void withoutAConnectionNoPingIsJournaledAndNoDeadlineRuns() {
        host.connected = false;
        started(config(), 30_000);

        time.advance(Duration.ofMinutes(2));

        assertEquals(List.of(), host.events(LinkEvent.WsPingSent.class));
        assertEquals(List.of(), host.lost);
    }

    @Test
    void theWatchdogGivesUpAfterTwiceTheTickIntervalOfSilenceAndInboundFramesPostponeIt() {
        LinkConfig config = config().withWsPing(Duration.ZERO, Duration.ofSeconds(10)).withTickWatchdog(2);
        Liveness liveness = started(config, 1_000);
        time.advance(Duration.ofMillis(1_500));
        time.execute(liveness::inbound);
        time.advance(Duration.ofMillis(1_999));
        assertEquals(List.of(), host.lost);

        time.advance(Duration.ofMillis(1));

        assertEquals(List.of(new LinkEvent.LivenessTimeout(LivenessKind.TICK, 2_000, 2_000)), host.lost);
    }

    @Test
    void stopCancelsEveryTimer() {
        Liveness liveness = started(config().withTickWatchdog(2), 1_000);
        time.execute(liveness::stop);
        time.runPending();

        time.advance(Duration.ofMinutes(5));

        assertEquals(List.of(), host.lost);
        assertEquals(List.of(), host.pings);
    }

    /** The link as Liveness sees it: virtual clocks and timers, a journal and a socket that only records. */
    private final class Host implements LivenessHost {
        final List<LinkEvent> emitted = new CopyOnWriteArrayList<>();
        final List<byte[]> pings = new CopyOnWriteArrayList<>();
        final List<LinkEvent.LivenessTimeout> lost = new CopyOnWriteArrayList<>();
        volatile boolean connected = true;

        @Override
        public long nowMs() {
            return time.monoNanos() / 1_000_000;
        }

        @Override
        public long wallMs() {
            return time.wallMillis();
        }

        @Override
        public Cancellable schedule(Runnable task, long delayMs) {
            return time.schedule(task, delayMs);
        }

        @Override
        public void emit(LinkEvent event) {
            emitted.add(event);
        }

        @Override
        public boolean sendPing(byte[] payload) {
            if (connected) {
                pings.add(payload);
            }
            return connected;
        }

        @Override
        public String sendProbe(String method) {
            return "probe-1";
        }

        @Override
        public void livenessLost(LivenessKind kind, long silenceMs, long deadlineMs) {
            lost.add(new LinkEvent.LivenessTimeout(kind, silenceMs, deadlineMs));
        }

        <T extends LinkEvent> List<T> events(Class<T> type) {
            return emitted.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    /** A hello-ok payload with the given tick interval. */
    private record JsonHello(long tickIntervalMs) {
        com.google.gson.JsonObject payload() {
            com.google.gson.JsonObject hello = ScriptedGateway.helloOk();
            hello.getAsJsonObject("policy").addProperty("tickIntervalMs", tickIntervalMs);
            return hello;
        }
    }
}
