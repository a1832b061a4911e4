package dev.clawscope.watch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.journal.Journal;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Many gateways, one writer: 200 journals fed by the caller add no thread, and each outage gets its bundle. */
@Timeout(60)
class IncidentRecorderManyTest {

    private static final int GATEWAYS = 200;

    @TempDir
    Path dir;

    private static long threads(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(name)).count();
    }

    private static void append(Journal journal, IncidentRecorder.Feed feed, LinkEvent event) {
        JournalEntry entry = journal.append(1, event);
        feed.accept(entry);
    }

    @Test
    void twoHundredGatewaysShareOneWriterThread() throws Exception {
        long before = threads("incident-writer");
        List<Journal> journals = new ArrayList<>();
        try (IncidentRecorder recorder = IncidentRecorder.start(IncidentSettings.defaults(dir)
                .withWindows(Duration.ofMillis(100), Duration.ofMillis(100)).withCaps(GATEWAYS, Long.MAX_VALUE))) {
            List<IncidentRecorder.Feed> feeds = new ArrayList<>();
            for (int i = 0; i < GATEWAYS; i++) {
                Journal journal = new Journal(1_000, 100, dev.clawscope.journal.JournalClock.system());
                journals.add(journal);
                feeds.add(recorder.feed("gw" + i, "ws://127.0.0.1:" + (20_000 + i), journal));
            }
            for (int i = 0; i < GATEWAYS; i++) {
                Journal journal = journals.get(i);
                IncidentRecorder.Feed feed = feeds.get(i);
                append(journal, feed, new LinkEvent.StateChanged("idle", "connected"));
                append(journal, feed, new LinkEvent.StateChanged("connected", "backoff"));
                append(journal, feed, new LinkEvent.HelloOk("2026.9.6", 3, 30_000, List.of(), List.of()));
                append(journal, feed, new LinkEvent.StateChanged("handshaking", "connected"));
            }
            assertEquals(before + 1, threads("incident-writer"), "one writer for all gateways");
            await().atMost(Duration.ofSeconds(40)).until(() -> recorder.written() == GATEWAYS);
            assertEquals(GATEWAYS, recorder.bundles().size());
            assertTrue(recorder.bundles().stream().allMatch(p -> p.getFileName().toString().matches("gw\\d+-.*")));
        } finally {
            journals.forEach(Journal::close);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> threads("incident-writer") == before);
    }
}
