package dev.clawscope.observe;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.clawscope.journal.Journal;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.JournalJson;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.RedactionRules;
import dev.clawscope.journal.Redactor;
import dev.clawscope.link.DeviceTokenStore;
import dev.clawscope.link.GatewayAddress;
import dev.clawscope.link.GatewayLink;
import dev.clawscope.link.LinkConfig;
import dev.clawscope.proof.BundleExport;
import dev.clawscope.proof.BundleInfo;
import dev.clawscope.proof.ProofBundle;
import dev.clawscope.proof.ProofBundleWriter;
import dev.clawscope.protocol.ClientId;
import dev.clawscope.protocol.ClientInfo;
import dev.clawscope.protocol.ClientMode;
import dev.clawscope.protocol.DeviceIdentity;
import dev.clawscope.protocol.Secret;
import dev.clawscope.render.AwtPngRenderer;
import dev.clawscope.sim.SimConfig;
import dev.clawscope.sim.SimGateway;
import dev.clawscope.ws.Opcode;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Observed clients send recognisable secrets in their connect frames (token, password, device
 * token, device signature, nonce) and in a request's params: none of them reaches a journal line,
 * any file of an exported proof bundle, or a log line at any level.
 */
class ObserverCanaryTest {

    @TempDir
    Path dir;

