package dev.clawscope.ui.inspector;

import static dev.clawscope.ui.FxWait.fx;
import static dev.clawscope.ui.FxWait.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.clawscope.journal.Journal;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.Source;
import dev.clawscope.link.GatewayLink;
import dev.clawscope.observe.LinkThroughObserver;
import dev.clawscope.observe.ObserveRoute;
import dev.clawscope.proof.ProofBundle;
import dev.clawscope.protocol.DeviceIdentity;
import dev.clawscope.session.ObserveSession;
import dev.clawscope.timeline.ConnectionSpan;
import dev.clawscope.timeline.Kind;
import dev.clawscope.timeline.Lane;
import dev.clawscope.ui.InspectorStage;
import dev.clawscope.ui.FxWatchdog;
import dev.clawscope.ui.timeline.TimelineData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The window on an observe session, headless (Monocle), against the embedded simulator, with
 * Clawscope's own link as the observed client through the observer's URL: the header names the
 * client and gives its URL and token, the table shows its {@code peer_*} lines, a freeze chosen from
 * the fault menu shows on the timeline with the client noticing it and its connections labelled
 * {@code #conn}, and the export names the observed source; the FX thread never waits meanwhile.
 */
@ExtendWith(ApplicationExtension.class)
class ObserveWindowTest {

    private ObserveSession session;
    private InspectorView view;
    private Stage stage;
    private final Journal linkJournal = new Journal();
    private GatewayLink link;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        session = ObserveSession.open(ObserveRoute.parse("127.0.0.1:0=sim", false), "a test");
        view = InspectorStage.show(stage, session, 1100, 720);
    }

    @AfterEach
    void close() {
        if (link != null) {
            link.dispose();
        }
        session.close();
        linkJournal.close();
    }

    @Test
    void theObservedClientIsNamedAFreezeFromTheMenuShowsOnTheTimelineAndTheBundleNamesTheSource(FxRobot robot,
            @TempDir Path out) throws Exception {
        waitFor("the window shows", () -> fx(() -> text(robot, "#state-badge")).equals("Waiting for the client"));
        String token = session.simToken().orElseThrow().reveal();
        assertEquals(session.clientUrl(), fx(() -> robot.lookup("#client-url").queryAs(TextField.class).getText()),
                "the header gives the URL for the client");
        assertEquals(token, fx(() -> robot.lookup("#client-token").queryAs(TextField.class).getText()),
                "and the simulator's token");
        assertFalse(fx(() -> robot.lookup("#connect").query().isVisible()), "an observed client connects by itself");

        link = LinkThroughObserver.connect(session.clientUrl(), token, linkJournal, DeviceIdentity.generate(),
                config -> config.withWsPing(Duration.ofSeconds(1), Duration.ofSeconds(1)));
        waitFor("the header names the client", () -> fx(() -> text(robot, "#observed-client"))
                .equals("cli 0.1.0-test (linux, cli)"));
        waitFor("connected #1", () -> fx(() -> text(robot, "#state-badge")).equals("Connected #1"));
        waitFor("the table shows the client's lines", () -> !rows(e -> e.event() instanceof LinkEvent.PeerHelloOk)
                .isEmpty() && !rows(e -> e.event() instanceof LinkEvent.PeerHello).isEmpty()
                && !rows(e -> e.event() instanceof LinkEvent.PeerConnect).isEmpty());
        assertEquals("1 connection so far", fx(() -> text(robot, "#client-connections")));
        waitFor("a pong the observer timed", () -> !rows(e -> e.event() instanceof LinkEvent.PeerWsPong).isEmpty());

        // Watched from here, once the table has rows and the fault menu has opened once: the JVM's first
        // load of a table cell's and a popup's classes (file reads on the FX thread, seen at 120 to 135 ms
        // on a busy machine) is not the window waiting on anything of ours.
        robot.clickOn("#inject-fault");
        waitFor("the fault menu shows", () -> robot.lookup("Heal").tryQuery().map(Node::isVisible).orElse(false));
        robot.interact(() -> robot.lookup("#inject-fault").queryAs(MenuButton.class).hide());
        FxWatchdog watchdog = FxWatchdog.start();

        chooseFault(robot, "Freeze until healed");
        waitFor("the freeze on the faults lane", () -> !marks(m -> m.kind() == Kind.FAULT
                && "fault: freeze".equals(m.label())).isEmpty());
        waitFor("the client noticing it there too", () -> !marks(m -> m.kind() == Kind.PEER_NOTICED
                && m.label().startsWith("#1 noticed freeze")).isEmpty());
        waitFor("an outage from the fault", () -> !fx(() -> view.model().events().timeline().outages()).isEmpty());
        chooseFault(robot, "Heal");
        waitFor("back on a new connection", () -> fx(() -> text(robot, "#state-badge")).matches("Connected #[2-9]"));
        TimelineData timeline = fx(() -> view.model().events().timeline());
        assertEquals(Lane.of(Source.Kind.OBSERVED_CLIENT), timeline.lanes(), "the observed client's lanes");
        // The header shows the status as it is; the timeline takes the journal's entries a moment later.
        waitFor("the timeline has the new connection", () -> fx(timeline::connections).size() >= 2);
        List<ConnectionSpan> connections = fx(timeline::connections);
        assertTrue(connections.size() >= 2 && connections.get(0).ended() && connections.get(0).label().equals("#1"),
                connections::toString);
        assertTrue(marks(m -> m.kind() == Kind.PEER_CONNECT).stream().allMatch(m -> m.label().matches("#\\d+")),
                "each connect labelled with its connection");

        Path dir = out.resolve("bundle");
        robot.interact(() -> view.exportTo(dir));
        waitFor("the export finished", () -> fx(() -> text(robot, "#message")).startsWith("Proof bundle written to"));
        JsonObject source = JsonParser.parseString(Files.readString(dir.resolve(ProofBundle.MANIFEST)))
                .getAsJsonObject().getAsJsonObject("source");
        assertEquals("observed_client", source.get("kind").getAsString());
        assertEquals("observe:sim", source.get("id").getAsString());
        String summary = Files.readString(dir.resolve(ProofBundle.SUMMARY));
        assertTrue(summary.contains("### Observed client") && summary.contains("| client id | cli |")
                && summary.contains("noticed a frozen gateway"), summary);
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            assertEquals(ProofBundle.FILE_NAMES.size(), all.size(), "every bundle file: " + all);
            for (Path file : all) {
                assertFalse(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(token),
                        file.getFileName() + " holds the simulator's token");
            }
        }

        robot.interact(() -> {
            view.close();
            stage.hide();
        });
        watchdog.assertNeverBlockedLongerThan(Duration.ofMillis(100));
    }

    /** Opens Inject fault and clicks {@code item} once the menu shows it (menus open asynchronously). */
    private static void chooseFault(FxRobot robot, String item) throws Exception {
        robot.clickOn("#inject-fault");
        waitFor("the fault menu shows " + item, () -> robot.lookup(item).tryQuery().map(Node::isVisible).orElse(false));
        robot.clickOn(item);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private List<JournalEntry> rows(Predicate<JournalEntry> match) throws Exception {
        return fx(() -> view.model().events().entries().stream().filter(match).toList());
    }

    private List<TimelineData.Mark> marks(Predicate<TimelineData.Mark> match) throws Exception {
        return fx(() -> view.model().events().timeline().marks().stream().filter(match).toList());
    }
}
