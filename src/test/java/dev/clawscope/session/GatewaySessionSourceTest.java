package dev.clawscope.session;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.RedactionRules;
import dev.clawscope.journal.Source;
import dev.clawscope.link.GatewayAddress;
import dev.clawscope.proof.ProofBundle;
import dev.clawscope.protocol.Secret;
import dev.clawscope.sim.SimConfig;
import dev.clawscope.sim.SimGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A session's journal belongs to one source, and its generations keep rising across recreated links. */
@Timeout(60)
class GatewaySessionSourceTest {

    private static final String TOKEN = "source-test-token-5b1e";

    @TempDir
    Path dir;

    @Test
    void recreatingTheLinkTwiceKeepsGenRisingAndTheBundleNamesTheSource() throws Exception {
        try (SimGateway sim = SimGateway.start(SimConfig.defaults(TOKEN));
                GatewaySession session = GatewaySession.open(new GatewayChoice.Remote(
                        GatewayAddress.parse(sim.url().toString(), false), Secret.of(TOKEN), "a test"), false,
                        LinkTuning.demo(), "Source test", dir.resolve("settings"))) {
            String gateway = "ws://127.0.0.1:" + sim.port() + "/";
            assertEquals(new Source(Source.Kind.GATEWAY_LINK, "link:" + gateway, "Source test \u2192 " + gateway),
                    session.source());

            session.connect();
            awaitHelloOks(session, 1);
            session.recreateLink();
            awaitHelloOks(session, 2);
            session.recreateLink();
            awaitHelloOks(session, 3);

            List<JournalEntry> entries = session.journal().snapshot();
            for (int i = 1; i < entries.size(); i++) {
                assertTrue(entries.get(i).gen() >= entries.get(i - 1).gen(),
                        "gen fell from " + entries.get(i - 1) + " to " + entries.get(i));
            }
            List<Long> helloGens = entries.stream().filter(e -> e.event() instanceof LinkEvent.HelloOk)
                    .map(JournalEntry::gen).toList();
            assertEquals(3, helloGens.size(), helloGens::toString);
            assertTrue(helloGens.get(0) < helloGens.get(1) && helloGens.get(1) < helloGens.get(2),
                    "each link's connection has a gen of its own: " + helloGens);
            long disposeEnds = entries.stream().filter(e -> e.event() instanceof LinkEvent.DisposeEnd).count();
            assertEquals(2, disposeEnds, "two links were disposed");

            ProofBundle bundle = session.exportProof(dir.resolve("proof"), null, RedactionRules.defaults());
            JsonObject manifest = JsonParser.parseString(Files.readString(bundle.dir().resolve(ProofBundle.MANIFEST)))
                    .getAsJsonObject();
            JsonObject source = manifest.getAsJsonObject("source");
            assertEquals("gateway_link", source.get("kind").getAsString(), manifest::toString);
            assertEquals("link:" + gateway, source.get("id").getAsString(), manifest::toString);
            assertEquals("Source test \u2192 " + gateway, source.get("name").getAsString(), manifest::toString);
            String summary = Files.readString(bundle.dir().resolve(ProofBundle.SUMMARY));
            assertTrue(summary.contains("| Source | Source test \u2192 " + gateway + " (gateway_link) |"), summary);
        }
    }

    private static void awaitHelloOks(GatewaySession session, long count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> session.journal().snapshot().stream()
                .filter(e -> e.event() instanceof LinkEvent.HelloOk).count() >= count);
    }

    @Test
    void theDemoIsOneSourceWhateverPortItsSimulatorHas() throws Exception {
        try (GatewaySession session = GatewaySession.open(new GatewayChoice.Demo("a test"), false,
                LinkTuning.demo(), "Demo test", dir.resolve("settings"))) {
            assertEquals(Source.Kind.GATEWAY_LINK, session.source().kind());
            assertEquals("link:demo", session.source().id());
            assertEquals("Demo test \u2192 " + session.gatewayLabel(), session.source().displayName());
        }
    }
}
