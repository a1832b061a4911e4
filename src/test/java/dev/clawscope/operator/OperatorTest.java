package dev.clawscope.operator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.clawscope.journal.Journal;
import dev.clawscope.link.DeviceTokenStore;
import dev.clawscope.link.GatewayAddress;
import dev.clawscope.link.GatewayLink;
import dev.clawscope.link.LinkConfig;
import dev.clawscope.link.LinkState;
import dev.clawscope.protocol.ClientId;
import dev.clawscope.protocol.ClientInfo;
import dev.clawscope.protocol.ClientMode;
import dev.clawscope.protocol.DeviceIdentity;
import dev.clawscope.protocol.EventFrame;
import dev.clawscope.protocol.Secret;
import dev.clawscope.sim.PairingMode;
import dev.clawscope.sim.SimConfig;
import dev.clawscope.sim.SimGateway;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Approvals and the gateway glance over real links to the simulator. */
class OperatorTest {

    private static final String TOKEN = "operator-test-token";
    private static final List<String> OPERATOR_SCOPES = List.of("operator.read", "operator.write",
            Operator.PAIRING_SCOPE, Operator.APPROVALS_SCOPE);

    private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    private GatewayLink link(SimGateway sim, Journal journal, LinkConfig config, DeviceIdentity identity) {
        GatewayLink link = GatewayLink.create(config, journal, identity, DeviceTokenStore.inMemory(), Optional.empty());
        closing.add(link::dispose);
        return link;
    }

    private static LinkConfig operatorConfig(SimGateway sim) {
        return LinkConfig.defaults(GatewayAddress.parse(sim.url().toString(), false), Secret.of(TOKEN),
                ClientInfo.of(ClientId.CLI, ClientMode.CLI, "test", "linux"), OPERATOR_SCOPES).withSignDevice(false);
    }

    private Operator operator(SimGateway sim) {
        Journal journal = new Journal();
        closing.add(journal);
        GatewayLink link = link(sim, journal, operatorConfig(sim), null);
        Operator operator = new Operator(link, journal);
        closing.add(operator);
        link.connect();
        await().atMost(Duration.ofSeconds(10)).until(() -> link.state() == LinkState.CONNECTED && operator.canPair());
        return operator;
    }

    private SimGateway manualPairingSim() throws Exception {
        SimGateway sim = SimGateway.start(SimConfig.defaults(TOKEN).withPairing(PairingMode.MANUAL, Duration.ofMinutes(5)));
        closing.add(sim);
        return sim;
    }

    /** A new device-signed UI client, retrying a pending pairing every 300 ms, connecting. */
    private GatewayLink pendingDevice(SimGateway sim) {
        Journal deviceJournal = new Journal();
        closing.add(deviceJournal);
        LinkConfig d = LinkConfig.defaults(GatewayAddress.parse(sim.url().toString(), false), Secret.of(TOKEN),
                ClientInfo.of(ClientId.OPENCLAW_LINUX, ClientMode.UI, "test", "linux").withDisplayName("Kitchen laptop"),
                List.of("operator.read"));
        LinkConfig device = new LinkConfig(d.address(), d.sharedToken(), d.client(), d.scopes(), true,
                d.challengeTimeout(), d.helloTimeout(), d.wsPingInterval(), d.pongDeadline(),
                d.tickWatchdogMultiplier(), d.probeMethod(), d.probeInterval(), d.backoffPolicy(), d.stablePeriod(),
                Duration.ofMillis(300), d.pairingTtl(), d.clockJumpThreshold());
        GatewayLink pending = link(sim, deviceJournal, device, DeviceIdentity.generate());
        pending.connect();
        return pending;
    }

