package dev.clawscope.chaos;

import static dev.clawscope.chaos.Sockets.assertEchoes;
import static dev.clawscope.chaos.Sockets.connect;
import static dev.clawscope.chaos.Sockets.send;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A tap that fails costs its own connection only: the relay goes on for every other one. */
@Timeout(20)
class FaultProxyTapTest {

    /** Passes bytes on as read; fails on a read holding "BOOM", and fails to open the third connection. */
    private static final class FailingTaps implements TapFactory {
        @Override
        public ConnectionTap open(TappedConnection connection) {
            if (connection.number() == 3) {
                throw new IllegalStateException("cannot open");
            }
            return new ConnectionTap() {
                @Override
                public StreamTap fromClient() {
                    return pass(connection.toTarget());
                }

                @Override
                public StreamTap fromTarget() {
                    return pass(connection.toClient());
                }

                @Override
                public void onClosed(boolean reset) {
                    throw new IllegalStateException("cannot close");
                }
            };
        }

        private static StreamTap pass(ByteSink sink) {
            return new StreamTap() {
                @Override
                public void onBytes(byte[] bytes, int length) {
                    if (new String(bytes, 0, length, StandardCharsets.US_ASCII).contains("BOOM")) {
                        throw new IllegalStateException("a bug in a tap");
                    }
                    sink.emit(bytes, 0, length);
                }

                @Override
                public void onEnd(boolean reset) {
                }
            };
        }
    }

    @Test
    void aFailingTapResetsItsConnectionAndTheRelayGoesOn() throws Exception {
        try (TestServer gateway = TestServer.echo();
                FaultProxy proxy = FaultProxy.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                        gateway.address(), FaultProxy.DEFAULT_MAX_CONNECTIONS, new FailingTaps())) {
            try (Socket first = connect(proxy.listenAddress()); Socket second = connect(proxy.listenAddress())) {
                assertEchoes(first, "hello");
                assertEchoes(second, "hello");
                send(second, "BOOM");
                assertEquals(-1, readOrEnd(second), "the echo of BOOM never comes: the connection is reset");
                assertEchoes(first, "still relayed");
            }
            try (Socket third = connect(proxy.listenAddress())) {
                assertEquals(-1, readOrEnd(third));
            }
            try (Socket fourth = connect(proxy.listenAddress())) {
                assertEchoes(fourth, "and the next one too");
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> proxy.stats().liveConnections() == 0);
        }
    }

    /** -1 at the end of stream or a reset. */
    private static int readOrEnd(Socket socket) {
        try {
            return socket.getInputStream().read();
        } catch (IOException e) {
            return -1;
        }
    }
}
