package dev.clawscope.ui.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static dev.clawscope.ui.FxWait.fx;
import static dev.clawscope.ui.FxWait.waitFor;
import static dev.clawscope.ui.inspector.NobodyListening.FAST;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.link.BackoffPolicies;
import dev.clawscope.link.GatewayAddress;
import dev.clawscope.protocol.Secret;
import dev.clawscope.session.GatewayChoice;
import dev.clawscope.session.GatewaySession;
import dev.clawscope.settings.AppSettings;
import dev.clawscope.sim.SimConfig;
import dev.clawscope.sim.SimGateway;
import dev.clawscope.ui.settings.SettingsDialog;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Bad input shows a clear message in the window and breaks nothing: a gateway nobody answers on, a
 * wrong token, and an invalid URL in the settings.
 */
@ExtendWith(ApplicationExtension.class)
class InspectorBadInputTest {

    @TempDir
    Path settings;

    private Stage stage;

    @Start
    void start(Stage stage) {
        javafx.application.Application.setUserAgentStylesheet(
                new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        this.stage = stage;
    }

    @Test
    void anUnreachableGatewaySaysSoAndKeepsRetrying(FxRobot robot) throws Exception {
        NobodyListening nobody = NobodyListening.find();
        try (GatewaySession session = GatewaySession.open(nobody.choice, false, FAST, settings)) {
            InspectorView view = show(robot, session);
            robot.clickOn("#connect");
            waitFor("the window says the gateway cannot be reached", () -> label(robot, "#message").getText()
                    .startsWith("Cannot reach ws://127.0.0.1:" + nobody.port));
            assertTrue(label(robot, "#message").getText().contains("Retrying with backoff"));
            waitFor("it keeps trying", () -> view.model().header().reconnectsProperty().get() >= 2);
            assertTrue(robot.lookup("#inject-fault").query().isDisabled(), "no fault injection without the proxy");
        }
    }

    @Test
    void aWrongTokenPausesWithWhatToDo(FxRobot robot) throws Exception {
        try (SimGateway sim = SimGateway.start(SimConfig.defaults("the-right-token"))) {
            GatewayChoice choice = new GatewayChoice.Remote(GatewayAddress.parse(sim.url().toString(), false),
                    Secret.of("a-wrong-token"), "a test");
            try (GatewaySession session = GatewaySession.open(choice, true, FAST, settings)) {
                show(robot, session);
                robot.clickOn("#connect");
                waitFor("paused", () -> label(robot, "#state-badge").getText().equals("Paused"));
                Label hint = label(robot, "#pause-hint");
                waitFor("the pause says what to do", hint::isVisible);
                assertTrue(hint.getText().contains("gateway.auth.token"), hint.getText());
                assertEquals(1, sim.connectAttempts(), "one attempt, no storm");
            }
        }
    }

    @Test
    void anInvalidUrlInTheSettingsIsExplainedAndCannotBeSaved(FxRobot robot) throws Exception {
        SettingsDialog dialog = showSettings();
        robot.clickOn("#settings-url").write("http://gateway.example:18789");
        waitFor("the problem is shown", () -> dialog.problemLabel().getText().contains("ws:// or wss://"));
        assertTrue(dialog.getDialogPane().lookupButton(ButtonType.OK).isDisabled(), "OK is disabled");

        robot.interact(() -> dialog.urlField().setText("ws://8.8.8.8:18789"));
        assertTrue(dialog.problemLabel().getText().contains("plaintext"), dialog.problemLabel().getText());

        robot.interact(() -> dialog.urlField().setText("ws://127.0.0.1:18789"));
        assertEquals("", dialog.problemLabel().getText());
        assertTrue(!dialog.getDialogPane().lookupButton(ButtonType.OK).isDisabled(), "OK is enabled");
        robot.interact(dialog::close);
    }

    @Test
    void observingWithAListenAddressOffLoopbackIsExplainedAndCannotBeSaved(FxRobot robot) throws Exception {
        SettingsDialog dialog = showSettings();
        TextField listen = robot.lookup("#settings-observe-listen").queryAs(TextField.class);
        assertTrue(listen.isDisabled(), "where to listen matters only when observing");
        robot.clickOn("#settings-mode-observe");
        waitFor("the listen address can be changed", () -> !listen.isDisabled());
        robot.interact(() -> listen.setText("0.0.0.0:18790"));
        assertTrue(dialog.problemLabel().getText().startsWith("Observe: the observer listens on loopback only"),
                dialog.problemLabel().getText());
        assertTrue(dialog.getDialogPane().lookupButton(ButtonType.OK).isDisabled(), "OK is disabled");
        robot.interact(() -> listen.setText("127.0.0.1:18790"));
        robot.interact(() -> robot.lookup("#settings-observe-target").queryAs(TextField.class)
                .setText("ws://127.0.0.1:18789"));
        assertEquals("", dialog.problemLabel().getText());
        robot.interact(dialog::close);
    }

    @Test
    void theBackoffPresetIsExplainedBesideItsChoice(FxRobot robot) throws Exception {
        SettingsDialog dialog = showSettings();
        Label summary = label(robot, "#settings-backoff-summary");
        assertEquals(BackoffPolicies.require("paced-jitter").summary(), summary.getText());
        robot.interact(() -> robot.lookup("#settings-backoff").<String>queryComboBox().setValue("windows-tray"));
        assertTrue(summary.getText().startsWith("The Windows tray's table"), summary.getText());
        robot.interact(dialog::close);
    }

    private static SettingsDialog showSettings() throws Exception {
        return fx(() -> {
            SettingsDialog d = new SettingsDialog(AppSettings.defaults(), "a test vault");
            d.show();
            return d;
        });
    }

    private InspectorView show(FxRobot robot, GatewaySession session) throws Exception {
        return fx(() -> {
            InspectorView view = new InspectorView(new InspectorViewModel(session));
            stage.setScene(new Scene(view, 1000, 700));
            stage.show();
            return view;
        });
    }

    private static Label label(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class);
    }
}
