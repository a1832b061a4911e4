package dev.clawscope.observe;

import static dev.clawscope.observe.ObservedReferenceClient.SKEW_MS;
import static dev.clawscope.observe.ObservedReferenceClient.TIMER_LATENESS_MS;
import static dev.clawscope.observe.ObservedReferenceClient.backoffMs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clawscope.chaos.Fault;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.officialclient.ClientsScript;
import dev.clawscope.officialclient.OfficialClient;
import dev.clawscope.protocol.Secret;
import dev.clawscope.sim.SimConfig;
import dev.clawscope.sim.SimGateway;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The reference TypeScript client ({@code @openclaw/gateway-client} as shipped, run by
 * {@code scripts/official-client/clients.mjs}) through the observer to the simulator: what the
 * observer's journal says about its hello, the ticks it gets, a restart and a frozen gateway, checked
 * against what the client does (its reconnect backoff and tick watchdog) and what it says itself.
 *
 * <p>What the reference client does, as these tests pin it: it reconnects 1 s after a close, then
 * 2 s, 4 s, … up to 30 s, with no jitter, reset at hello-ok, and it does not wait for a shutdown's
 * {@code restartExpectedMs}. Its tick watchdog closes with 4000 "tick timeout" after 2 × tickIntervalMs
 * without a frame, checked every max(tickIntervalMs, 1 s); but towards a frozen gateway the closing
 * handshake never completes, so its socket ends only after the WebSocket library's 30 s close
 * timeout, and it reports code 1006.
 */
@Tag("official-client")
class ObserverReferenceClientTest {

    private static final String TOKEN = "observer-reference-token-7c41e2";
    private static final Duration TICK = Duration.ofMillis(500);
    private static final Duration WAIT = Duration.ofSeconds(15);
    /** The client's tick watchdog fires after twice the tick interval without a frame. */
    private static final long WATCHDOG_MS = 2 * TICK.toMillis();
    /** ... and checks every max(tickIntervalMs, 1 s). */
    private static final long WATCHDOG_EVERY_MS = Math.max(TICK.toMillis(), 1_000);
    /** The {@code ws} library's wait for the server's close frame before it drops the socket. */
    private static final long WS_CLOSE_TIMEOUT_MS = 30_000;

    @BeforeAll
    static void installed() throws Exception {
        OfficialClient.installOrSkip();
    }

    /** Who carries out {@code restart 2000}. */
    enum Restarter {
        /** The observer, in the gateway's place: shutdown, close 1012, refuses connections for 2 s. */
        OBSERVER,
        /** The simulator itself, through the observer's restart hook: the observer only relays. */
        SIMULATOR
    }

