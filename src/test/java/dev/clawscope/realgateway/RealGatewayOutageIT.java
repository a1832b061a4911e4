package dev.clawscope.realgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.journal.ClosedBy;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.LivenessKind;
import dev.clawscope.link.DeviceTokenStore;
import dev.clawscope.link.PacedJitterBackoff;
import dev.clawscope.link.LinkConfig;
import dev.clawscope.link.LinkState;
import dev.clawscope.link.ReconnectPlanner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The real gateway goes away and comes back: in-process restart (SIGUSR2), graceful stop and
 * start, crash and start, and a frozen process (SIGSTOP, the half-open case). The link runs with
 * its default settings, in real time; every reconnect attempt is checked against the backoff the
 * journal says it drew.
 */
@RealGatewayTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealGatewayOutageIT {

    /**
     * How late a reconnect timer may fire on the link's owner thread. The gateway restarting next
     * to it takes both cores of a small machine for seconds; the delays checked are 0.5 to 30 s.
     */
    private static final long TIMER_LATENESS_MS = 500;
    private static final PacedJitterBackoff BACKOFF = new PacedJitterBackoff();

    private static LinkConfig defaults(RealGateway gateway) {
        LinkConfig config = RealGatewayHandshakeIT.tokenOnly(gateway, gateway.token());
        assertEquals(PacedJitterBackoff.NAME, config.backoffPolicy(), "the default policy is the one checked here");
        return config;
    }

    @Test
    @Order(5)
    void inProcessRestartAnnouncesItselfAndTheLinkComesBackAsTheBackoffSays(RealGateway gateway) throws Exception {
        gateway.ensureRunning();
        long pid = gateway.pid();
        try (LinkRun run = new LinkRun("sigusr2-restart", defaults(gateway), null, DeviceTokenStore.inMemory())) {
            run.link.connect();
            var hello = run.await(LinkEvent.HelloOk.class, 0, Duration.ofSeconds(30));

            double signalAt = LinkRun.nowMs();
            run.gatewayAction("gateway_sigusr2");
            gateway.signal("USR2");
            var notice = run.await(LinkEvent.ShutdownNotice.class, hello.seq(), Duration.ofSeconds(15));
            Long expected = notice.event().restartExpectedMs();
            assertNotNull(expected, "an in-process restart announces restartExpectedMs: " + notice.event());
            assertTrue(expected > 0, "restartExpectedMs " + expected);
            var closed = run.await(LinkEvent.Closed.class, c -> c.code() == 1012, notice.seq(), Duration.ofSeconds(10));
            assertEquals(ClosedBy.SERVER, closed.event().by());

            var back = run.await(LinkEvent.HelloOk.class, closed.seq(), Duration.ofSeconds(75));
            double took = back.monoMs() - signalAt;
            assertTrue(took <= 60_000, "reconnected " + Math.round(took) + " ms after SIGUSR2 (at most 60 s)");
            // The link journals hello_ok, then moves to connected: wait for the move, not for a race.
            run.await(LinkEvent.StateChanged.class, c -> c.to().equals("connected"), back.seq(), Duration.ofSeconds(5));
            assertEquals(pid, gateway.pid(), "the restart kept the gateway's process");

            Attempts attempts = Attempts.check(run, closed.seq(), back.seq(), expected);
            assertEquals("restart_expected", attempts.causes().get(0), "the first retry waits for the restart");
            run.note("gateway", "SIGUSR2 (in-process restart), restartExpectedMs " + expected);
            run.note("result", "hello-ok again " + Math.round(took) + " ms after the signal; " + attempts.summary());
        }
    }

    @Test
    @Order(6)
    void gracefulStopThenStartReconnects(RealGateway gateway) throws Exception {
        gateway.ensureRunning();
        try (LinkRun run = new LinkRun("sigterm-then-start", defaults(gateway), null, DeviceTokenStore.inMemory())) {
            run.link.connect();
            var hello = run.await(LinkEvent.HelloOk.class, 0, Duration.ofSeconds(30));

            run.gatewayAction("gateway_sigterm");
            Duration stopping = gateway.stop();
            var notice = run.await(LinkEvent.ShutdownNotice.class, hello.seq(), Duration.ofSeconds(10));
            assertNull(notice.event().restartExpectedMs(), "a stop announces no restart: " + notice.event());
            var closed = run.await(LinkEvent.Closed.class, c -> c.code() == 1012, notice.seq(), Duration.ofSeconds(10));
            startAgainAndExpectReconnect(gateway, run, closed, "SIGTERM (stopped in " + stopping.toMillis() + " ms)");
        }
    }

    @Test
    @Order(7)
    void crashThenStartReconnects(RealGateway gateway) throws Exception {
        gateway.ensureRunning();
        try (LinkRun run = new LinkRun("kill9-then-start", defaults(gateway), null, DeviceTokenStore.inMemory())) {
            run.link.connect();
            var hello = run.await(LinkEvent.HelloOk.class, 0, Duration.ofSeconds(30));

            run.gatewayAction("gateway_kill9");
            gateway.kill9();
            var closed = run.await(LinkEvent.Closed.class, hello.seq(), Duration.ofSeconds(10));
            assertEquals(1006, closed.event().code(), "a crash closes without a close frame: " + closed.event());
            assertTrue(run.between(hello.seq(), closed.seq()).stream()
                    .noneMatch(e -> e.event() instanceof LinkEvent.ShutdownNotice), "a crash sends no notice");
            startAgainAndExpectReconnect(gateway, run, closed, "SIGKILL");
        }
    }

    /**
     * With the gateway down: the link keeps being refused until the gateway is started again, then
     * connects at most one backoff draw (cap 30 s) after it is ready, every attempt as drawn.
     */
    private static void startAgainAndExpectReconnect(RealGateway gateway, LinkRun run,
            LinkRun.Hit<LinkEvent.Closed> closed, String howItWent) throws Exception {
        var refused = run.await(LinkEvent.ConnectAttempt.class, closed.seq(), Duration.ofSeconds(10));
        run.gatewayAction("gateway_start");
        Duration starting = gateway.start();
        double readyAt = LinkRun.nowMs();
        var back = run.await(LinkEvent.HelloOk.class, closed.seq(), Duration.ofSeconds(45));
        assertTrue(back.seq() > refused.seq());
        double after = back.monoMs() - readyAt;
        assertTrue(after <= BACKOFF.steadyMaxMs() + 2_000, "hello-ok " + Math.round(after)
                + " ms after the gateway was ready; the longest backoff is " + BACKOFF.steadyMaxMs() + " ms");
        Attempts attempts = Attempts.check(run, closed.seq(), back.seq(), null);
        run.note("gateway", howItWent + ", started again (" + starting.toMillis() + " ms to ready)");
        run.note("result", "hello-ok " + Math.round(after) + " ms after the gateway was ready; " + attempts.summary());
    }

    @Test
    @Order(8)
    void aFrozenGatewayIsDetectedWithinPingPlusDeadlineAndTheLinkRecoversAfterSigcont(RealGateway gateway)
            throws Exception {
        gateway.ensureRunning();
        LinkConfig config = defaults(gateway);
        long detectBound = config.wsPingInterval().toMillis() + config.pongDeadline().toMillis() + 2_000;
        try (LinkRun run = new LinkRun("sigstop-half-open", config, null, DeviceTokenStore.inMemory())) {
            run.link.connect();
            var hello = run.await(LinkEvent.HelloOk.class, 0, Duration.ofSeconds(30));
            run.await(LinkEvent.WsPong.class, hello.seq(), config.wsPingInterval().plusSeconds(5));

            double stopAt = LinkRun.nowMs();
            run.gatewayAction("gateway_sigstop");
            gateway.signal("STOP");
            try {
                var timeout = run.await(LinkEvent.LivenessTimeout.class, hello.seq(),
                        Duration.ofMillis(detectBound + 5_000));
                double detected = timeout.monoMs() - stopAt;
                assertTrue(detected <= detectBound, "detected " + Math.round(detected) + " ms after SIGSTOP, bound "
                        + detectBound + " ms (ping interval + pong deadline + 2 s): " + timeout.event());
                assertEquals(LivenessKind.WS_PONG, timeout.event().kind());
                var closed = run.await(LinkEvent.Closed.class, timeout.seq(), Duration.ofSeconds(5));
                assertEquals(ClosedBy.CLIENT, closed.event().by());
                run.await(LinkEvent.ConnectAttempt.class, closed.seq(), Duration.ofSeconds(10));

                // The fault lasts 45 s; nothing may get through while it does.
                run.expectNone(LinkEvent.HelloOk.class, h -> true, timeout.seq(), stopAt + 45_000);
                long triedWhileFrozen = run.entries().stream().filter(e -> e.seq() > closed.seq()
                        && e.event() instanceof LinkEvent.ConnectAttempt).count();
                assertTrue(triedWhileFrozen >= 2, "kept trying while frozen: " + triedWhileFrozen + " attempts");
                LinkState frozenState = run.link.state();
                assertTrue(java.util.EnumSet.of(LinkState.BACKOFF, LinkState.CONNECTING, LinkState.HANDSHAKING)
                        .contains(frozenState), "backing off or mid-attempt while frozen: " + frozenState);

                double contAt = LinkRun.nowMs();
                run.gatewayAction("gateway_sigcont");
                gateway.signal("CONT");
                var back = run.await(LinkEvent.HelloOk.class, closed.seq(), Duration.ofSeconds(45));
                double recovered = back.monoMs() - contAt;
                assertTrue(recovered <= 40_000, "connected " + Math.round(recovered) + " ms after SIGCONT (at most 40 s)");
                Attempts attempts = Attempts.check(run, closed.seq(), back.seq(), null);
                run.note("gateway", "SIGSTOP for " + Math.round(contAt - stopAt) + " ms, then SIGCONT");
                run.note("result", "liveness_timeout{" + timeout.event().kind() + "} " + Math.round(detected)
                        + " ms after SIGSTOP (bound " + detectBound + " ms); " + triedWhileFrozen
                        + " attempts while frozen; hello-ok " + Math.round(recovered) + " ms after SIGCONT; "
                        + attempts.summary());
            } finally {
                if (gateway.isRunning()) {
                    gateway.signal("CONT");
                }
            }
        }
    }

    /**
     * Every reconnect between two journal entries: each {@code reconnect_scheduled} draws a delay
     * the policy allows for its attempt number (or the gateway's {@code retryAfterMs}, or the
     * announced restart time), attempt numbers go up by one, and the next {@code connect_attempt}
     * starts that long after it, no sooner and at most {@link #TIMER_LATENESS_MS} later.
     */
    record Attempts(List<Long> delays, List<String> causes, List<Long> gaps) {

        static Attempts check(LinkRun run, long fromSeq, long toSeq, Long restartExpectedMs) {
            List<JournalEntry> entries = run.between(fromSeq, toSeq);
            List<Long> delays = new ArrayList<>();
            List<String> causes = new ArrayList<>();
            List<Long> gaps = new ArrayList<>();
            Long retryAfter = null;
            Integer lastAttempt = null;
            int retryAfterRow = 0;
            for (int i = 0; i < entries.size(); i++) {
                LinkEvent event = entries.get(i).event();
                if (event instanceof LinkEvent.HandshakeFailed failed) {
                    retryAfter = failed.retryAfterMs();
                }
                if (event instanceof LinkEvent.HelloOk) {
                    retryAfterRow = 0;
                }
                if (!(event instanceof LinkEvent.ReconnectScheduled scheduled)) {
                    continue;
                }
                String where = "reconnect_scheduled " + scheduled + " in\n" + run.describeAfter(fromSeq);
                if (lastAttempt != null) {
                    assertEquals(lastAttempt + 1, scheduled.attempt(), "attempt numbers go up by one: " + where);
                }
                lastAttempt = scheduled.attempt();
                long delay = scheduled.delayMs();
                String cause = scheduled.cause();
                if (!cause.equals("retry_after")) {
                    retryAfterRow = 0;
                }
                if (cause.equals("restart_expected")) {
                    assertNotNull(restartExpectedMs, where);
                    assertTrue(delay >= restartExpectedMs
                            && delay <= Math.max(restartExpectedMs, BACKOFF.boundMs(scheduled.attempt()))
                                    + ReconnectPlanner.RESTART_SPREAD_MS, where);
                } else if (cause.startsWith("restart_pending:")) {
                    // Refused while the announced restart is late: close behind, not backing off.
                    assertTrue(delay >= ReconnectPlanner.RESTART_RETRY_MIN_MS && delay
                            <= ReconnectPlanner.RESTART_RETRY_MIN_MS + ReconnectPlanner.RESTART_RETRY_SPREAD_MS, where);
                } else if (cause.equals("retry_after")) {
                    // The gateway's retryAfterMs, or the growing floor of a row of such answers.
                    assertNotNull(retryAfter, where);
                    assertEquals(Math.max(retryAfter, ReconnectPlanner.retryAfterFloorMs(++retryAfterRow)), delay,
                            "waits the gateway's retryAfterMs, or the floor of its row of such answers: " + where);
                } else {
                    assertTrue(cause.startsWith("transient:"), where);
                    assertTrue(delay <= BACKOFF.boundMs(scheduled.attempt()),
                            "within paced jitter's bound " + BACKOFF.boundMs(scheduled.attempt()) + " ms: " + where);
                }
                JournalEntry next = null;
                for (int j = i + 1; j < entries.size(); j++) {
                    if (entries.get(j).event() instanceof LinkEvent.ConnectAttempt) {
                        next = entries.get(j);
                        break;
                    }
                }
                assertNotNull(next, "an attempt follows: " + where);
                long gap = Math.round(next.monoMs() - entries.get(i).monoMs());
                assertTrue(gap >= delay - 1 && gap <= delay + TIMER_LATENESS_MS,
                        "attempt " + gap + " ms after it was scheduled for " + delay + " ms: " + where);
                delays.add(delay);
                causes.add(cause);
                gaps.add(gap);
            }
            long attempts = entries.stream().filter(e -> e.event() instanceof LinkEvent.ConnectAttempt).count();
            assertEquals(delays.size(), attempts, "one attempt per scheduled reconnect, no more");
            assertTrue(attempts >= 1, "at least one reconnect");
            return new Attempts(delays, causes, gaps);
        }

        String summary() {
            return String.format(Locale.ROOT, "%d attempts, delays %s ms (%s), started %s ms after scheduling",
                    delays.size(), delays, String.join(", ", causes), gaps);
        }
    }
}
