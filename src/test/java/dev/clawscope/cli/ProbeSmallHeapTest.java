package dev.clawscope.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.link.hostile.GatewayFrames;
import dev.clawscope.link.hostile.HostileGateway;
import dev.clawscope.link.hostile.WsWire;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A legal message the heap cannot hold must not vanish: in a JVM with a 48 MiB heap, a 24 MiB
 * frame ends the connection with a journaled reason (1009, "not enough memory") and a reconnect,
 * instead of an OutOfMemoryError on a thread nobody watches and a link that hears nothing.
 */
class ProbeSmallHeapTest {

    @Test
    void aMessageTooBigForTheHeapIsJournaledAndTheLinkReconnects(@TempDir Path dir) throws Exception {
        byte[] frame = WsWire.text("{\"type\":\"event\",\"event\":\"tick\",\"seq\":5,\"payload\":{\"pad\":\""
                + "x".repeat(24 * 1024 * 1024) + "\"}}");
        Path output = dir.resolve("probe.log");
        try (HostileGateway gateway = HostileGateway.start(c -> {
            c.handshake(GatewayFrames.hello());
            c.writeRaw(frame);
        })) {
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder builder = new ProcessBuilder(java, "-Xmx48m", "-cp", System.getProperty("java.class.path"),
                    "dev.clawscope.Main", "probe", "--url", "ws://127.0.0.1:" + gateway.port(),
                    "--token-env", "CLAWSCOPE_TEST_TOKEN", "--duration", "4s")
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().put("CLAWSCOPE_TEST_TOKEN", "small-heap-token-1");
            Process probe = builder.start();
            assertTrue(probe.waitFor(60, TimeUnit.SECONDS), "probe ends after its duration");
            String log = Files.readString(output, StandardCharsets.UTF_8);
            assertTrue(log.contains("not enough memory for a message"), log);
            assertTrue(log.matches("(?s).*closed\\s+1009 .* by client.*"), log);
            assertTrue(log.contains("reconnect_scheduled"), log);
            assertFalse(log.contains("OutOfMemoryError"), log);
        }
    }
}
