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
import java.util.Arrays;
import java.util.Collections;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Liveness} alone, through its host interface, on virtual time: no link, no socket. */
@Timeout(20)
class LivenessTest {

    private final VirtualLinkExecutor time = new VirtualLinkExecutor();
    private final Host host = new Host();

    @AfterEach
    void stop() {
        assertTrue(time.shutdown(Duration.ofSeconds(5)));
    }

    /** Pings every 5 s with a pong deadline of at least 5 s; watchdog and probe off unless a test turns them on. */
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

        time.advance(Duration.ofSeconds(5));
        assertEquals(1, host.pings.size());
        assertEquals(List.of(new LinkEvent.WsPingSent(5_000L)), host.events(LinkEvent.WsPingSent.class));
        time.advance(Duration.ofMillis(4_999));
        assertEquals(List.of(), host.lost);
        time.advance(Duration.ofMillis(1));

        assertEquals(List.of(new LinkEvent.LivenessTimeout(LivenessKind.WS_PONG, 10_000, 5_000)), host.lost);
    }

    @Test
    void aPongToThePingStopsTheDeadlineAndAPongToAnOlderOneDoesNot() {
        Liveness liveness = started(config(), 30_000);
        time.advance(Duration.ofSeconds(5));
        time.execute(() -> liveness.pong(ByteBuffer.allocate(Long.BYTES).putLong(99).array()));
        time.advance(Duration.ofSeconds(1));
        assertEquals(List.of(), host.events(LinkEvent.WsPong.class), "a pong for another ping is not ours");

        time.execute(() -> liveness.pong(host.pings.get(0)));
        time.advance(Duration.ofSeconds(4));

        assertEquals(List.of(new LinkEvent.WsPong(1_000)), host.events(LinkEvent.WsPong.class));
        assertEquals(List.of(), host.lost);
    }

    /**
     * Each ping's deadline after the pongs before it, and the next ping, unanswered, times out at
     * exactly the last of them with that deadline in its line.
     */
    @ParameterizedTest(name = "ping every {0} ms, floor {1} ms, round trips {2}: deadlines {3}")
    @CsvSource(delimiter = '|', value = {
        "5000  | 5000  | 1666 1666 1666 | 5000 5000 5000 5000", // 3 x 1666 ms is under the floor
        "5000  | 5000  | 1000 2500 1800 | 5000 5000 7500 7500", // 3 x the largest of them
        "15000 | 11000 | 10001          | 11000 30000",         // 3 x 10001 ms is cut to 30 s
        "60000 | 45000 | 20000          | 45000 45000"          // a configured floor above the cap is kept
    })
    void theDeadlineIsThreeTimesTheLargestRecentRoundTripBetweenFloorAndCap(long intervalMs, long floorMs,
            String rtts, String expected) {
        Liveness liveness = started(config().withWsPing(Duration.ofMillis(intervalMs), Duration.ofMillis(floorMs)),
                30_000);
        long[] rttMs = Arrays.stream(rtts.split(" ")).mapToLong(Long::parseLong).toArray();
        answerPingsUntilTheNext(liveness, intervalMs, rttMs);

        List<Long> deadlines = Arrays.stream(expected.split(" ")).map(Long::valueOf).toList();
        assertEquals(deadlines, deadlines());
        assertTimesOutExactlyAfter(LivenessKind.WS_PONG, deadlines.get(deadlines.size() - 1),
                intervalMs - rttMs[rttMs.length - 1]);
    }

    @Test
    void theDeadlineForgetsRoundTripsOlderThanTheLast16Pongs() {
        Liveness liveness = started(config(), 30_000);
        long[] rtts = new long[Liveness.RTT_WINDOW + 1];
        Arrays.fill(rtts, 100);
        rtts[0] = 3_000;
        answerPingsUntilTheNext(liveness, 5_000, rtts);

        List<Long> deadlines = deadlines();
        assertEquals(Liveness.RTT_WINDOW + 2, deadlines.size());
        assertEquals(5_000L, deadlines.get(0));
        assertEquals(Collections.nCopies(Liveness.RTT_WINDOW, 9_000L), deadlines.subList(1, Liveness.RTT_WINDOW + 1),
                "the 3 s round trip counts while it is among the last 16 pongs");
        assertEquals(5_000L, deadlines.get(Liveness.RTT_WINDOW + 1), "then only 100 ms round trips are left");
    }

    @Test
    void theRoundTripsOutliveAReconnect() {
        Liveness liveness = started(config(), 30_000);
        answerPings(liveness, 5_000, 2_000);
        time.execute(liveness::stop);
        time.execute(() -> liveness.start(hello(30_000)));
        time.runPending();

        time.advance(Duration.ofSeconds(5));

        assertEquals(List.of(5_000L, 6_000L), deadlines(), "the new connection's first ping");
    }

    /** The probe at 60 s, after one ping at 50 s answered in {@code rttMs}: the pong's deadline, at least 1 s. */
    @ParameterizedTest
    @CsvSource({
        "300,  100,  1000",  // 3 x 100 ms and the 300 ms floor: still 1 s for the probe
        "5000, 4000, 12000"  // a slow link: 3 x 4 s, as a ping would get
    })
    void theProbeGetsThePongDeadlineButNeverUnderOneSecond(long floorMs, long rttMs, long probeDeadlineMs) {
        LinkConfig config = config().withWsPing(Duration.ofSeconds(50), Duration.ofMillis(floorMs))
                .withProbe("health", Duration.ofSeconds(60));
        Liveness liveness = started(config, 30_000);
        answerPings(liveness, 50_000, rttMs);
        time.advance(Duration.ofMillis(10_000 - rttMs));
        assertEquals(List.of(new LinkEvent.ProbeSent("health")), host.events(LinkEvent.ProbeSent.class));

        assertTimesOutExactlyAfter(LivenessKind.PROBE, probeDeadlineMs, 10_000 - rttMs);
    }

    /**
     * Nothing is lost until {@code deadlineMs} from now, then {@code kind} times out with that
     * deadline, after {@code quietBeforeMs} of silence that had already passed plus the deadline.
     */
    private void assertTimesOutExactlyAfter(LivenessKind kind, long deadlineMs, long quietBeforeMs) {
        time.advance(Duration.ofMillis(deadlineMs - 1));
        assertEquals(List.of(), host.lost, "not before " + deadlineMs + " ms");
        time.advance(Duration.ofMillis(1));
        assertEquals(List.of(new LinkEvent.LivenessTimeout(kind, quietBeforeMs + deadlineMs, deadlineMs)), host.lost);
    }

    /** As {@link #answerPings}, then on to the next ping, which is sent with the deadline they lead to. */
    private void answerPingsUntilTheNext(Liveness liveness, long intervalMs, long... rttMs) {
        answerPings(liveness, intervalMs, rttMs);
        time.advance(Duration.ofMillis(intervalMs - rttMs[rttMs.length - 1]));
    }

    /**
     * From the start of a connection (or a ping's slot), lets the ping interval pass and answers each
     * ping after the given round trip, shorter than the interval; returns right after the last pong.
     */
    private void answerPings(Liveness liveness, long intervalMs, long... rttMs) {
        time.advance(Duration.ofMillis(intervalMs));
        for (int i = 0; i < rttMs.length; i++) {
            if (i > 0) {
                time.advance(Duration.ofMillis(intervalMs - rttMs[i - 1]));
            }
            time.advance(Duration.ofMillis(rttMs[i]));
            byte[] ping = host.pings.get(host.pings.size() - 1);
            time.execute(() -> liveness.pong(ping));
            time.runPending();
        }
    }

    private List<Long> deadlines() {
        return host.events(LinkEvent.WsPingSent.class).stream().map(LinkEvent.WsPingSent::deadlineMs).toList();
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

    /** A hello-ok payload with the given tick interval, advertising {@code health}. */
    private record JsonHello(long tickIntervalMs) {
        com.google.gson.JsonObject payload() {
            com.google.gson.JsonObject hello = ScriptedGateway.helloOk();
            hello.getAsJsonObject("policy").addProperty("tickIntervalMs", tickIntervalMs);
            hello.getAsJsonObject("features").getAsJsonArray("methods").add("health");
            return hello;
        }
    }
}