    @ParameterizedTest
    @EnumSource(Restarter.class)
    void itsHelloTicksAndRestartAreJournaledAndItComesBackOnItsOwnBackoff(Restarter restarter) throws Exception {
        try (SimGateway sim = SimGateway.start(SimConfig.defaults(TOKEN).withTickInterval(TICK))) {
            Observer.Settings settings = ObservedReferenceClient.inFrontOf(sim.port());
            if (restarter == Restarter.SIMULATOR) {
                settings = settings.withRestartHook(ms -> sim.restart(Duration.ofMillis(ms), Duration.ofMillis(ms),
                        Duration.ZERO));
            }
            try (ObservedReferenceClient run = ObservedReferenceClient.start(settings, Secret.of(TOKEN))) {
                checkHello(run, 1);

                List<ObservedReferenceClient.Hit<LinkEvent.PeerEvent>> ticks = List.of(awaitTick(run, 0),
                        awaitTick(run, 1), awaitTick(run, 2));
                long first = ticks.get(0).event().frameSeq();
                assertThat(ticks).extracting(t -> t.event().frameSeq()).containsExactly(first, first + 1, first + 2);

                var restart = run.apply(new PeerFault.Restart(2_000));
                String from = restarter == Restarter.OBSERVER ? "observer" : "server";
                var shutdown = run.await(LinkEvent.PeerEvent.class, e -> e.event().equals("shutdown"), restart.seq(),
                        WAIT);
                assertThat(shutdown.event().conn()).isEqualTo(1);
                assertThat(shutdown.event().restartExpectedMs()).isEqualTo(2_000);
                assertThat(shutdown.event().by()).isEqualTo(restarter == Restarter.OBSERVER ? "observer" : null);
                assertThat(shutdown.event().frameSeq()).isGreaterThanOrEqualTo(ticks.get(2).event().frameSeq());
                var closed = run.await(LinkEvent.PeerClose.class, c -> c.conn() == 1, restart.seq(), WAIT);
                assertThat(closed.event()).isEqualTo(new LinkEvent.PeerClose(1, from, 1012, "service restart"));
                var echoed = run.await(LinkEvent.PeerClose.class, c -> c.from().equals("client"), closed.seq(), WAIT);
                assertThat(echoed.event().code()).as("the client echoes the close").isEqualTo(1012);
                var gone = run.await(LinkEvent.PeerDisconnect.class, d -> d.conn() == 1, restart.seq(), WAIT);
                assertThat(gone.event().how()).isEqualTo("close_frame");
                assertThat(gone.event().by()).isEqualTo(from);

                // It does not wait out restartExpectedMs: the first retry comes after 1 s and is refused.
                var retry = run.await(LinkEvent.PeerReconnect.class, r -> r.conn() == 2, gone.seq(), WAIT);
                assertThat(retry.event().after()).isEqualTo(1);
                run.assertGap(retry.event(), backoffMs(1));
                var refused = run.await(LinkEvent.PeerDisconnect.class, d -> d.conn() == 2, retry.seq(), WAIT);
                assertThat(refused.event().how()).isEqualTo("rst");
                assertThat(refused.event().by()).as("the observer refuses, or relays the simulator's closed port")
                        .isEqualTo(from);
                var again = run.await(LinkEvent.PeerReconnect.class, r -> r.conn() == 3, refused.seq(), WAIT);
                assertThat(again.event().after()).isEqualTo(2);
                run.assertGap(again.event(), backoffMs(2));
                checkHello(run, 3);
                assertThat(run.all(LinkEvent.PeerConnect.class)).hasSize(3);

                // What the client says itself agrees with the observer's journal.
                ClientsScript.Line lastClose = run.client()
                        .await(l -> l.ev().equals("close") && Integer.valueOf(1006).equals(l.code()), WAIT)
                        .orElseThrow(() -> new AssertionError(run.clientLines()));
                run.client().await(l -> l.ev().equals("hello") && l.atMs() >= lastClose.atMs(), WAIT)
                        .orElseThrow(() -> new AssertionError(run.clientLines()));
                List<ClientsScript.Line> said = run.client().lines();
                assertThat(said).extracting(ClientsScript.Line::ev)
                        .containsExactly("hello", "close", "connect_error", "close", "hello");
                assertThat(said.get(1).code()).isEqualTo(1012);
                assertThat(said.get(1).detail()).isEqualTo("service restart");
                assertThat(said.get(3).code()).as("a refused connection").isEqualTo(1006);
                if (restarter == Restarter.SIMULATOR) {
                    assertThat(sim.handshakes()).isEqualTo(2);
                }
                assertThat(run.all(LinkEvent.PeerRequest.class)).as("it sends no request of its own, ping least of all")
                        .isEmpty();
                assertThat(run.journalContains(TOKEN)).as("the token is never journaled").isFalse();
                System.out.printf("reference client, restart by the %s: reconnect gaps %d ms (refused), %d ms (hello-ok"
                        + " %.0f ms after the restart)%n", restarter.name().toLowerCase(java.util.Locale.ROOT),
                        retry.event().gapMs(), again.event().gapMs(),
                        run.all(LinkEvent.PeerHelloOk.class).get(1).monoMs() - restart.monoMs());
            }
        }
    }

