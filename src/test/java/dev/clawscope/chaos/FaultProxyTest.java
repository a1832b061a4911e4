package dev.clawscope.chaos;

import static dev.clawscope.chaos.Sockets.assertClosedByPeer;
import static dev.clawscope.chaos.Sockets.assertEchoes;
import static dev.clawscope.chaos.Sockets.assertNothingArrives;
import static dev.clawscope.chaos.Sockets.assertRefused;
import static dev.clawscope.chaos.Sockets.assertResetByPeer;
import static dev.clawscope.chaos.Sockets.connect;
import static dev.clawscope.chaos.Sockets.read;
import static dev.clawscope.chaos.Sockets.readString;
import static dev.clawscope.chaos.Sockets.send;
import static dev.clawscope.chaos.Sockets.since;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The proxy's faults, on real loopback sockets between a test client and a test gateway. */
@Timeout(20)
class FaultProxyTest {

    private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final Duration QUIET = Duration.ofMillis(300);

    private TestServer gateway;
    private FaultProxy proxy;

    private FaultProxy start(TestServer server) throws IOException {
        gateway = server;
        proxy = FaultProxy.start(ANY_LOOPBACK_PORT, server.address());
        return proxy;
    }

    @AfterEach
    void tearDown() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void passesBytesBothWaysAndCountsThem() throws Exception {
        start(TestServer.echo());
        assertTrue(proxy.listenAddress().getAddress().isLoopbackAddress());
        assertTrue(proxy.listenAddress().getPort() > 0, "the real port is exposed");
        try (Socket client = connect(proxy.listenAddress())) {
            assertEchoes(client, "hello gateway");
            assertEquals(1, proxy.stats().liveConnections());
        }
        await().atMost(5, SECONDS).until(() -> proxy.stats().liveConnections() == 0);
        ProxyStats stats = proxy.stats();
        assertEquals(new ProxyStats(0, 1, 0, 13, 13, 0), stats);
    }

    @Test
    void passesOnTheEndOfStreamEachWay() throws Exception {
        start(TestServer.manual());
        try (Socket client = connect(proxy.listenAddress())) {
            Socket target = gateway.nextConnection();
            send(client, "last words");
            client.shutdownOutput();
            assertEquals("last words", readString(target, 10));
            assertEquals(-1, target.getInputStream().read(), "the client's FIN reaches the gateway");
            send(target, "reply");
            target.close();
            assertEquals("reply", readString(client, 5));
            assertEquals(-1, client.getInputStream().read(), "the gateway's FIN reaches the client");
        }
        await().atMost(5, SECONDS).until(() -> proxy.stats().liveConnections() == 0);
    }

    @Test
    void blackholeHoldsBothWaysWithTheConnectionOpenAndHealDeliversInOrder() throws Exception {
        start(TestServer.manual());
        try (Socket client = connect(proxy.listenAddress())) {
            Socket target = gateway.nextConnection();
            send(client, "zero,");
            assertEquals("zero,", readString(target, 5));

            proxy.apply(new Fault.Blackhole(Optional.empty()));
            send(client, "one,");
            send(client, "two,");
            send(client, "three");
            send(target, "back");
            assertNothingArrives(target, QUIET);
            assertNothingArrives(client, QUIET);
            assertEquals(1, proxy.stats().liveConnections(), "both sides stay open");

            proxy.apply(new Fault.Heal());
            assertEquals("one,two,three", readString(target, 13));
            assertEquals("back", readString(client, 4));
            assertEchoesThrough(client, target, "after heal");
        }
    }

    @Test
    void aResetFromTheFarSideWaitsBehindTheBlackholeAndFollowsWhatItHeld() throws Exception {
        start(TestServer.manual());
        try (Socket client = connect(proxy.listenAddress())) {
            Socket target = gateway.nextConnection();
            assertEchoesThrough(client, target, "before");

            proxy.apply(new Fault.Blackhole(Optional.empty()));
            send(target, "last words");
            target.setSoLinger(true, 0);
            target.close(); // a reset, as from a gateway that drops a silent client
            assertNothingArrives(client, QUIET);
            assertEquals(1, proxy.stats().liveConnections(), "a dead network carries no reset either");

            proxy.apply(new Fault.Heal());
            assertEquals("last words", readString(client, 10), "what was sent before the reset comes first");
            assertResetByPeer(client);
        }
        await().atMost(5, SECONDS).until(() -> proxy.stats().liveConnections() == 0);
    }

