package dev.clawscope.proof;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.journal.ClosedBy;
import dev.clawscope.journal.Journal;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.RedactionRules;
import dev.clawscope.journal.Redactor;
import dev.clawscope.link.DeviceTokenStore;
import dev.clawscope.link.GatewayAddress;
import dev.clawscope.link.GatewayLink;
import dev.clawscope.link.LinkConfig;
import dev.clawscope.link.LinkState;
import dev.clawscope.protocol.ClientId;
import dev.clawscope.protocol.ClientInfo;
import dev.clawscope.protocol.ClientMode;
import dev.clawscope.protocol.DeviceIdentity;
import dev.clawscope.protocol.Secret;
import dev.clawscope.render.AwtPngRenderer;
import dev.clawscope.sim.SimConfig;
import dev.clawscope.sim.SimGateway;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plants unique secrets everywhere one could surface — the shared token, a stored device token,
 * the device's private key, a signature, a nonce, URL userinfo, a query token, a home path — runs
 * a real link against the simulator, exports a bundle, and searches every byte of it for them.
 */
class CanaryBundleTest {

    @TempDir
    Path dir;

    @Test
    void noPlantedSecretReachesAnyFileOfTheBundle() throws Exception {
        String sharedToken = "canaryShared" + UUID.randomUUID().toString().replace("-", "");
        String deviceToken = "canaryDevTok" + UUID.randomUUID().toString().replace("-", "");
        String queryToken = "canaryQuery" + UUID.randomUUID().toString().replace("-", "");
        String userinfo = "canaryuser:canarypass" + UUID.randomUUID().toString().substring(0, 8);
        String homeUser = "canaryhome" + UUID.randomUUID().toString().substring(0, 8);
        String nonce = UUID.randomUUID().toString();
        DeviceIdentity identity = DeviceIdentity.generate();
        String signature = identity.sign("canary payload " + nonce);
        String privateKey = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("canary-private-key-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));

        Journal journal = new Journal();
        try (SimGateway sim = SimGateway.start(SimConfig.defaults(sharedToken))) {
            GatewayAddress address = GatewayAddress.parse(sim.url() + "/?token=" + queryToken, false);
            DeviceTokenStore tokens = DeviceTokenStore.inMemory();
            LinkConfig config = LinkConfig.defaults(address, Secret.of(sharedToken),
                    ClientInfo.of(ClientId.CLI, ClientMode.CLI, "0.1.0-test", "linux"), List.of("operator.read"));
            GatewayLink link = GatewayLink.create(config, journal, identity, tokens, Optional.empty());
            link.connect();
            await().atMost(Duration.ofSeconds(10)).until(() -> link.state() == LinkState.CONNECTED);
            String issued = tokens.load(address.display(), identity.deviceId(), "operator").orElseThrow().token();
            sim.kill();
            sim.revive();
            await().atMost(Duration.ofSeconds(10)).until(() -> journal.snapshot().stream()
                    .filter(e -> e.event() instanceof LinkEvent.HelloOk).count() == 2);
            link.dispose();

            // Errors are where secrets leak in practice: plant every canary in them too.
            long gen = journal.snapshot().get(journal.size() - 1).gen();
            journal.append(gen, new LinkEvent.Error("transport", "connect to ws://" + userinfo + "@gw.example:18789/?token="
                    + queryToken + " failed; Authorization: Bearer " + sharedToken));
            journal.append(gen, new LinkEvent.Error("settings", "cannot read /home/" + homeUser
                    + "/.config/clawscope/device-identity.json (privateKey=" + privateKey + ")"));
            journal.append(gen, new LinkEvent.Error("handshake", "signature=" + signature + " nonce=" + nonce
                    + " deviceToken=" + deviceToken + " issued=" + issued));
            journal.append(gen, new LinkEvent.Closed(1008, "rejected token " + sharedToken, ClosedBy.SERVER));

            List<JournalEntry> entries = new ArrayList<>(journal.snapshot());
            BundleExport export = new BundleExport(Redactor.withRandomKey(RedactionRules.defaults()),
                    new ProofBundleWriter(new AwtPngRenderer()));
            ProofBundle bundle = export.export(dir.resolve("bundle"), entries,
                    new BundleInfo("canary", "ws://" + userinfo + "@127.0.0.1:" + sim.port() + "/?token=" + queryToken,
                            Map.of("home", "/home/" + homeUser + "/work", "token", sharedToken), List.of()));

            Map<String, String> canaries = Map.of("shared token", sharedToken, "device token", deviceToken,
                    "issued device token", issued, "query token", queryToken, "userinfo", userinfo,
                    "password", "canarypass", "home user", homeUser, "nonce", nonce, "signature", signature,
                    "private key", privateKey);
            try (Stream<Path> files = Files.list(bundle.dir())) {
                List<Path> all = files.toList();
                assertEquals(5, all.size(), "journal, summary, svg, png and manifest: " + all);
                for (Path file : all) {
                    String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    canaries.forEach((what, canary) -> assertFalse(bytes.contains(canary),
                            file.getFileName() + " contains the planted " + what));
                }
            }
            String journalText = Files.readString(bundle.dir().resolve(ProofBundle.JOURNAL));
            assertTrue(journalText.contains("hello_ok"), "the bundle still tells what happened");
            assertTrue(Files.readString(bundle.dir().resolve(ProofBundle.SUMMARY)).contains("outage"));
        } finally {
            journal.close();
        }
    }
}
