package dev.clawscope.ui;

import static dev.clawscope.ui.FxWait.fx;
import static dev.clawscope.ui.FxWait.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.observe.ObserveRoute;
import dev.clawscope.settings.FileTokenVault;
import dev.clawscope.settings.SettingsStore;
import dev.clawscope.tray.RecordingTray;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The whole window as the application builds it, on the demo gateway, with a settings folder and a
 * home of its own: the autostart check (which may run {@code reg query}) stays off the FX thread,
 * and a settings file that is not JSON is set aside, the status line saying where.
 */
@ExtendWith(ApplicationExtension.class)
class ClawscopeAppTest {

    @TempDir
    Path settings;

    @TempDir
    Path home;

    private Stage stage;
    private ClawscopeApp app;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void close() throws Exception {
        if (app != null) {
            fx(app::closeInspector).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theAutostartCheckRunsOffTheFxThreadWhichKeepsAnsweringWhileItWaits(FxRobot robot) throws Exception {
        AtomicReference<Thread> checkedOn = new AtomicReference<>();
        AtomicInteger checks = new AtomicInteger();
        CountDownLatch checking = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        open(plan -> {
            checkedOn.set(Thread.currentThread());
            if (checks.incrementAndGet() == 1) {
                return false;
            }
            checking.countDown();
            // As slow as a reg query can be: it answers (enabled) once the test has seen the window carry on.
            try {
                return answer.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("the autostart check was interrupted");
            }
        });
        waitFor("the demo gateway connected", () -> fx(() -> text(robot, "#state-badge")).equals("Connected"));
        Thread fxThread = fx(Thread::currentThread);
        // A first opening, not watched, answered at once: the JVM loads the dialog's classes from disk
        // on the FX thread the first time, which is not the window waiting on anything of ours.
        robot.clickOn("#settings");
        waitFor("the settings show autostart off", () -> fx(() -> autostartShown(robot)).equals(Optional.of(false)));
        cancelSettings(robot);

        FxWatchdog watchdog = FxWatchdog.start();
        robot.clickOn("#settings");
        assertTrue(checking.await(10, TimeUnit.SECONDS), "opening the settings checks autostart");
        assertNotNull(checkedOn.get());
        assertNotSame(fxThread, checkedOn.get(), "the check ran on " + checkedOn.get().getName());
        String before = fx(() -> text(robot, "#connected-for"));
        waitFor("the header's clock moves on while the check waits",
                () -> !fx(() -> text(robot, "#connected-for")).equals(before));
        answer.countDown();

        waitFor("the settings show autostart on, as the check found it",
                () -> fx(() -> autostartShown(robot)).equals(Optional.of(true)));
        cancelSettings(robot);
        watchdog.assertNeverBlockedLongerThan(Duration.ofMillis(100));
    }

    /** Whether the settings dialog shows autostart on; empty while it is not shown. */
    private static Optional<Boolean> autostartShown(FxRobot robot) {
        return robot.lookup("#settings-autostart").tryQuery().map(box -> ((CheckBox) box).isSelected());
    }

    private static void cancelSettings(FxRobot robot) throws Exception {
        robot.interact(() -> ((Button) robot.lookup(".dialog-pane").queryAs(DialogPane.class)
                .lookupButton(ButtonType.CANCEL)).fire());
        waitFor("the settings closed", () -> fx(() -> robot.lookup(".dialog-pane").tryQuery().isEmpty()));
    }

    @Test
    void aSettingsFileThatIsNotJsonIsSetAsideAndTheStatusLineSaysWhere(FxRobot robot) throws Exception {
        Path file = settings.resolve(SettingsStore.FILE_NAME);
        String written = "theme = dark\n[gateway]\nurl = ws://127.0.0.1:18789\n";
        Files.writeString(file, written, StandardCharsets.UTF_8);
        open(plan -> false);

        Path aside = settings.resolve(SettingsStore.FILE_NAME + ".unreadable");
        waitFor("the status line names the file and where it went", () -> {
            String message = fx(() -> text(robot, "#message"));
            return message.contains(file + " is not JSON") && message.contains("set aside as " + aside);
        });
        assertEquals(written, Files.readString(aside, StandardCharsets.UTF_8), "nothing the user wrote is lost");
        assertFalse(Files.exists(file), "the defaults are in use until the settings are saved");
        assertTrue(fx(() -> stage.getTitle()).contains("embedded simulator"), "the window opened on the demo gateway");
    }

    @Test
    void theStartOptionObserveOpensTheWindowOnAnObservedClientAndSavedSettingsDecideAfterwards(FxRobot robot)
            throws Exception {
        open(plan -> false, Optional.of(ObserveRoute.parse("127.0.0.1:0=sim", false)));
        waitFor("the observed client's header", () -> fx(() -> text(robot, "#state-badge"))
                .equals("Waiting for the client"));
        assertTrue(fx(() -> stage.getTitle()).contains("client observed on ws://127.0.0.1:"), stage::getTitle);
        assertTrue(fx(() -> stage.getTitle()).endsWith("\u2192 sim"), stage::getTitle);
        assertTrue(fx(() -> text(robot, "#origin")).equals("the start option --observe 127.0.0.1:0=sim"));
        assertTrue(fx(() -> robot.lookup("#client-token").tryQuery().isPresent()), "the simulator's token to give");
    }

    /** Starts the application in the test's stage: its own settings folder and home, no environment. */
    private void open(ClawscopeApp.AutostartCheck autostart) throws Exception {
        open(autostart, Optional.empty());
    }

    /** As {@link #open(ClawscopeApp.AutostartCheck)}, with the start option {@code --observe}. */
    private void open(ClawscopeApp.AutostartCheck autostart, Optional<ObserveRoute> observe) throws Exception {
        ClawscopeApp.Host host = new ClawscopeApp.Host(settings, Map.of(), home, () -> new FileTokenVault(settings),
                RecordingTray::new, autostart);
        app = new ClawscopeApp(host, observe);
        fx(() -> {
            app.start(stage);
            return null;
        });
    }

    /** The text of the label {@code id}, or "" while the window shows no such label (it opens the session first). */
    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).tryQuery().map(label -> ((Label) label).getText()).orElse("");
    }
}
