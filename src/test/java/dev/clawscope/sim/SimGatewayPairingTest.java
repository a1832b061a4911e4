package dev.clawscope.sim;

import static dev.clawscope.sim.SimGatewayHandshakeTest.SCOPES;
import static dev.clawscope.sim.SimGatewayHandshakeTest.TOKEN;
import static dev.clawscope.sim.SimGatewayHandshakeTest.WAIT;
import static dev.clawscope.sim.SimGatewayHandshakeTest.cliParams;
import static dev.clawscope.sim.SimGatewayHandshakeTest.connect;
import static dev.clawscope.sim.SimGatewayHandshakeTest.hello;
import static dev.clawscope.sim.SimGatewayHandshakeTest.signed;
import static dev.clawscope.sim.SimGatewayHandshakeTest.uiParams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.clawscope.protocol.Challenge;
import dev.clawscope.protocol.ConnectAuth;
import dev.clawscope.protocol.DeviceIdentity;
import dev.clawscope.protocol.ErrorClass;
import dev.clawscope.protocol.EventFrame;
import dev.clawscope.protocol.HelloOk;
import dev.clawscope.protocol.ResponseFrame;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Manual pairing: stable request ids, expiry, approval by API and by RPC, and the operator events. */
class SimGatewayPairingTest {

    private SimGateway sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private SimGateway manual(Duration ttl) throws Exception {
        sim = SimGateway.start(SimConfig.defaults(TOKEN).withPairing(PairingMode.MANUAL, ttl));
        return sim;
    }

    private ResponseFrame signedConnect(DeviceIdentity identity, List<String> scopes) throws Exception {
        try (RawClient client = RawClient.connect(sim.url())) {
            Challenge challenge = client.challenge();
            ResponseFrame response = connect(client,
                    signed(uiParams(ConnectAuth.sharedToken(TOKEN), scopes), identity, challenge));
            if (!response.ok()) {
                assertEquals(1008, client.awaitClose(WAIT).getCloseCode().getCode());
            }
            return response;
        }
    }

    @Test
    void sameKeyGetsTheSameRequestIdAndApprovalLetsItIn() throws Exception {
        manual(Duration.ofMinutes(5));
        DeviceIdentity identity = DeviceIdentity.generate();
        ResponseFrame first = signedConnect(identity, SCOPES);
        assertEquals(ErrorClass.PAIRING, first.error().classify());
        assertEquals("not-paired", first.error().reason().orElseThrow());
        String requestId = first.error().requestId().orElseThrow();
        assertEquals(requestId, signedConnect(identity, SCOPES).error().requestId().orElseThrow());
        assertEquals(1, sim.pendingPairings().size());
        assertEquals(identity.deviceId(), sim.pendingPairings().get(0).deviceId());

        assertTrue(sim.approvePairing(requestId));
        assertFalse(sim.approvePairing(requestId), "a request is approved once");
        ResponseFrame after = signedConnect(identity, SCOPES);
        assertTrue(after.ok());
        assertTrue(hello(after).deviceToken().isPresent());
    }

    @Test
    void askingForMoreScopesIsAScopeUpgradeWithANewRequest() throws Exception {
        manual(Duration.ofMinutes(5));
        DeviceIdentity identity = DeviceIdentity.generate();
        String first = signedConnect(identity, SCOPES).error().requestId().orElseThrow();
        sim.approvePairing(first);
        ResponseFrame upgrade = signedConnect(identity, List.of("operator.read", "operator.write", "operator.admin"));
        assertEquals("scope-upgrade", upgrade.error().reason().orElseThrow());
        assertFalse(first.equals(upgrade.error().requestId().orElseThrow()));
    }