    @Test
    void blackholeHoldsAtMostSixteenMebibytesAndThenPushesBack() throws Exception {
        start(TestServer.manual());
        // More than the held cap plus the kernel buffers on the way (a small send buffer here, the
        // proxy's receive buffer autotuned up to tcp_rmem's maximum, 32 MiB at most on common
        // systems), so the writer must block.
        int total = 64 * 1024 * 1024;
        byte[] payload = new byte[total];
        for (int i = 0; i < total; i++) {
            payload[i] = (byte) (i * 31 + (i >>> 16));
        }
        try (Socket client = new Socket()) {
            client.setSendBufferSize(64 * 1024);
            client.connect(proxy.listenAddress(), Sockets.READ_TIMEOUT_MS);
            Socket target = gateway.nextConnection();
            proxy.apply(new Fault.Blackhole(Optional.empty()));
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> write(client, payload));

            await().atMost(10, SECONDS).until(() -> proxy.stats().heldBytes() == Pipe.MAX_HELD);
            assertFalse(writer.isDone(), "the sender is held back once the proxy holds 16 MiB");
            assertEquals(0, proxy.stats().bytesToTarget());

            proxy.apply(new Fault.Heal());
            assertArrayEquals(payload, read(target, total));
            writer.get(10, SECONDS);
            await().atMost(5, SECONDS).until(() -> proxy.stats().heldBytes() == 0);
        }
    }

    @Test
    void blackholeWithADurationHealsByItself() throws Exception {
        start(TestServer.manual());
        List<FaultEvent> events = new CopyOnWriteArrayList<>();
        proxy.addListener(events::add);
        try (Socket client = connect(proxy.listenAddress())) {
            Socket target = gateway.nextConnection();
            long start = System.nanoTime();
            proxy.apply(new Fault.Blackhole(Optional.of(Duration.ofMillis(500))));
            send(client, "held");
            assertEquals("held", readString(target, 4));
            assertTrue(since(start).compareTo(Duration.ofMillis(450)) >= 0, "held until the blackhole expired");
            await().atMost(5, SECONDS).until(() -> events.size() == 2);
            assertEquals(FaultEvent.Cause.EXPIRED, events.get(1).cause());
            assertEquals(new Fault.Pass(), proxy.mode());
        }
    }

    @Test
    void resetResetsEveryConnectionBothSidesAndKeepsTheMode() throws Exception {
        start(TestServer.manual());
        Fault delay = new Fault.Delay(10, Optional.empty());
        proxy.apply(delay);
        try (Socket first = connect(proxy.listenAddress()); Socket second = connect(proxy.listenAddress())) {
            Socket firstTarget = gateway.nextConnection();
            Socket secondTarget = gateway.nextConnection();
            assertEchoesThrough(first, firstTarget, "one");
            assertEchoesThrough(second, secondTarget, "two");

            proxy.apply(new Fault.Reset());

            assertResetByPeer(first);
            assertResetByPeer(second);
            assertClosedByPeer(firstTarget);
            assertClosedByPeer(secondTarget);
            await().atMost(5, SECONDS).until(() -> proxy.stats().liveConnections() == 0);
            assertEquals(delay, proxy.mode(), "a reset is an action, not a mode");
        }
        try (Socket again = connect(proxy.listenAddress())) {
            assertEchoesThrough(again, gateway.nextConnection(), "new connections still work");
        }
    }

    @Test
    void delayAddsLatencyEachWayAndKeepsOrder() throws Exception {
        start(TestServer.echo());
        long delayMs = 300;
        try (Socket client = connect(proxy.listenAddress())) {
            assertEchoes(client, "warm-up");
            proxy.apply(new Fault.Delay(delayMs, Optional.empty()));
            long start = System.nanoTime();
            send(client, "a");
            send(client, "b");
            send(client, "c");
            assertEquals("abc", readString(client, 3));
            Duration roundTrip = since(start);
            assertTrue(roundTrip.toMillis() >= 2 * delayMs, "round trip " + roundTrip + " is at least twice the delay");
            assertTrue(roundTrip.toMillis() < 2 * delayMs + 2_000, "round trip " + roundTrip + " is not much more");
        }
    }

    @Test
    void aDelayRangeHoldsEachChunkForItsOwnDrawWithinTheRange() throws Exception {
        start(TestServer.manual());
        long min = 100;
        long max = 400;
        proxy.apply(new Fault.Delay(min, max, Optional.empty()));
        try (Socket client = connect(proxy.listenAddress())) {
            Socket target = gateway.nextConnection();
            target.setSoTimeout(Sockets.READ_TIMEOUT_MS);
            List<Long> delays = new java.util.ArrayList<>();
            // One byte at a time, the next only once the last arrived: each is a chunk of its own.
            for (int i = 0; i < 15; i++) {
                long sent = System.nanoTime();
                client.getOutputStream().write(i);
                assertEquals(i, target.getInputStream().read(), "byte " + i + " in its place");
                long delay = since(sent).toMillis();
                assertTrue(delay >= min, "chunk " + i + " held " + delay + " ms, under the range's " + min + " ms");
                assertTrue(delay <= max + 1_000, "chunk " + i + " held " + delay + " ms, far over " + max + " ms");
                delays.add(delay);
            }
            // Independent draws: 15 uniform draws over 300 ms all within 100 ms of each other has a
            // probability under 15 x (1/3)^14, about 3 in a million.
            long spread = java.util.Collections.max(delays) - java.util.Collections.min(delays);
            assertTrue(spread >= 100, "each chunk draws its own delay: " + delays);
        }
    }

    @Test
    void aDelayRangeKeepsEveryByteInOrderEachWay() throws Exception {
        start(TestServer.echo());
        byte[] payload = new byte[256 * 1024];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31 + (i >> 8));
        }
        try (Socket client = connect(proxy.listenAddress())) {
            assertEchoes(client, "warm-up");
            proxy.apply(new Fault.Delay(0, 50, Optional.empty()));
            // Many small writes, so that the proxy reads many chunks, each with its own draw.
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = client.getOutputStream();
                    for (int at = 0; at < payload.length; at += 1024) {
                        out.write(payload, at, 1024);
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertArrayEquals(payload, read(client, payload.length), "every byte back, in order");
            writer.get(5, SECONDS);
        }
    }

    @Test
    void throttleBoundsThroughputEachWay() throws Exception {
        start(TestServer.echo());
        byte[] payload = new byte[64 * 1024];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        try (Socket client = connect(proxy.listenAddress())) {
            proxy.apply(new Fault.Throttle(32 * 1024, Optional.empty()));
            long start = System.nanoTime();
            client.getOutputStream().write(payload);
            assertArrayEquals(payload, read(client, payload.length));
            Duration elapsed = since(start);
            // 64 KiB at 32 KiB/s is 2 s in each direction; the directions overlap.
            assertTrue(elapsed.toMillis() >= 1_500, "64 KiB at 32 KiB/s took only " + elapsed);
            assertTrue(elapsed.toMillis() < 8_000, "64 KiB at 32 KiB/s took " + elapsed);
        }
    }

    @Test
    void refuseResetsNewConnectionsWhileAnExistingOneKeepsWorking() throws Exception {
        start(TestServer.echo());
        try (Socket existing = connect(proxy.listenAddress())) {
            assertEchoes(existing, "before");
            proxy.apply(new Fault.Refuse(Optional.empty()));
            assertRefused(proxy.listenAddress());
            assertEchoes(existing, "still working");
            assertEquals(1, proxy.stats().refusedConnections());
            assertEquals(1, proxy.stats().liveConnections());

            proxy.apply(new Fault.Heal());
            try (Socket welcome = connect(proxy.listenAddress())) {
                assertEchoes(welcome, "welcome again");
            }
        }
    }

    @Test
    void refuseWithADurationExpiresByItself() throws Exception {
        start(TestServer.echo());
        List<FaultEvent> events = new CopyOnWriteArrayList<>();
        proxy.addListener(events::add);
        Fault refuse = new Fault.Refuse(Optional.of(Duration.ofMillis(400)));
        long start = System.nanoTime();
        proxy.apply(refuse);
        assertRefused(proxy.listenAddress());
        await().atMost(5, SECONDS).until(() -> events.size() == 2);
        Duration lasted = since(start);
        assertEquals(List.of(new FaultEvent(refuse, FaultEvent.Cause.APPLIED), new FaultEvent(refuse, FaultEvent.Cause.EXPIRED)),
                events);
        assertTrue(lasted.toMillis() >= 390, "expired after " + lasted);
        assertTrue(lasted.toMillis() < 2_000, "expired after " + lasted);
        assertEquals(new Fault.Pass(), proxy.mode());
        try (Socket accepted = connect(proxy.listenAddress())) {
            assertEchoes(accepted, "accepted again");
        }
    }

    @Test
    void aNewFaultCancelsThePreviousExpiry() throws Exception {
        start(TestServer.echo());
        List<FaultEvent> events = new CopyOnWriteArrayList<>();
        proxy.addListener(events::add);
        Fault shortBlackhole = new Fault.Blackhole(Optional.of(Duration.ofMillis(100)));
        Fault longerRefuse = new Fault.Refuse(Optional.of(Duration.ofMillis(600)));
        long start = System.nanoTime();
        proxy.apply(shortBlackhole);
        proxy.apply(longerRefuse);

        await().atMost(5, SECONDS).until(() -> events.size() == 3);
        assertEquals(List.of(
                new FaultEvent(shortBlackhole, FaultEvent.Cause.APPLIED),
                new FaultEvent(longerRefuse, FaultEvent.Cause.APPLIED),
                new FaultEvent(longerRefuse, FaultEvent.Cause.EXPIRED)), events);
        assertTrue(since(start).toMillis() >= 590, "the refuse ran its own duration");
    }

    @Test
    void aClientOfAnUnreachableTargetIsResetAndNotCounted() throws Exception {
        InetSocketAddress nobody;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = (InetSocketAddress) closed.getLocalSocketAddress();
        }
        proxy = FaultProxy.start(ANY_LOOPBACK_PORT, nobody);
        assertRefused(proxy.listenAddress());
        await().atMost(5, SECONDS).until(() -> proxy.stats().liveConnections() == 0);
        assertEquals(1, proxy.stats().acceptedConnections());
    }

    private static void assertEchoesThrough(Socket client, Socket target, String text) throws IOException {
        send(client, text);
        assertEquals(text, readString(target, text.length()));
        send(target, text);
        assertEquals(text, readString(client, text.length()));
    }

    private static void write(Socket socket, byte[] bytes) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