    @Test
    void aFrozenGatewayIsNoticedByItsTickWatchdogButItsSocketEndsOnlyAfterTheCloseTimeout() throws Exception {
        try (SimGateway sim = SimGateway.start(SimConfig.defaults(TOKEN).withTickInterval(TICK));
                ObservedReferenceClient run = ObservedReferenceClient.start(
                        ObservedReferenceClient.inFrontOf(sim.port()), Secret.of(TOKEN))) {
            checkHello(run, 1);
            awaitTick(run, 1);

            var freeze = run.apply(new PeerFault.Freeze(Optional.empty()));
            // The watchdog closes the frozen connection: the observer reads the close frame it holds.
            var watchdog = run.await(LinkEvent.PeerClose.class, c -> c.from().equals("client"), freeze.seq(), WAIT);
            assertThat(watchdog.event()).isEqualTo(new LinkEvent.PeerClose(1, "client", 4000, "tick timeout"));
            long closedAfter = Math.round(watchdog.monoMs() - freeze.monoMs());
            assertThat(closedAfter).as("2 x tick after the last frame, checked every %d ms", WATCHDOG_EVERY_MS)
                    .isBetween(WATCHDOG_MS - TICK.toMillis(), WATCHDOG_MS + WATCHDOG_EVERY_MS + TIMER_LATENESS_MS);

            // Its close frame is when it noticed: journaled with the frame, not when the socket ends.
            var noticed = run.await(LinkEvent.PeerNoticed.class, n -> true, freeze.seq(), WAIT);
            assertThat(noticed.event().conn()).isEqualTo(1);
            assertThat(noticed.event().fault()).isEqualTo("freeze");
            assertThat(noticed.event().how()).isEqualTo("close_frame");
            assertThat(noticed.event().afterFaultMs()).isBetween(closedAfter - 1, closedAfter + 1);
            // No close frame comes back, so the socket ends when the ws library gives up waiting.
            var gone = run.await(LinkEvent.PeerDisconnect.class, d -> d.conn() == 1, watchdog.seq(),
                    Duration.ofMillis(WS_CLOSE_TIMEOUT_MS).plus(WAIT));
            assertThat(gone.event().how()).isEqualTo("close_frame");
            assertThat(gone.event().by()).isEqualTo("client");
            assertThat(Math.round(gone.monoMs() - watchdog.monoMs())).as("the ws library's close timeout")
                    .isBetween(WS_CLOSE_TIMEOUT_MS - SKEW_MS, WS_CLOSE_TIMEOUT_MS + TIMER_LATENESS_MS);
            ClientsScript.Line down = run.client().await(l -> l.ev().equals("close"), WAIT).orElseThrow();
            assertThat(down.code()).as("the client reports an abnormal close, not its own 4000").isEqualTo(1006);

            var heal = run.apply(new PeerFault.Bytes(new Fault.Heal()));
            var back = run.await(LinkEvent.PeerReconnect.class, r -> r.conn() == 2, gone.seq(), WAIT);
            assertThat(back.event().after()).isEqualTo(1);
            run.assertGap(back.event(), backoffMs(1));
            checkHello(run, 2);
            System.out.printf("reference client, freeze: close 4000 \"tick timeout\" (peer_noticed) %d ms after the"
                    + " freeze, socket ended %.0f ms after it, reconnected %d ms later (heal at +%.0f ms)%n", closedAfter,
                    gone.monoMs() - watchdog.monoMs(), back.event().gapMs(), heal.monoMs() - freeze.monoMs());
        }
    }

    /** The hello of connection {@code conn}: the reference client's identity and the simulator's hello-ok. */
    private static void checkHello(ObservedReferenceClient run, int conn) throws InterruptedException {
        var ok = run.awaitHello(conn, WAIT);
        assertThat(ok.event().serverVersion()).isEqualTo("2026.9.6-sim");
        assertThat(ok.event().protocol()).isEqualTo(4);
        assertThat(ok.event().tickIntervalMs()).isEqualTo(TICK.toMillis());
        assertThat(ok.event().methods()).contains("health", "status").doesNotContain("ping");
        assertThat(ok.event().authMethod()).isEqualTo("token");
    }

    /** The {@code index}-th tick (0-based) on connection 1. */
    private static ObservedReferenceClient.Hit<LinkEvent.PeerEvent> awaitTick(ObservedReferenceClient run, int index)
            throws InterruptedException {
        long after = 0;
        ObservedReferenceClient.Hit<LinkEvent.PeerEvent> tick = null;
        for (int i = 0; i <= index; i++) {
            tick = run.await(LinkEvent.PeerEvent.class, e -> e.conn() == 1 && e.event().equals("tick"), after, WAIT);
            assertThat(tick.event().frameSeq()).as("a tick keeps its seq").isNotNull();
            after = tick.seq();
        }
        return tick;
    }
}
