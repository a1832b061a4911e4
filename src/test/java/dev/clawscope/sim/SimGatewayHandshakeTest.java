package dev.clawscope.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.clawscope.protocol.Challenge;
import dev.clawscope.protocol.ClientId;
import dev.clawscope.protocol.ClientInfo;
import dev.clawscope.protocol.ClientMode;
import dev.clawscope.protocol.ConnectAuth;
import dev.clawscope.protocol.ConnectParams;
import dev.clawscope.protocol.DeviceAuthPayload;
import dev.clawscope.protocol.DeviceIdentity;
import dev.clawscope.protocol.ErrorClass;
import dev.clawscope.protocol.HelloOk;
import dev.clawscope.protocol.RequestFrame;
import dev.clawscope.protocol.ResponseFrame;
import jakarta.websocket.CloseReason;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's connect admission, checked over a real loopback socket with a bare Tyrus client. */
class SimGatewayHandshakeTest {

    static final String TOKEN = "sim-test-token-5f1c";
    static final Duration WAIT = Duration.ofSeconds(5);
    static final List<String> SCOPES = List.of("operator.read", "operator.write");

    private SimGateway sim;

    @BeforeEach
    void start() throws Exception {
        sim = SimGateway.start(SimConfig.defaults(TOKEN));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    static ConnectParams cliParams(String token, List<String> scopes) {
        return ConnectParams.operator(ClientInfo.of(ClientId.CLI, ClientMode.CLI, "0.1.0", "linux"), scopes,
                ConnectAuth.sharedToken(token));
    }

    static ConnectParams uiParams(ConnectAuth auth, List<String> scopes) {
        return ConnectParams.operator(ClientInfo.of(ClientId.OPENCLAW_LINUX, ClientMode.UI, "0.1.0", "linux"),
                scopes, auth);
    }

    static ConnectParams signed(ConnectParams params, DeviceIdentity identity, Challenge challenge) {
        return params.withDevice(DeviceAuthPayload.prove(identity, params, challenge.nonce(), challenge.ts()));
    }

    static ResponseFrame connect(RawClient client, ConnectParams params) throws InterruptedException {
        client.send(new RequestFrame("c1", "connect", params.toJson()));
        return client.response("c1", WAIT);
    }

    static HelloOk hello(ResponseFrame response) {
        assertTrue(response.ok(), () -> "expected hello-ok, got " + response.error());
        return HelloOk.from(response).toOptional().orElseThrow();
    }

    @Test
    void tokenOnlyCliKeepsItsScopesAndHelloOkLooksLikeTheRealOne() throws Exception {
        try (RawClient client = RawClient.connect(sim.url())) {
            Challenge challenge = client.challenge();
            assertFalse(challenge.nonce().isBlank());
            HelloOk hello = hello(connect(client, cliParams(TOKEN, SCOPES)));
            assertEquals(4, hello.protocol());
            assertEquals(SCOPES, hello.grantedScopes());
            assertEquals(30_000, hello.policy().tickIntervalMs());
            assertEquals(26_214_400, hello.policy().maxPayload());
            assertTrue(hello.advertisesMethod("health"));
            assertFalse(hello.advertisesMethod("ping"));
            assertEquals(1, sim.handshakes());
            assertEquals(1, sim.connectedClients());
        }
    }

    @Test
    void deviceLessUiClientGetsNoScopes() throws Exception {
        try (RawClient client = RawClient.connect(sim.url())) {
            client.challenge();
            HelloOk hello = hello(connect(client, uiParams(ConnectAuth.sharedToken(TOKEN), SCOPES)));
            assertEquals(List.of(), hello.grantedScopes());
            String id = client.request("status", new JsonObject());
            ResponseFrame status = client.response(id, WAIT);
            assertEquals(ErrorClass.FORBIDDEN_SCOPE, status.error().classify());
            assertEquals("operator.read", status.error().missingScope().orElseThrow());
        }
    }

    @Test
    void browserOriginCliLosesItsScopes() throws Exception {
        try (RawClient client = RawClient.connectWithOrigin(sim.url())) {
            client.challenge();
            assertEquals(List.of(), hello(connect(client, cliParams(TOKEN, SCOPES))).grantedScopes());
        }
    }

    @Test
    void deviceSignedUiClientIsPairedSilentlyAndItsDeviceTokenWorksAlone() throws Exception {
        DeviceIdentity identity = DeviceIdentity.generate();
        String deviceToken;
        try (RawClient client = RawClient.connect(sim.url())) {
            Challenge challenge = client.challenge();
            HelloOk hello = hello(connect(client,
                    signed(uiParams(ConnectAuth.sharedToken(TOKEN), SCOPES), identity, challenge)));
            assertEquals(SCOPES, hello.grantedScopes());
            deviceToken = hello.deviceToken().orElseThrow();
        }
        try (RawClient client = RawClient.connect(sim.url())) {
            Challenge challenge = client.challenge();
            HelloOk hello = hello(connect(client,
                    signed(uiParams(ConnectAuth.storedDeviceToken(deviceToken), SCOPES), identity, challenge)));
            assertEquals("device-token", hello.auth().method());
            assertEquals(SCOPES, hello.grantedScopes());
        }
    }

    @Test
    void aV2SignatureIsAcceptedForGatewaysOfEveryAge() throws Exception {
        DeviceIdentity identity = DeviceIdentity.generate();
        try (RawClient client = RawClient.connect(sim.url())) {
            Challenge challenge = client.challenge();
            ConnectParams params = uiParams(ConnectAuth.sharedToken(TOKEN), SCOPES);
            ConnectParams v2 = params.withDevice(DeviceAuthPayload.prove(identity, params, challenge.nonce(),
                    challenge.ts(), DeviceAuthPayload.Version.V2));
            assertEquals(SCOPES, hello(connect(client, v2)).grantedScopes());
        }
    }

    @Test
    void wrongTokenIsRejectedWith1008AndPausesTheClient() throws Exception {
        try (RawClient client = RawClient.connect(sim.url())) {
            client.challenge();
            ResponseFrame response = connect(client, cliParams("not-the-token", SCOPES));
            assertFalse(response.ok());
            assertEquals("AUTH_TOKEN_MISMATCH", response.error().detailsCode().orElseThrow());
            assertTrue(response.error().pausesReconnect());
            CloseReason close = client.awaitClose(WAIT);
            assertEquals(1008, close.getCloseCode().getCode());
            assertEquals(0, sim.handshakes());
        }
    }

    @Test
    void protocolOutsideTheRangeIsAMismatchWith1002() throws Exception {
        try (RawClient client = RawClient.connect(sim.url())) {
            client.challenge();
            ConnectParams v3 = ConnectParams.builder(ClientInfo.of(ClientId.CLI, ClientMode.CLI, "0.1.0", "linux"))
                    .protocol(3, 3).scopes(SCOPES).auth(ConnectAuth.sharedToken(TOKEN)).build();
            ResponseFrame response = connect(client, v3);
            assertEquals(ErrorClass.PROTOCOL_MISMATCH, response.error().classify());
            assertEquals(1002, client.awaitClose(WAIT).getCloseCode().getCode());
        }
    }

    @Test
    void unknownConnectFieldIsInvalidRequest() throws Exception {
        try (RawClient client = RawClient.connect(sim.url())) {
            client.challenge();
            JsonObject params = cliParams(TOKEN, SCOPES).toJson();
            params.addProperty("workerRuns", true);
            client.send(new RequestFrame("c1", "connect", params));
            ResponseFrame response = client.response("c1", WAIT);
            assertEquals("INVALID_REQUEST", response.error().code());
            assertTrue(response.error().message().startsWith("invalid connect params"), response.error().message());
            assertEquals(1008, client.awaitClose(WAIT).getCloseCode().getCode());
        }
    }

    @Test
    void firstRequestMustBeConnect() throws Exception {
        try (RawClient client = RawClient.connect(sim.url())) {
            client.challenge();
            String id = client.request("health", new JsonObject());
            ResponseFrame response = client.response(id, WAIT);
            assertEquals("invalid handshake: first request must be connect", response.error().message());
            assertEquals(1008, client.awaitClose(WAIT).getCloseCode().getCode());
        }
    }

    @Test
    void staleOrForeignNonceFailsTheDeviceProof() throws Exception {
        DeviceIdentity identity = DeviceIdentity.generate();
        try (RawClient client = RawClient.connect(sim.url())) {
            Challenge real = client.challenge();
            Challenge foreign = new Challenge("00000000-0000-4000-8000-000000000000", real.ts());
            ResponseFrame response = connect(client,
                    signed(uiParams(ConnectAuth.sharedToken(TOKEN), SCOPES), identity, foreign));
            assertEquals("DEVICE_AUTH_NONCE_MISMATCH", response.error().detailsCode().orElseThrow());
            assertEquals(1008, client.awaitClose(WAIT).getCloseCode().getCode());
        }
        try (RawClient client = RawClient.connect(sim.url())) {
            Challenge real = client.challenge();
            Challenge old = new Challenge(real.nonce(), real.ts() - 121_000);
            ResponseFrame response = connect(client,
                    signed(uiParams(ConnectAuth.sharedToken(TOKEN), SCOPES), identity, old));
            assertEquals("DEVICE_AUTH_SIGNATURE_EXPIRED", response.error().detailsCode().orElseThrow());
        }
    }

    @Test
    void tamperedSignatureIsInvalid() throws Exception {
        DeviceIdentity identity = DeviceIdentity.generate();
        try (RawClient client = RawClient.connect(sim.url())) {
            Challenge challenge = client.challenge();
            ConnectParams params = signed(uiParams(ConnectAuth.sharedToken(TOKEN), SCOPES), identity, challenge);
            // Asking for more scopes than were signed breaks the signature.
            JsonObject json = params.toJson();
            json.getAsJsonArray("scopes").add("operator.admin");
            client.send(new RequestFrame("c1", "connect", json));
            ResponseFrame response = client.response("c1", WAIT);
            assertEquals("DEVICE_AUTH_SIGNATURE_INVALID", response.error().detailsCode().orElseThrow());
            assertEquals(ErrorClass.DEVICE_PROOF, response.error().classify());
        }
    }

    @Test
    void handshakeDeadlineClosesWith1000() throws Exception {
        sim.setHandshakeTimeout(Duration.ofMillis(300));
        try (RawClient client = RawClient.connect(sim.url())) {
            client.challenge();
            CloseReason close = client.awaitClose(WAIT);
            assertEquals(1000, close.getCloseCode().getCode());
        }
    }

    @Test
    void startupWindowAnswersUnavailableWithRetryAfterAndCloses1013() throws Exception {
        sim.startupWindow(Duration.ofSeconds(30));
        try (RawClient client = RawClient.connect(sim.url())) {
            client.challenge();
            ResponseFrame response = connect(client, cliParams(TOKEN, SCOPES));
            assertEquals(ErrorClass.RETRY_AFTER, response.error().classify());
            assertEquals(500L, response.error().retryDelayMs().orElseThrow());
            CloseReason close = client.awaitClose(WAIT);
            assertEquals(1013, close.getCloseCode().getCode());
            assertEquals("gateway starting", close.getReasonPhrase());
        }
    }
}
