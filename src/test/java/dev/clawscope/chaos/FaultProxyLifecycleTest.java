package dev.clawscope.chaos;

import dev.clawscope.journal.Subscription;
import static dev.clawscope.chaos.Sockets.assertClosedByPeer;
import static dev.clawscope.chaos.Sockets.assertEchoes;
import static dev.clawscope.chaos.Sockets.assertRefused;
import static dev.clawscope.chaos.Sockets.connect;
import static dev.clawscope.chaos.Sockets.proxyThreads;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Threads, limits, listeners and closing of the proxy. */
@Timeout(20)
class FaultProxyLifecycleTest {

    private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private TestServer gateway;

    @BeforeEach
    void startGateway() throws IOException {
        gateway = TestServer.echo();
    }

    @AfterEach
    void stopGateway() throws Exception {
        gateway.close();
    }

    @Test
    void runsTwoDaemonThreadsWhateverTheNumberOfConnections() throws Exception {
        List<Socket> clients = new ArrayList<>();
        try (FaultProxy proxy = FaultProxy.start(ANY_LOOPBACK_PORT, gateway.address())) {
            int port = proxy.listenAddress().getPort();
            for (int i = 0; i < 40; i++) {
                Socket client = connect(proxy.listenAddress());
                clients.add(client);
                assertEchoes(client, "client " + i);
            }
            assertEquals(40, proxy.stats().liveConnections());
            assertEquals(Set.of("fault-proxy-" + port + "-io", "fault-proxy-" + port + "-events"), proxyThreads());
            Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("fault-proxy-"))
                    .forEach(t -> assertTrue(t.isDaemon(), t.getName() + " is a daemon"));
        } finally {
            for (Socket client : clients) {
                client.close();
            }
        }
    }

    @Test
    void resetsConnectionsOverTheCapAndAcceptsAgainBelowIt() throws Exception {
        try (FaultProxy proxy = FaultProxy.start(ANY_LOOPBACK_PORT, gateway.address(), 2);
                Socket first = connect(proxy.listenAddress())) {
            try (Socket second = connect(proxy.listenAddress())) {
                assertEchoes(first, "one");
                assertEchoes(second, "two");

                assertRefused(proxy.listenAddress());
                assertEquals(1, proxy.stats().refusedConnections());
                assertEquals(2, proxy.stats().liveConnections());
                assertEchoes(first, "the others keep working");
            }
            await().atMost(5, SECONDS).until(() -> proxy.stats().liveConnections() == 1);
            try (Socket third = connect(proxy.listenAddress())) {
                assertEchoes(third, "room again");
            }
            assertEquals(4, proxy.stats().acceptedConnections());
        }
    }

    @Test
    void closeEndsEveryThreadConnectionAndTheListeningPort() throws Exception {
        FaultProxy proxy = FaultProxy.start(ANY_LOOPBACK_PORT, gateway.address());
        InetSocketAddress address = proxy.listenAddress();
        try (Socket client = connect(address)) {
            assertEchoes(client, "alive");
            proxy.apply(new Fault.Blackhole(Optional.empty()));

            proxy.close();

            assertEquals(Set.of(), proxyThreads());
            assertClosedByPeer(client);
            assertThrows(ConnectException.class, () -> connect(address).close());
            assertEquals(0, proxy.stats().liveConnections());
            assertEquals(0, proxy.stats().heldBytes());
        }
        proxy.close();
        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> proxy.apply(new Fault.Heal()));
        assertEquals("fault proxy is closed", closed.getMessage());
    }

    @Test
    void refusesToListenOnANonLoopbackAddress() {
        for (String host : List.of("0.0.0.0", "192.0.2.1")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> FaultProxy.start(new InetSocketAddress(host, 0), gateway.address()));
            assertEquals("the fault proxy listens on a loopback address only (e.g. 127.0.0.1), not " + host, e.getMessage());
        }
        assertEquals(Set.of(), proxyThreads());
    }

    @Test
    void listenersHearEveryFaultInOrderAndAThrowingOneIsHarmless() throws Exception {
        try (FaultProxy proxy = FaultProxy.start(ANY_LOOPBACK_PORT, gateway.address());
                Socket client = connect(proxy.listenAddress())) {
            List<FaultEvent> heard = new CopyOnWriteArrayList<>();
            proxy.addListener(event -> {
                throw new IllegalStateException("a broken listener");
            });
            Subscription subscription = proxy.addListener(heard::add);
            List<Fault> faults = List.of(new Fault.Blackhole(Optional.empty()), new Fault.Reset(), new Fault.Heal());
            faults.forEach(proxy::apply);

            await().atMost(5, SECONDS).until(() -> heard.size() == 3);
            assertEquals(faults, heard.stream().map(FaultEvent::fault).toList());
            assertTrue(heard.stream().allMatch(e -> e.cause() == FaultEvent.Cause.APPLIED));

            subscription.close();
            subscription.close();
            CountDownLatch later = new CountDownLatch(1);
            proxy.addListener(event -> later.countDown());
            proxy.apply(new Fault.Pass());
            assertTrue(later.await(5, SECONDS));
            assertEquals(3, heard.size(), "a closed subscription hears nothing more");
            try (Socket again = connect(proxy.listenAddress())) {
                assertEchoes(again, "still forwarding");
            }
            assertClosedByPeer(client);
        }
    }

    @Test
    void aStuckListenerNeitherDelaysFaultsNorTraffic() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (FaultProxy proxy = FaultProxy.start(ANY_LOOPBACK_PORT, gateway.address());
                Socket client = connect(proxy.listenAddress())) {
            proxy.addListener(event -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            proxy.apply(new Fault.Delay(1, Optional.empty()));
            proxy.apply(new Fault.Pass());
            assertEchoes(client, "not held up");
            assertEquals(new Fault.Pass(), proxy.mode());
            release.countDown();
        } finally {
            release.countDown();
        }
    }
}
