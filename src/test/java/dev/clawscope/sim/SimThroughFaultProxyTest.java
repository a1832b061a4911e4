package dev.clawscope.sim;

import static dev.clawscope.sim.SimGatewayHandshakeTest.SCOPES;
import static dev.clawscope.sim.SimGatewayHandshakeTest.TOKEN;
import static dev.clawscope.sim.SimGatewayHandshakeTest.WAIT;
import static dev.clawscope.sim.SimGatewayHandshakeTest.cliParams;
import static dev.clawscope.sim.SimGatewayHandshakeTest.connect;
import static dev.clawscope.sim.SimGatewayHandshakeTest.hello;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.clawscope.chaos.Fault;
import dev.clawscope.chaos.FaultProxy;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A raw client reaching the simulator through the fault proxy: blackhole and reset on a live socket. */
class SimThroughFaultProxyTest {

    private static final Duration TICK = Duration.ofMillis(200);
    private SimGateway sim;
    private FaultProxy proxy;

    @BeforeEach
    void start() throws Exception {
        sim = SimGateway.start(SimConfig.defaults(TOKEN).withTickInterval(TICK));
        proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", sim.port()));
    }

    @AfterEach
    void stop() {
        proxy.close();
        sim.close();
    }

    private RawClient connected() throws Exception {
        RawClient client = RawClient.connect(URI.create("ws://127.0.0.1:" + proxy.listenAddress().getPort()));
        client.challenge();
        hello(connect(client, cliParams(TOKEN, SCOPES)));
        return client;
    }

    @Test
    void blackholeSilencesALiveSocketWithoutClosingItAndHealDeliversTheHeldTicks() throws Exception {
        try (RawClient client = connected()) {
            long before = client.nextEvent("tick", WAIT).seq();
            proxy.apply(new Fault.Blackhole(Optional.empty()));
            client.discardReceived();
            assertNull(client.next(f -> true, TICK.multipliedBy(3)), "nothing passes a blackhole");
            client.assertOpen();
            assertEquals(1, sim.openSockets(), "the gateway side stays open too");

            proxy.apply(new Fault.Heal());
            long held = client.nextEvent("tick", WAIT).seq();
            assertEquals(before + 1, held, "held frames arrive in order, none lost");
        }
    }

    @Test
    void resetDropsTheSocketAbnormally() throws Exception {
        try (RawClient client = connected()) {
            client.nextEvent("tick", WAIT);
            proxy.apply(new Fault.Reset());
            assertEquals(1006, client.awaitClose(WAIT).getCloseCode().getCode());
        }
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> sim.openSockets() == 0);
    }
}
