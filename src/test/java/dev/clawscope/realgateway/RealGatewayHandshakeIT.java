package dev.clawscope.realgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.clawscope.Version;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.link.DeviceTokenStore;
import dev.clawscope.link.GatewayAddress;
import dev.clawscope.link.LinkConfig;
import dev.clawscope.link.LinkState;
import dev.clawscope.protocol.ClientId;
import dev.clawscope.protocol.ClientInfo;
import dev.clawscope.protocol.ClientMode;
import dev.clawscope.protocol.DeviceIdentity;
import dev.clawscope.protocol.DeviceIdentityStore;
import dev.clawscope.protocol.ResponseFrame;
import dev.clawscope.protocol.Secret;
import dev.clawscope.settings.FileDeviceTokenStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The handshake against a real OpenClaw gateway: token-only {@code cli}, a device-signed UI client
 * and its stored device token, no {@code ping} ever, and a wrong token that pauses for good.
 */
@RealGatewayTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealGatewayHandshakeIT {

    static final String EXPECTED_VERSION = System.getenv().getOrDefault("OPENCLAW_VERSION", "2026.9.6");
    private static final List<String> SCOPES = List.of("operator.read", "operator.write");

    @TempDir
    Path settings;

    static ClientInfo cli() {
        return ClientInfo.of(ClientId.CLI, ClientMode.CLI, Version.get(), "linux").withDisplayName("Clawscope tests");
    }

    static LinkConfig tokenOnly(RealGateway gateway, Secret token) {
        return LinkConfig.defaults(GatewayAddress.parse(gateway.url(), false), token, cli(), SCOPES)
                .withSignDevice(false);
    }

    @Test
    @Order(1)
    void tokenOnlyCliGetsHelloOkTickAndHealth(RealGateway gateway) throws Exception {
        LinkConfig config = tokenOnly(gateway, gateway.token()).withProbe("health", Duration.ofSeconds(5));
        try (LinkRun run = new LinkRun("token-only-cli", config, null, DeviceTokenStore.inMemory())) {
            run.link.connect();
            var hello = run.await(LinkEvent.HelloOk.class, 0, Duration.ofSeconds(30));
            assertEquals(EXPECTED_VERSION, hello.event().serverVersion(), "the real server version");
            assertEquals(4, hello.event().protocol());
            assertEquals(30_000, hello.event().tickIntervalMs(), "tick interval from policy.tickIntervalMs");
            assertEquals("token", hello.event().authMethod());
            assertTrue(hello.event().scopes().containsAll(SCOPES), "a local cli/cli keeps its scopes: "
                    + hello.event().scopes());
            assertFalse(hello.event().methods().contains("ping"), "the gateway advertises no ping method");
            // The link journals hello_ok, then moves to connected: wait for the move, not for a race.
            run.await(LinkEvent.StateChanged.class, c -> c.to().equals("connected"), hello.seq(), Duration.ofSeconds(5));

            var tick = run.await(LinkEvent.Tick.class, hello.seq(), Duration.ofSeconds(35));
            assertTrue(tick.monoMs() - hello.monoMs() <= 35_000, "tick " + (tick.monoMs() - hello.monoMs()) + " ms after hello-ok");
            var probe = run.await(LinkEvent.ProbeOk.class, p -> p.method().equals("health"), hello.seq(),
                    Duration.ofSeconds(15));
            assertTrue(probe.event().rttMs() >= 0);

            ResponseFrame health = run.link.request("health", new JsonObject(), Duration.ofSeconds(10))
                    .get(15, TimeUnit.SECONDS);
            assertTrue(health.ok(), "health answered: " + health);
            assertTrue(health.payload().getAsJsonObject().get("ok").getAsBoolean(), "health says ok");
            run.note("checks", "hello-ok " + hello.event().serverVersion() + ", tick after "
                    + Math.round(tick.monoMs() - hello.monoMs()) + " ms, health answered");
        }
    }

    @Test
    @Order(2)
    void deviceSignedUiClientIsApprovedAndThenUsesItsDeviceToken(RealGateway gateway) throws Exception {
        DeviceIdentity identity = DeviceIdentityStore.loadOrCreate(settings);
        FileDeviceTokenStore tokens = new FileDeviceTokenStore(settings);
        GatewayAddress address = GatewayAddress.parse(gateway.url(), false);
        ClientInfo ui = ClientInfo.of(ClientId.OPENCLAW_LINUX, ClientMode.UI, Version.get(), "linux");
        LinkConfig signed = LinkConfig.defaults(address, gateway.token(), ui, SCOPES);
        try (LinkRun run = new LinkRun("device-signed-ui", signed, identity, tokens)) {
            run.link.connect();
            var hello = run.await(LinkEvent.HelloOk.class, 0, Duration.ofSeconds(30));
            assertTrue(hello.event().scopes().containsAll(SCOPES),
                    "a signed device on loopback is approved silently with its scopes: " + hello.event().scopes());
        }
        Optional<DeviceTokenStore.StoredToken> stored = tokens.load(address.display(), identity.deviceId(), "operator");
        assertTrue(stored.isPresent(), "hello-ok issued a device token and the link stored it");
        assertTrue(stored.get().scopes().containsAll(SCOPES), "stored with its scopes: " + stored.get());

        LinkConfig deviceTokenOnly = LinkConfig.defaults(address, null, ui, SCOPES);
        try (LinkRun run = new LinkRun("device-token-only", deviceTokenOnly, identity, tokens)) {
            run.link.connect();
            var hello = run.await(LinkEvent.HelloOk.class, 0, Duration.ofSeconds(30));
            assertEquals("device-token", hello.event().authMethod(), "reconnected on the stored device token alone");
            assertTrue(hello.event().scopes().containsAll(SCOPES), "scopes: " + hello.event().scopes());
            ResponseFrame status = run.link.request("status", new JsonObject(), Duration.ofSeconds(10))
                    .get(15, TimeUnit.SECONDS);
            assertTrue(status.ok(), "operator.read works on the device token: " + status);
        }
    }

    @Test
    @Order(3)
    void theLinkNeverSendsPingAndTheGatewaySaysSo(RealGateway gateway) throws Exception {
        int healthBefore = count(gateway.methodsAnswered(), "health");
        LinkConfig config = tokenOnly(gateway, gateway.token())
                .withWsPing(Duration.ofSeconds(2), Duration.ofSeconds(2))
                .withProbe("health", Duration.ofSeconds(3));
        int probes;
        try (LinkRun run = new LinkRun("never-ping", config, null, DeviceTokenStore.inMemory())) {
            run.link.connect();
            var hello = run.await(LinkEvent.HelloOk.class, 0, Duration.ofSeconds(30));
            long after = hello.seq();
            for (int i = 0; i < 3; i++) {
                after = run.await(LinkEvent.ProbeOk.class, after, Duration.ofSeconds(10)).seq();
            }
            run.await(LinkEvent.WsPong.class, hello.seq(), Duration.ofSeconds(10));
            probes = (int) run.entries().stream().filter(e -> e.event() instanceof LinkEvent.ProbeOk).count();
            assertTrue(run.entries().stream().noneMatch(e -> e.event() instanceof LinkEvent.ProbeSent p
                    && !p.method().equals("health")), "probes are health only");
        }
        List<String> answered = gateway.methodsAnswered();
        assertTrue(count(answered, "health") - healthBefore >= probes,
                "the gateway's log shows our " + probes + " health probes: " + answered);
        assertEquals(0, count(answered, "ping"), "the gateway never answered a ping request: " + answered);
        assertTrue(gateway.consoleLines().stream().noneMatch(line -> line.contains("unknown method: ping")),
                "no 'unknown method: ping' anywhere in the gateway's log");
    }

    @Test
    @Order(4)
    void aWrongTokenPausesAndNothingIsTriedForSixtySeconds(RealGateway gateway) throws Exception {
        long opensBefore = gateway.socketsOpened();
        LinkConfig config = tokenOnly(gateway, Secret.of("not-the-token-" + System.nanoTime()));
        try (LinkRun run = new LinkRun("wrong-token", config, null, DeviceTokenStore.inMemory())) {
            run.link.connect();
            var paused = run.await(LinkEvent.ReconnectPaused.class, 0, Duration.ofSeconds(30));
            assertEquals("auth", paused.event().reason());
            assertEquals("AUTH_TOKEN_MISMATCH", paused.event().detailCode());
            assertTrue(paused.event().hint().contains("gateway.auth.token"),
                    "the pause says what to do: " + paused.event().hint());
            assertEquals(LinkState.PAUSED, run.link.state());
            var failed = run.await(LinkEvent.HandshakeFailed.class, 0, Duration.ZERO);
            assertFalse(failed.event().retryable());
            assertEquals(1008, failed.event().closeCode());

            run.expectNone(LinkEvent.ConnectAttempt.class, a -> true, paused.seq(), paused.monoMs() + 60_000);
            assertEquals(LinkState.PAUSED, run.link.state(), "still paused after 60 s");
            long attempts = run.entries().stream().filter(e -> e.event() instanceof LinkEvent.ConnectAttempt).count();
            assertEquals(1, attempts, "one attempt in all");
            assertEquals(1, gateway.socketsOpened() - opensBefore,
                    "the gateway saw exactly one socket from the link in those 60 s");
            run.note("paused", paused.event().hint());
        }
    }

    private static int count(List<String> items, String wanted) {
        return (int) items.stream().filter(wanted::equals).count();
    }
}
