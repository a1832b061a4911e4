package dev.clawscope.ui.inspector;

import static dev.clawscope.ui.FxWait.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.LivenessKind;
import dev.clawscope.proof.ProofBundle;
import dev.clawscope.session.GatewayChoice;
import dev.clawscope.session.GatewaySession;
import dev.clawscope.session.LinkTuning;
import dev.clawscope.link.LinkState;
import dev.clawscope.timeline.Kind;
import dev.clawscope.timeline.Lane;
import dev.clawscope.ui.InspectorStage;
import dev.clawscope.ui.FxWatchdog;
import dev.clawscope.ui.timeline.TimelineData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The inspector window, headless (Monocle), driven by clicks against a real embedded simulator
 * behind the real fault proxy: connect, a blackhole the link detects and recovers from, the
 * table's filters, and an export whose bundle leaks none of the planted secrets.
 */
@ExtendWith(ApplicationExtension.class)
class InspectorWindowTest {

    /** Short liveness so a blackhole shows within a second; everything else as shipped. */
    private static final LinkTuning FAST = new LinkTuning(Duration.ofMillis(300), Duration.ofMillis(400),
            Duration.ofSeconds(1), "full-jitter");

    @TempDir
    static Path settings;

    private GatewaySession session;
    private InspectorView view;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        session = GatewaySession.open(new GatewayChoice.Demo("a test"), true, FAST, settings);
        view = InspectorStage.show(stage, session, 1100, 720);
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void connectShowsConnectedWithTheServerVersion(FxRobot robot) throws Exception {
        robot.clickOn("#connect");
        waitFor("the badge says Connected", () -> badge(robot).getText().equals("Connected"));
        waitFor("the header shows the server", () -> robot.lookup("#server-version").queryAs(Label.class)
                .getText().equals("Server 2026.9.6-sim"));
        assertTrue(robot.lookup("#demo-badge").queryAs(Label.class).isVisible(), "the demo is labelled as such");
        waitFor("hello_ok is in the table", () -> rows(e -> e.event() instanceof LinkEvent.HelloOk).size() == 1);
        assertTrue(badge(robot).getStyleClass().contains("state-connected"));
    }

    @Test
    void aBlackholeShowsALivenessTimeoutThenAReconnectOnTheTimelineAndInTheTable(FxRobot robot) throws Exception {
        robot.clickOn("#connect");
        waitFor("connected", () -> badge(robot).getText().equals("Connected"));

        chooseFault(robot, "Blackhole 30 s");
        waitFor("a liveness timeout in the table",
                () -> !rows(e -> e.event() instanceof LinkEvent.LivenessTimeout).isEmpty());
        JournalEntry timeout = rows(e -> e.event() instanceof LinkEvent.LivenessTimeout).get(0);
        assertEquals(LivenessKind.WS_PONG, ((LinkEvent.LivenessTimeout) timeout.event()).kind());
        waitFor("a reconnect attempt after it", () -> !rows(e -> e.seq() > timeout.seq()
                && e.event() instanceof LinkEvent.ConnectAttempt).isEmpty());
        assertTrue(rows(e -> e.seq() < timeout.seq() && e.event() instanceof LinkEvent.FaultInjected f
                && f.kind().equals("blackhole")).size() == 1, "the fault itself is journaled before the timeout");

        List<TimelineData.Mark> marks = fx(() -> view.model().events().timeline().marks());
        assertTrue(marks.stream().anyMatch(m -> m.kind() == Kind.TIMEOUT
                && m.lane() == Lane.FAULT), "timeout on the faults lane");
        assertTrue(marks.stream().anyMatch(m -> m.kind() == Kind.BACKOFF && m.durationMs() >= 0
                && m.lane() == Lane.RECONNECT), "backoff bar on the reconnects lane");
        assertTrue(marks.stream().anyMatch(m -> m.kind() == Kind.FAULT), "the fault on its lane");

        chooseFault(robot, "Heal");
        waitFor("connected again", () -> rows(e -> e.event() instanceof LinkEvent.HelloOk).size() >= 2
                && badge(robot).getText().equals("Connected"));
        long paintsBefore = fx(() -> view.timeline().paints());
        waitFor("the timeline keeps painting while shown", () -> fx(() -> view.timeline().paints()) > paintsBefore);
    }