    @Test
    void noSecretOfAnObservedClientReachesTheJournalABundleOrTheLog() throws Exception {
        Map<String, String> canaries = new LinkedHashMap<>();
        canaries.put("token", "canaryTok" + hex());
        canaries.put("password", "canaryPass" + hex());
        canaries.put("device token", "canaryDevTok" + hex());
        canaries.put("signature", "canarySig" + hex());
        canaries.put("nonce", "canaryNonce" + hex());
        canaries.put("query token", "canaryQuery" + hex());
        canaries.put("params", "canaryParams" + hex());
        String token = canaries.get("token");

        Journal journal = new Journal();
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger ours = (Logger) LoggerFactory.getLogger("dev.clawscope");
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level level = ours.getLevel();
        log.start();
        root.addAppender(log);
        ours.setLevel(Level.TRACE);
        try (SimGateway sim = SimGateway.start(SimConfig.defaults(token));
                Observer observer = Observer.start(RawServer.observerInFrontOf(
                        new InetSocketAddress("127.0.0.1", sim.port())), journal)) {
            int port = observer.listenAddress().getPort();
            // A token-only client that gets in and asks something with a secret in its params.
            try (RawEnd c = connect(port, canaries)) {
                c.send(Ws.client(Opcode.TEXT, connect("c1", canaries, false)));
                c.awaitText("hello-ok");
                c.send(Ws.client(Opcode.TEXT, "{\"type\":\"req\",\"id\":\"r2\",\"method\":\"health\",\"params\":{\"note\":\""
                        + canaries.get("params") + "\"}}"));
                c.awaitText("\"r2\"");
            }
            // One with every secret and a device proof the gateway turns away.
            try (RawEnd c = connect(port, canaries)) {
                c.send(Ws.client(Opcode.TEXT, connect("c2", canaries, true)));
                awaitClose(c);
            }
            // One the observer answers itself, its connect held on the relay's thread.
            observer.apply(new PeerFault.AuthReject());
            try (RawEnd c = connect(port, canaries)) {
                c.send(Ws.client(Opcode.TEXT, connect("c3", canaries, true)));
                awaitClose(c);
            }
            // The app's own link with the token.
            Journal linkJournal = new Journal();
            LinkConfig config = LinkConfig.defaults(GatewayAddress.parse(observer.clientUrl(), false), Secret.of(token),
                    ClientInfo.of(ClientId.CLI, ClientMode.CLI, "0.1.0-test", "linux"), List.of("operator.read"));
            GatewayLink link = GatewayLink.create(config, linkJournal, DeviceIdentity.generate(),
                    DeviceTokenStore.inMemory(), Optional.empty());
            link.connect();
            Journals.await(journal, LinkEvent.PeerHelloOk.class, ok -> ok.conn() == 4);
            link.dispose();
            linkJournal.close();
            Journals.awaitCount(journal, LinkEvent.PeerDisconnect.class, d -> true, 4);
            observer.close();

            List<JournalEntry> entries = journal.snapshot();
            assertThat(Journals.events(journal, LinkEvent.PeerHello.class)).extracting(LinkEvent.PeerHello::auth)
                    .containsExactly("token", "token+device", "token+device", "token+device");
            assertThat(Journals.events(journal, LinkEvent.PeerRequest.class)).extracting(LinkEvent.PeerRequest::method)
                    .contains("health");
            for (JournalEntry entry : entries) {
                String line = JournalJson.toLine(entry);
                assertThat(JournalJson.parse(line)).as("read back: %s", line).contains(entry);
                canaries.forEach((what, canary) -> assertThat(line).as("journal line holds the %s", what)
                        .doesNotContain(canary));
            }

            ProofBundle bundle = new BundleExport(Redactor.withRandomKey(RedactionRules.defaults()),
                    new ProofBundleWriter(new AwtPngRenderer())).export(dir.resolve("bundle"), entries,
                    new BundleInfo("observe", observer.targetDisplay(), Map.of(), List.of())
                            .withSource(observer.source()));
            try (Stream<Path> files = Files.list(bundle.dir())) {
                List<Path> all = files.toList();
                assertThat(all).hasSize(ProofBundle.FILE_NAMES.size());
                for (Path file : all) {
                    String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    canaries.forEach((what, canary) -> assertThat(bytes).as("%s holds the %s", file.getFileName(), what)
                            .doesNotContain(canary));
                }
            }
        } finally {
            ours.setLevel(level);
            root.detachAppender(log);
            log.stop();
            journal.close();
        }
        List<String> lines;
        synchronized (log) {
            lines = log.list.stream().map(e -> e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy())))
                    .toList();
        }
        assertThat(lines).as("the observer logs at all").anySatisfy(l -> assertThat(l).contains("observer"));
        for (String line : lines) {
            canaries.forEach((what, canary) -> assertThat(line).as("log line holds the %s", what).doesNotContain(canary));
        }
    }

    /** A raw client upgraded through the observer (a secret in the query), past the challenge. */
    private static RawEnd connect(int port, Map<String, String> canaries) throws Exception {
        RawEnd c = RawEnd.connect(new InetSocketAddress("127.0.0.1", port));
        c.send(Ws.request("127.0.0.1:" + port, null).replace("token=query-secret", "token=" + canaries.get("query token")));
        c.awaitText("connect.challenge");
        return c;
    }

    private static void awaitClose(RawEnd c) {
        c.awaitReceived(b -> ObserverFaultsTest.frames(b).stream().anyMatch(f -> f.opcode() == Opcode.CLOSE));
    }

    private static String connect(String id, Map<String, String> canaries, boolean everything) {
        String auth = "\"token\":\"" + canaries.get("token") + "\""
                + (everything ? ",\"password\":\"" + canaries.get("password") + "\",\"deviceToken\":\""
                        + canaries.get("device token") + "\"" : "");
        String device = everything ? ",\"device\":{\"id\":\"" + "cd".repeat(32) + "\",\"publicKey\":\"" + "A".repeat(43)
                + "\",\"signature\":\"" + canaries.get("signature") + "\",\"signedAt\":1,\"nonce\":\""
                + canaries.get("nonce") + "\"}" : "";
        return "{\"type\":\"req\",\"id\":\"" + id + "\",\"method\":\"connect\",\"params\":{\"minProtocol\":4,"
                + "\"maxProtocol\":4,\"client\":{\"id\":\"cli\",\"version\":\"1.0\",\"platform\":\"linux\",\"mode\":\"cli\"},"
                + "\"role\":\"operator\",\"scopes\":[\"operator.read\"],\"auth\":{" + auth + "}" + device + "}}";
    }

    private static String hex() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
