package dev.clawscope.ui.inspector;

import dev.clawscope.link.GatewayAddress;
import dev.clawscope.protocol.Secret;
import dev.clawscope.session.GatewayChoice;
import dev.clawscope.session.LinkTuning;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

/** A gateway nobody answers on: a loopback port just closed, so connecting is refused and the link retries. */
final class NobodyListening {

    /** Liveness short enough that a test sees the retries within seconds. */
    static final LinkTuning FAST = new LinkTuning(Duration.ofMillis(500), Duration.ofMillis(500),
            Duration.ofSeconds(1), "full-jitter");

    final int port;
    final GatewayChoice choice;

    private NobodyListening(int port) {
        this.port = port;
        this.choice = new GatewayChoice.Remote(GatewayAddress.parse("ws://127.0.0.1:" + port, false),
                Secret.of("t"), "a test");
    }

    static NobodyListening find() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new NobodyListening(s.getLocalPort());
        }
    }
}