    @Test
    void theTypeAndTextFiltersNarrowTheTable(FxRobot robot) throws Exception {
        robot.clickOn("#connect");
        waitFor("ticks arrive", () -> rows(e -> e.event() instanceof LinkEvent.WsPong).size() >= 2);

        robot.interact(() -> view.events().typeFilter().getSelectionModel().select("ws_pong"));
        List<JournalEntry> shown = fx(() -> List.copyOf(view.events().table().getItems()));
        assertFalse(shown.isEmpty());
        assertTrue(shown.stream().allMatch(e -> e.event().type().equals("ws_pong")), "only ws_pong rows");
        assertTrue(robot.lookup("#event-count").queryAs(Label.class).getText()
                .startsWith(shown.size() + " of "));

        robot.interact(() -> view.events().typeFilter().getSelectionModel().select("all types"));
        robot.clickOn("#text-filter").write("hello");
        waitFor("only hello_ok matches 'hello'", () -> {
            List<JournalEntry> items = fx(() -> List.copyOf(view.events().table().getItems()));
            return items.size() == 1 && items.get(0).event() instanceof LinkEvent.HelloOk;
        });

        robot.interact(() -> view.events().table().getSelectionModel().select(0));
        String details = fx(() -> view.events().details().getText());
        assertTrue(details.contains("\"type\": \"hello_ok\""), details);
    }