    @Test
    void aDeviceApprovedFromTheAppThenConnects() throws Exception {
        SimGateway sim = manualPairingSim();
        Operator operator = operator(sim);
        GatewayLink pending = pendingDevice(sim);

        await().atMost(Duration.ofSeconds(10)).until(() -> operator.pairings().size() == 1);
        PendingPairing request = operator.pairings().get(0);
        assertEquals("Kitchen laptop", request.displayName());
        assertTrue(request.describe().startsWith("Kitchen laptop (linux, openclaw-linux)"), request.describe());
        assertTrue(pending.state() != LinkState.CONNECTED, "waits for approval");

        operator.approvePairing(request.requestId()).get(10, TimeUnit.SECONDS);
        assertTrue(operator.pairings().isEmpty(), "no longer pending");
        await().atMost(Duration.ofSeconds(10)).until(() -> pending.state() == LinkState.CONNECTED);
        assertTrue(sim.pendingPairings().isEmpty());
    }

    @Test
    void aRejectedPairingLeavesTheDeviceOut() throws Exception {
        SimGateway sim = manualPairingSim();
        Operator operator = operator(sim);
        GatewayLink pending = pendingDevice(sim);
        await().atMost(Duration.ofSeconds(10)).until(() -> operator.pairings().size() == 1);
        operator.rejectPairing(operator.pairings().get(0).requestId()).get(10, TimeUnit.SECONDS);
        assertTrue(operator.pairings().isEmpty());
        assertTrue(sim.pendingPairings().isEmpty(), "the gateway dropped the request");
        assertTrue(pending.state() != LinkState.CONNECTED);
    }

    @Test
    void anExecApprovalResolvedFromTheAppReachesTheGatewayWithItsDecision() throws Exception {
        SimGateway sim = SimGateway.start(SimConfig.defaults(TOKEN));
        closing.add(sim);
        Operator operator = operator(sim);

        // A second operator connection watches what the gateway announces.
        Journal watcherJournal = new Journal();
        closing.add(watcherJournal);
        GatewayLink watcher = link(sim, watcherJournal, operatorConfig(sim), null);
        List<EventFrame> seen = new CopyOnWriteArrayList<>();
        closing.add(watcher.onGatewayEvent("watcher", seen::add));
        watcher.connect();
        await().atMost(Duration.ofSeconds(10)).until(() -> watcher.state() == LinkState.CONNECTED);

        String id = sim.raiseExecApproval("rm -rf /tmp/build-cache");
        await().atMost(Duration.ofSeconds(10)).until(() -> operator.execApprovals().size() == 1);
        PendingExecApproval approval = operator.execApprovals().get(0);
        assertEquals(id, approval.id());
        assertEquals("rm -rf /tmp/build-cache on gateway", approval.describe());

        operator.resolveExec(id, ExecDecision.ALLOW_ONCE).get(10, TimeUnit.SECONDS);
        assertTrue(operator.execApprovals().isEmpty());
        assertEquals(1, sim.methodCalls("exec.approval.resolve"));
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.stream()
                .anyMatch(e -> e.event().equals("exec.approval.resolved")));
        JsonObject resolved = seen.stream().filter(e -> e.event().equals("exec.approval.resolved")).findFirst()
                .orElseThrow().payload().getAsJsonObject();
        assertEquals(id, resolved.get("id").getAsString());
        assertEquals("allow-once", resolved.get("decision").getAsString());
    }

    @Test
    void theGlanceComesFromHelloHealthAndStatus() throws Exception {
        SimGateway sim = SimGateway.start(SimConfig.defaults(TOKEN).withHealthInterval(Duration.ofMillis(200)));
        closing.add(sim);
        Operator operator = operator(sim);
        await().atMost(Duration.ofSeconds(10)).until(() -> operator.glance().healthOk() != null
                && operator.glance().clients() != null);
        GatewayGlance glance = operator.glance();
        assertEquals("2026.9.6-sim", glance.serverVersion());
        assertNotNull(glance.uptimeMs());
        assertTrue(glance.healthOk());
        assertTrue(glance.summary(System.currentTimeMillis()).startsWith("2026.9.6-sim · up "), glance.summary(0));
    }
}
