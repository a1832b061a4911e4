package dev.clawscope.realgateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawscope.journal.LinkEvent;
import dev.clawscope.link.DeviceTokenStore;
import dev.clawscope.observe.ObservedReferenceClient;
import dev.clawscope.observe.PeerFault;
import dev.clawscope.officialclient.ClientsScript;
import dev.clawscope.officialclient.OfficialClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The reference TypeScript client ({@code @openclaw/gateway-client} as shipped, run by
 * {@code scripts/official-client/clients.mjs}) through the observer to the real gateway: its hello
 * and the gateway's full hello-ok, a restart carried out by the observer in the gateway's place, and
 * a real in-process restart (SIGUSR2), with every reconnect gap checked against the client's own
 * policy: 1 s, doubling to 30 s, no jitter, reset at hello-ok, and the gateway's retryAfterMs when a
 * starting gateway answers UNAVAILABLE.
 */
@RealGatewayTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservedReferenceClientIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @BeforeAll
    static void installed() throws Exception {
        OfficialClient.installOrSkip();
    }

    @Test
    @Order(1)
    void itsHelloAndARestartInTheGatewaysPlace(RealGateway gateway) throws Exception {
        gateway.ensureRunning();
        List<String> direct = methodsAdvertisedToALinkOfOurOwn(gateway);
        try (ObservedReferenceClient run = ObservedReferenceClient.start(
                ObservedReferenceClient.inFrontOf(gateway.port()), gateway.token())) {
            var ok = checkHello(run, 1);
            assertThat(ok.event().methods()).as("the whole list, as a direct connection gets it")
                    .containsExactlyElementsOf(direct);

            var restart = run.apply(new PeerFault.Restart(2_000));
            var shutdown = run.await(LinkEvent.PeerEvent.class, e -> e.event().equals("shutdown"), restart.seq(), WAIT);
            assertThat(shutdown.event().by()).isEqualTo("observer");
            assertThat(shutdown.event().restartExpectedMs()).isEqualTo(2_000);
            var closed = run.await(LinkEvent.PeerClose.class, c -> c.conn() == 1, restart.seq(), WAIT);
            assertThat(closed.event()).isEqualTo(new LinkEvent.PeerClose(1, "observer", 1012, "service restart"));
            var back = run.await(LinkEvent.PeerHelloOk.class, h -> h.conn() > 1, restart.seq(), WAIT);
            assertThat(back.event().conn()).as("refused once at 1 s, back at 3 s").isEqualTo(3);
            checkHello(run, 3);
            List<Long> gaps = checkGaps(run, restart.seq(), back.seq());
            assertThat(gaps).hasSize(2);
            assertThat(run.journalContains(gateway.token().reveal())).as("the token is never journaled").isFalse();
            RealGatewayExtension.report(String.format(Locale.ROOT, "reference client through the observer, restart"
                    + " 2000 ms in the gateway's place: reconnect gaps %s ms, hello-ok %.0f ms after the restart",
                    gaps, back.monoMs() - restart.monoMs()));
        }
    }

    @Test
    @Order(2)
    void aRealInProcessRestartIsRelayedAndTheClientComesBackOnItsBackoff(RealGateway gateway) throws Exception {
        gateway.ensureRunning();
        long pid = gateway.pid();
        try (ObservedReferenceClient run = ObservedReferenceClient.start(
                ObservedReferenceClient.inFrontOf(gateway.port()), gateway.token())) {
            checkHello(run, 1);
            long before = run.lastSeq();
            double signalAt = LinkRun.nowMs();
            gateway.signal("USR2");

            var shutdown = run.await(LinkEvent.PeerEvent.class, e -> e.event().equals("shutdown"), before, WAIT);
            assertThat(shutdown.event().conn()).isEqualTo(1);
            assertThat(shutdown.event().by()).as("sent by the gateway itself").isNull();
            assertThat(shutdown.event().restartExpectedMs()).as("an in-process restart announces itself").isPositive();
            var closed = run.await(LinkEvent.PeerClose.class, c -> c.conn() == 1, shutdown.seq(), WAIT);
            assertThat(closed.event()).isEqualTo(new LinkEvent.PeerClose(1, "server", 1012, "service restart"));
            var gone = run.await(LinkEvent.PeerDisconnect.class, d -> d.conn() == 1, shutdown.seq(), WAIT);
            assertThat(gone.event().how()).isEqualTo("close_frame");
            assertThat(gone.event().by()).isEqualTo("server");

            // The gateway takes about 9 to 13 s; the client tries at 1, 3, 7, 15, 31 s.
            var back = run.await(LinkEvent.PeerHelloOk.class, h -> h.conn() > 1, gone.seq(), Duration.ofSeconds(75));
            checkHello(run, back.event().conn());
            List<Long> gaps = checkGaps(run, gone.seq(), back.seq());
            assertThat(gateway.pid()).as("the restart kept the gateway's process").isEqualTo(pid);
            ClientsScript.Line down = run.client().await(l -> l.ev().equals("close"), WAIT).orElseThrow();
            assertThat(down.code()).isEqualTo(1012);
            RealGatewayExtension.report(String.format(Locale.ROOT, "reference client through the observer, SIGUSR2"
                    + " (restartExpectedMs %d): reconnect gaps %s ms, %d attempts, hello-ok %.0f ms after the signal",
                    shutdown.event().restartExpectedMs(), gaps, gaps.size(), back.monoMs() - signalAt));
        }
    }

    /** hello-ok as the real gateway sends it to a link of Clawscope's own, straight to the gateway. */
    private static List<String> methodsAdvertisedToALinkOfOurOwn(RealGateway gateway) throws Exception {
        try (LinkRun run = new LinkRun("observed-reference-direct", RealGatewayHandshakeIT.tokenOnly(gateway,
                gateway.token()), null, DeviceTokenStore.inMemory())) {
            run.link.connect();
            return run.await(LinkEvent.HelloOk.class, 0, Duration.ofSeconds(30)).event().methods();
        }
    }

    /** The reference client's identity and the real gateway's hello-ok on connection {@code conn}. */
    private static ObservedReferenceClient.Hit<LinkEvent.PeerHelloOk> checkHello(ObservedReferenceClient run, int conn)
            throws InterruptedException {
        var ok = run.awaitHello(conn, Duration.ofSeconds(30));
        assertThat(ok.event().serverVersion()).isEqualTo(RealGatewayHandshakeIT.EXPECTED_VERSION);
        assertThat(ok.event().protocol()).isEqualTo(4);
        assertThat(ok.event().tickIntervalMs()).isEqualTo(30_000);
        assertThat(ok.event().authMethod()).isEqualTo("token");
        assertThat(ok.event().methods()).contains("health", "status").doesNotContain("ping").doesNotHaveDuplicates()
                .hasSizeGreaterThan(100);
        return ok;
    }

    /**
     * Every reconnect between two journal entries, against the client's policy: after a connect
     * answered UNAVAILABLE with retryAfterMs it waits that long (100 to 2000 ms), after any other end
     * the next step of 1 s doubling to 30 s. Returns the gaps in order.
     */
    private static List<Long> checkGaps(ObservedReferenceClient run, long fromSeq, long toSeq) {
        List<Long> gaps = new ArrayList<>();
        int attempt = 0;
        for (var reconnect : run.all(LinkEvent.PeerReconnect.class)) {
            if (reconnect.seq() <= fromSeq || reconnect.seq() > toSeq) {
                continue;
            }
            int after = reconnect.event().after();
            Long retryAfter = run.all(LinkEvent.PeerResponse.class).stream()
                    .filter(r -> r.event().conn() == after && "connect".equals(r.event().method()) && !r.event().ok()
                            && "UNAVAILABLE".equals(r.event().errorCode()) && r.event().retryAfterMs() != null)
                    .map(r -> Math.min(2_000, Math.max(100, r.event().retryAfterMs()))).findFirst().orElse(null);
            long expected = retryAfter != null ? retryAfter : ObservedReferenceClient.backoffMs(++attempt);
            run.assertGap(reconnect.event(), expected);
            gaps.add(reconnect.event().gapMs());
        }
        assertThat(gaps).as("at least one reconnect").isNotEmpty();
        return gaps;
    }
}