    @Test
    void pendingRequestsExpireAfterTheirTtl() throws Exception {
        manual(Duration.ofMillis(300));
        DeviceIdentity identity = DeviceIdentity.generate();
        String first = signedConnect(identity, SCOPES).error().requestId().orElseThrow();
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> sim.pendingPairings().isEmpty());
        assertFalse(sim.approvePairing(first), "an expired request cannot be approved");
        String second = signedConnect(identity, SCOPES).error().requestId().orElseThrow();
        assertFalse(first.equals(second), "a new request after expiry has a new id");
    }

    @Test
    void operatorWithPairingScopeSeesRequestsAndApprovesByRpc() throws Exception {
        manual(Duration.ofMinutes(5));
        try (RawClient operator = RawClient.connect(sim.url())) {
            operator.challenge();
            hello(connect(operator, cliParams(TOKEN, List.of("operator.read", "operator.pairing"))));
            try (RawClient reader = RawClient.connect(sim.url())) {
                reader.challenge();
                hello(connect(reader, cliParams(TOKEN, SCOPES)));

                DeviceIdentity identity = DeviceIdentity.generate();
                String requestId = signedConnect(identity, SCOPES).error().requestId().orElseThrow();
                EventFrame requested = operator.nextEvent("device.pair.requested", WAIT);
                assertEquals(requestId, requested.payload().getAsJsonObject().get("requestId").getAsString());

                ResponseFrame list = operator.response(operator.request("device.pair.list", new JsonObject()), WAIT);
                assertEquals(1, list.payload().getAsJsonObject().getAsJsonArray("pending").size());

                JsonObject params = new JsonObject();
                params.addProperty("requestId", requestId);
                ResponseFrame approved = operator.response(operator.request("device.pair.approve", params), WAIT);
                assertTrue(approved.ok(), () -> String.valueOf(approved.error()));
                EventFrame resolved = operator.nextEvent("device.pair.resolved", WAIT);
                assertEquals("approved", resolved.payload().getAsJsonObject().get("decision").getAsString());

                ResponseFrame forbidden = reader.response(reader.request("device.pair.approve", params), WAIT);
                assertEquals("operator.pairing", forbidden.error().missingScope().orElseThrow());
                assertNull(reader.next(f -> f instanceof EventFrame e && e.event().startsWith("device.pair."),
                        Duration.ofMillis(200)), "pairing events need operator.pairing");
                assertTrue(signedConnect(identity, SCOPES).ok());
            }
        }
    }

    @Test
    void rejectedRequestIsGoneAndTheDeviceAsksAgain() throws Exception {
        manual(Duration.ofMinutes(5));
        DeviceIdentity identity = DeviceIdentity.generate();
        String requestId = signedConnect(identity, SCOPES).error().requestId().orElseThrow();
        assertTrue(sim.rejectPairing(requestId));
        assertTrue(sim.pendingPairings().isEmpty());
        assertEquals(ErrorClass.PAIRING, signedConnect(identity, SCOPES).error().classify());
    }

    @Test
    void execApprovalsReachApproversAndResolveOnce() throws Exception {
        sim = SimGateway.start(SimConfig.defaults(TOKEN));
        try (RawClient approver = RawClient.connect(sim.url())) {
            approver.challenge();
            hello(connect(approver, cliParams(TOKEN, List.of("operator.approvals"))));
            String id = sim.raiseExecApproval("rm -rf build");
            EventFrame requested = approver.nextEvent("exec.approval.requested", WAIT);
            assertEquals(id, requested.payload().getAsJsonObject().get("id").getAsString());
            ResponseFrame list = approver.response(approver.request("exec.approval.list", new JsonObject()), WAIT);
            assertEquals(1, list.payload().getAsJsonObject().getAsJsonArray("approvals").size());

            JsonObject params = new JsonObject();
            params.addProperty("id", id);
            params.addProperty("decision", "deny");
            assertTrue(approver.response(approver.request("exec.approval.resolve", params), WAIT).ok());
            assertEquals("deny", approver.nextEvent("exec.approval.resolved", WAIT)
                    .payload().getAsJsonObject().get("decision").getAsString());
            ResponseFrame again = approver.response(approver.request("exec.approval.resolve", params), WAIT);
            assertEquals(ErrorClass.APPROVAL_NOT_FOUND, again.error().classify());
        }
    }

    @Test
    void autoModeApprovesLoopbackDevicesButNotBrowserOriginOnes() throws Exception {
        sim = SimGateway.start(SimConfig.defaults(TOKEN));
        DeviceIdentity identity = DeviceIdentity.generate();
        try (RawClient browser = RawClient.connectWithOrigin(sim.url())) {
            Challenge challenge = browser.challenge();
            ResponseFrame response = connect(browser,
                    signed(uiParams(ConnectAuth.sharedToken(TOKEN), SCOPES), identity, challenge));
            assertEquals(ErrorClass.PAIRING, response.error().classify());
        }
        HelloOk hello = hello(signedConnect(identity, SCOPES));
        assertTrue(hello.deviceToken().isPresent());
    }
}
