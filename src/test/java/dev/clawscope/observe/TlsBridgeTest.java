package dev.clawscope.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clawscope.link.GatewayTls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The TLS bridge against a real TLS server on loopback with a self-signed certificate that echoes. */
@Timeout(60)
class TlsBridgeTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    static Path dir;
    private static TlsFront echo;

    private final List<String> problems = new CopyOnWriteArrayList<>();
    private TlsBridge bridge;

    @BeforeAll
    static void startEcho() throws Exception {
        echo = TlsFront.start(dir, null);
    }

    @AfterAll
    static void stopEcho() throws Exception {
        echo.close();
    }

    @AfterEach
    void stopBridge() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void carriesBytesUnchangedBothWaysToAPinnedGatewayAndPassesTheEndOfTheStreamOn() throws Exception {
        bridge = start(Optional.of(echo.fingerprint()), 8);
        byte[] sent = new byte[300_000];
        new Random(18).nextBytes(sent);
        try (Socket client = connect()) {
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                try {
                    client.getOutputStream().write(sent);
                    client.getOutputStream().flush();
                    client.shutdownOutput();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            byte[] received = readToEnd(client.getInputStream());
            writing.get(10, TimeUnit.SECONDS);

            assertThat(received.length).isEqualTo(sent.length);
            assertThat(sha256(received)).as("the same bytes came back").isEqualTo(sha256(sent));
        }
        assertThat(problems).isEmpty();
        await().atMost(WAIT).until(() -> bridge.openConnections() == 0);
    }

    @Test
    void refusesAnUnpinnedSelfSignedCertificateSaysWhyAndHowToPinIt() throws Exception {
        bridge = start(Optional.empty(), 8);
        try (Socket client = connect()) {
            client.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes());
            assertThat(endOf(client)).as("the client's connection ends without an answer").isEqualTo(-1);
        }
        await().atMost(WAIT).until(() -> !problems.isEmpty());
        assertThat(problems.get(0)).isEqualTo("TLS bridge: refused the certificate of 127.0.0.1:" + echo.port()
                + ": it is not trusted (self-signed or from an unknown authority); if you trust it, pin it with "
                + "--tls-fingerprint");
    }

    @Test
    void aCertificateOtherThanThePinnedOneIsRefusedNamingTheOneSeen() throws Exception {
        bridge = start(Optional.of("00".repeat(32)), 8);
        try (Socket client = connect()) {
            assertThat(endOf(client)).isEqualTo(-1);
        }
        await().atMost(WAIT).until(() -> !problems.isEmpty());
        assertThat(problems.get(0)).startsWith("TLS bridge: refused the certificate of 127.0.0.1:" + echo.port()
                + ": the gateway certificate does not match the pinned fingerprint (got sha256:"
                + echo.fingerprint().substring("sha256:".length()).replace(":", ""));
    }

    @Test
    void aGatewayThatRefusesTcpIsSaidInOneSentence() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        bridge = TlsBridge.start("127.0.0.1", closed, new GatewayTls(Optional.empty()), 8, problems::add);
        try (Socket client = connect()) {
            assertThat(endOf(client)).isEqualTo(-1);
        }
        await().atMost(WAIT).until(() -> !problems.isEmpty());
        assertThat(problems.get(0)).startsWith("TLS bridge: cannot connect to 127.0.0.1:" + closed + ": ");
    }

    @Test
    void connectionsOverTheCapAreResetAndCloseEndsTheRestAndEveryThread() throws Exception {
        bridge = start(Optional.of(echo.fingerprint()), 1);
        try (Socket first = connect(); Socket second = connect()) {
            first.getOutputStream().write(new byte[] {1, 2, 3});
            assertThat(first.getInputStream().readNBytes(3)).containsExactly(1, 2, 3);
            assertThat(endOf(second)).as("the second is over the cap").isEqualTo(-1);
            assertThat(bridge.openConnections()).isEqualTo(1);

            bridge.close();

            assertThat(endOf(first)).isEqualTo(-1);
        }
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .noneMatch(name -> name.startsWith("tls-bridge-" + bridge.listenAddress().getPort()));
        assertThat(problems).isEmpty();
    }

    private TlsBridge start(Optional<String> pin, int max) throws IOException {
        return TlsBridge.start("127.0.0.1", echo.port(), new GatewayTls(pin), max, problems::add);
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(bridge.listenAddress(), 5_000);
        socket.setSoTimeout((int) WAIT.toMillis());
        return socket;
    }

    /** -1 when the connection ended, by FIN or by reset; fails on a byte or a timeout. */
    private static int endOf(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read();
        } catch (java.net.SocketTimeoutException e) {
            throw e;
        } catch (IOException reset) {
            return -1;
        }
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toByteArray();
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }
}
