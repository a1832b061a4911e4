package dev.clawscope.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.RedactionRules;
import dev.clawscope.journal.Subscription;
import dev.clawscope.proof.ProofBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The window's export carries the record of every link the session had, not only the current one. */
@Timeout(30)
class GatewaySessionExportTest {

    @TempDir
    Path dir;

    @Test
    void theBundleCountsTheLinksBeforeARecreateToo() throws Exception {
        try (GatewaySession session = GatewaySession.open(new GatewayChoice.Demo("a test"), false,
                LinkTuning.demo(), dir.resolve("settings"))) {
            Semaphore hellos = new Semaphore(0);
            try (Subscription watch = session.journal().subscribe("hellos", entry -> {
                if (entry.event() instanceof LinkEvent.HelloOk) {
                    hellos.release();
                }
            })) {
                session.connect();
                assertTrue(hellos.tryAcquire(10, TimeUnit.SECONDS), "the first link connects");
                session.recreateLink();
                assertTrue(hellos.tryAcquire(10, TimeUnit.SECONDS), "the new link connects");
            }
            ProofBundle bundle = session.exportProof(dir.resolve("proof"), null, RedactionRules.defaults());

            List<JournalEntry> entries = session.journal().snapshot();
            long attempts = entries.stream().filter(e -> e.event() instanceof LinkEvent.ConnectAttempt).count();
            JsonObject manifest = JsonParser.parseString(Files.readString(bundle.dir().resolve(ProofBundle.MANIFEST)))
                    .getAsJsonObject();
            JsonObject link = manifest.getAsJsonObject("link");
            assertEquals(attempts, link.get("connect_attempts").getAsLong(), manifest::toString);
            assertEquals(2, link.get("hello_oks").getAsLong(), manifest::toString);
            assertEquals(0, manifest.getAsJsonObject("journal").get("dropped_entries").getAsLong());
            String summary = Files.readString(bundle.dir().resolve(ProofBundle.SUMMARY));
            assertTrue(summary.contains("- hello-ok: 2, connected at least once (the link's own record)"), summary);
        }
    }
}