    @Test
    void exportWritesABundleWithoutAnyPlantedSecret(FxRobot robot, @TempDir Path out) throws Exception {
        robot.clickOn("#connect");
        waitFor("connected", () -> badge(robot).getText().equals("Connected"));
        waitFor("a pong", () -> !rows(e -> e.event() instanceof LinkEvent.WsPong).isEmpty());

        String planted = "canary" + UUID.randomUUID().toString().replace("-", "");
        long gen = session.journal().snapshot().get(session.journal().size() - 1).gen();
        session.journal().append(gen, new LinkEvent.Error("transport",
                "Authorization: Bearer " + planted + " token=" + planted));
        List<String> canaries = new ArrayList<>(List.of(planted));
        canaries.addAll(secretsIn(settings.resolve("device-tokens.json"), "\"token\"\\s*:\\s*\"([^\"]+)\""));
        canaries.addAll(secretsIn(settings.resolve("device-identity.json"), "\"privateKey\"\\s*:\\s*\"([^\"]+)\""));
        assertTrue(canaries.size() >= 3, "the device token and private key were found to check: " + canaries.size());

        Path dir = out.resolve("bundle");
        robot.interact(() -> view.exportTo(dir));
        waitFor("the export finished", () -> robot.lookup("#message").queryAs(Label.class).getText()
                .startsWith("Proof bundle written to"));
        assertTrue(robot.lookup("#open-folder").query().isVisible(), "offers to open the folder");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            assertEquals(ProofBundle.FILE_NAMES.size(), all.size(), "every bundle file: " + all);
            for (Path file : all) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String canary : canaries) {
                    assertFalse(bytes.contains(canary), file.getFileName() + " leaks a secret");
                }
            }
        }
        assertTrue(Files.readString(dir.resolve(ProofBundle.JOURNAL)).contains("\"type\":\"hello_ok\""));
    }

    @Test
    void theFxThreadNeverWaitsOnConnectRecreateExportOrClose(FxRobot robot, @TempDir Path out) throws Exception {
        waitFor("the window shows", () -> badge(robot).getText().equals("Idle"));
        FxWatchdog watchdog = FxWatchdog.start();
        robot.clickOn("#connect");
        waitFor("connected", () -> badge(robot).getText().equals("Connected"));

        robot.clickOn("#recreate");
        waitFor("the old link disposed", () -> !rows(e -> e.event() instanceof LinkEvent.DisposeEnd).isEmpty());
        waitFor("the new link connected", () -> session.status().helloOks() == 1
                && session.status().state() == LinkState.CONNECTED && badge(robot).getText().equals("Connected"));

        robot.interact(() -> view.exportTo(out.resolve("bundle")));
        waitFor("the export finished", () -> robot.lookup("#message").queryAs(Label.class).getText()
                .startsWith("Proof bundle written to"));

        robot.interact(() -> {
            view.close();
            stage.hide();
        });
        waitFor("the session is closed", () -> session.status().state() == LinkState.DISPOSED);
        watchdog.assertNeverBlockedLongerThan(Duration.ofMillis(100));
    }

    @Test
    void theHeaderKeepsTickingWhileTheSessionIsBusyRecreatingItsLink(FxRobot robot) throws Exception {
        robot.clickOn("#connect");
        waitFor("connected", () -> badge(robot).getText().equals("Connected"));
        String before = fx(() -> robot.lookup("#connected-for").queryAs(Label.class).getText());
        FxWatchdog watchdog = FxWatchdog.start();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread recreating = new Thread(() -> {
            // What recreateLink does for as long as the old link takes to dispose.
            synchronized (session) {
                held.countDown();
                try {
                    release.await(15, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "holds-the-session");
        recreating.start();
        try {
            assertTrue(held.await(5, TimeUnit.SECONDS));
            waitFor("the header's clock moves on", () -> !fx(() -> robot.lookup("#connected-for")
                    .queryAs(Label.class).getText()).equals(before));
        } finally {
            release.countDown();
            recreating.join(5_000);
        }
        watchdog.assertNeverBlockedLongerThan(Duration.ofMillis(100));
    }

    @Test
    void shownAgainAfterHidingTheWindowCatchesUpFromTheJournalEachEntryOnce(FxRobot robot) throws Exception {
        session.journal().append(0, new LinkEvent.FaultInjected("before hiding"));
        waitFor("the entry shows", () -> rows(e -> fault(e, "before hiding")).size() == 1);
        robot.interact(() -> stage.getScene().setRoot(new javafx.scene.layout.Pane()));
        session.journal().append(0, new LinkEvent.FaultInjected("while hidden"));
        robot.interact(() -> stage.getScene().setRoot(view));
        waitFor("the entry journaled while hidden shows", () -> rows(e -> fault(e, "while hidden")).size() == 1);
        assertEquals(1, rows(e -> fault(e, "before hiding")).size(), "the backlog seeds without duplicates");
        assertEquals(1, fx(() -> view.model().events().timeline().marks().stream()
                .filter(m -> fault(m.entry(), "while hidden")).count()), "and the timeline has it once");
    }

    @Test
    void hiddenTheWindowFollowsNothingAndShownAgainHasAllTenThousandEntriesJournaledMeanwhile(FxRobot robot)
            throws Exception {
        session.journal().append(0, new LinkEvent.FaultInjected("before hiding"));
        waitFor("the entry shows", () -> rows(e -> fault(e, "before hiding")).size() == 1);
        assertTrue(fx(() -> view.onScreen() && view.model().following() && view.timeline().painting()));
        robot.interact(stage::hide);
        assertFalse(fx(() -> view.onScreen() || view.model().following() || view.timeline().painting()),
                "a hidden window subscribes to nothing and paints nothing");
        assertFalse(fx(() -> view.model().header().ticking()), "and its header's clock stands still");
        int hidden = 10_000;
        for (int i = 0; i < hidden; i++) {
            session.journal().append(0, new LinkEvent.FaultInjected("hidden " + i));
        }
        robot.interact(stage::show);
        waitFor("every entry journaled while hidden shows", () -> rows(e -> hiddenFault(e)).size() == hidden);
        List<JournalEntry> rows = rows(e -> hiddenFault(e));
        for (int i = 0; i < hidden; i++) {
            assertEquals("hidden " + i, ((LinkEvent.FaultInjected) rows.get(i).event()).kind(), "in order, each once");
        }
        assertEquals(1, rows(e -> fault(e, "before hiding")).size(), "the backlog seeds without duplicates");
        assertEquals(hidden, fx(() -> view.model().events().timeline().marks().stream()
                .filter(m -> hiddenFault(m.entry())).count()), "and the timeline has each once");
        long paints = fx(() -> view.timeline().paints());
        waitFor("the timeline paints them", () -> fx(() -> view.timeline().paints()) > paints);
        assertTrue(fx(() -> view.model().header().ticking()), "the header's clock runs again");
    }

    @Test
    void minimisedTheWindowFollowsNothingAndRestoredCatchesUp(FxRobot robot) throws Exception {
        robot.interact(() -> stage.setIconified(true));
        assertFalse(fx(() -> view.onScreen() || view.model().following() || view.timeline().painting()),
                "a minimised window subscribes to nothing and paints nothing");
        session.journal().append(0, new LinkEvent.FaultInjected("while minimised"));
        robot.interact(() -> stage.setIconified(false));
        waitFor("the entry journaled while minimised shows", () -> rows(e -> fault(e, "while minimised")).size() == 1);
        assertTrue(fx(() -> view.onScreen() && view.model().following() && view.timeline().painting()));
    }

    private static boolean hiddenFault(JournalEntry entry) {
        return entry.event() instanceof LinkEvent.FaultInjected f && f.kind().startsWith("hidden ");
    }

    private static boolean fault(JournalEntry entry, String kind) {
        return entry.event() instanceof LinkEvent.FaultInjected f && f.kind().equals(kind);
    }

    /** Opens Inject fault and clicks {@code item} once the menu shows it (menus open asynchronously). */
    private static void chooseFault(FxRobot robot, String item) throws Exception {
        robot.clickOn("#inject-fault");
        waitFor("the fault menu shows " + item, () -> robot.lookup(item).tryQuery().map(n -> n.isVisible()).orElse(false));
        robot.clickOn(item);
    }

    private static List<String> secretsIn(Path file, String regex) throws Exception {
        List<String> found = new ArrayList<>();
        var m = java.util.regex.Pattern.compile(regex).matcher(Files.readString(file));
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static Label badge(FxRobot robot) {
        return robot.lookup("#state-badge").queryAs(Label.class);
    }

    private List<JournalEntry> rows(Predicate<JournalEntry> match) {
        return fx(() -> view.model().events().entries().stream().filter(match).toList());
    }

    private static <T> T fx(Callable<T> query) {
        try {
            return WaitForAsyncUtils.asyncFx(query).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
