package dev.clawscope.ui.settings;

import dev.clawscope.link.BackoffPolicies;
import dev.clawscope.link.BackoffPolicy;
import dev.clawscope.protocol.Secret;
import dev.clawscope.settings.AppSettings;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * Settings: what the window shows (this app's own link to a gateway, or another client observed
 * through a relay on loopback: where it listens and where it relays to), the gateway (URL, token kept
 * in the token vault, never in the settings file), how the client names itself, backoff preset,
 * liveness parameters, redaction options and theme. OK stays disabled while something is invalid,
 * and the reason is shown.
 */
public final class SettingsDialog extends Dialog<SettingsDialog.Result> {

    /** What the user saved; {@code token} is null when left empty (keep the stored one). */
    public record Result(AppSettings settings, Secret token, boolean autostart) {
    }

    private final RadioButton linkMode = new RadioButton("Clawscope's own link to the gateway");
    private final RadioButton observeMode = new RadioButton("Observe another client through a relay on this machine");
    private final TextField observeListen = new TextField();
    private final TextField observeTarget = new TextField();
    private final TextField url = new TextField();
    private final CheckBox insecure = new CheckBox("Allow plaintext ws:// to a public host");
    private final PasswordField token = new PasswordField();
    private final TextField clientName = new TextField();
    private final ComboBox<String> backoff = new ComboBox<>();
    private final TextField ping = new TextField();
    private final TextField pong = new TextField();
    private final TextField probe = new TextField();
    private final CheckBox faults = new CheckBox("Connect through an embedded fault proxy (enables Inject fault)");
    private final CheckBox redactIps = new CheckBox("Redact IP addresses in exports");
    private final CheckBox redactHosts = new CheckBox("Redact host names in exports");
    private final ComboBox<String> theme = new ComboBox<>();
    private final Label problem = new Label();
    private final CheckBox autostart = new CheckBox("Start Clawscope in the tray when I log in");

    /**
     * @param current the settings to edit
     * @param vaultDescription where tokens are kept, e.g. {@code the OS keyring}
     */
    public SettingsDialog(AppSettings current, String vaultDescription) {
        this(current, vaultDescription, null, false);
    }

    /**
     * @param autostartPlan what enabling autostart writes (shown in full), or null to leave autostart out
     * @param autostartEnabled whether it is enabled now
     */
    public SettingsDialog(AppSettings current, String vaultDescription, dev.clawscope.settings.Autostart.Plan autostartPlan,
            boolean autostartEnabled) {
        setTitle("Clawscope settings");
        setHeaderText("Gateway and link settings");
        ToggleGroup mode = new ToggleGroup();
        linkMode.setToggleGroup(mode);
        linkMode.setId("settings-mode-link");
        observeMode.setToggleGroup(mode);
        observeMode.setId("settings-mode-observe");
        (current.observe() ? observeMode : linkMode).setSelected(true);
        observeListen.setId("settings-observe-listen");
        observeListen.setPromptText(AppSettings.OBSERVE_LISTEN);
        observeListen.setText(current.observeListen());
        observeTarget.setId("settings-observe-target");
        observeTarget.setPromptText("sim, or a gateway's ws://HOST:PORT");
        observeTarget.setText(current.observeTarget());
        observeListen.disableProperty().bind(observeMode.selectedProperty().not());
        observeTarget.disableProperty().bind(observeMode.selectedProperty().not());
        url.setId("settings-url");
        url.setPromptText("empty: the local OpenClaw config, else the demo gateway");
        url.setText(current.gatewayUrl());
        insecure.setSelected(current.allowInsecure());
        token.setId("settings-token");
        token.setPromptText("leave empty to keep the stored token");
        clientName.setText(current.clientName());
        backoff.setId("settings-backoff");
        backoff.getItems().setAll(BackoffPolicies.names());
        backoff.setValue(current.backoff());
        ping.setText(Long.toString(current.wsPingMs()));
        pong.setText(Long.toString(current.pongDeadlineMs()));
        probe.setText(Long.toString(current.probeIntervalMs()));
        faults.setSelected(current.faultInjection());
        redactIps.setSelected(current.redactIps());
        redactHosts.setSelected(current.redactHosts());
        theme.getItems().setAll("light", "dark");
        theme.setValue(current.theme());
        problem.setId("settings-problem");
        problem.setWrapText(true);
        problem.setStyle("-fx-text-fill: #b42318;");

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        int row = 0;
        row = add(grid, row, "Show", new VBox(4, linkMode, observeMode));
        Label observeHint = new Label("The client under test connects to the listen address (loopback only); "
                + "sim starts the embedded simulator, whose token the window shows.");
        observeHint.setWrapText(true);
        observeHint.setStyle("-fx-font-size: 11px;");
        row = add(grid, row, "Observer listens on", observeListen);
        row = add(grid, row, "Relays the client to", new VBox(4, observeTarget, observeHint));
        row = add(grid, row, "Gateway URL", url);
        row = add(grid, row, "", insecure);
        Label stored = new Label("Kept in " + vaultDescription + ", never in the settings file.");
        stored.setWrapText(true);
        stored.setStyle("-fx-font-size: 11px;");
        row = add(grid, row, "Gateway token", new VBox(4, token, stored));
        row = add(grid, row, "Client display name", clientName);
        Label backoffHint = new Label();
        backoffHint.setId("settings-backoff-summary");
        backoffHint.setWrapText(true);
        backoffHint.setStyle("-fx-font-size: 11px;");
        backoffHint.textProperty().bind(Bindings.createStringBinding(() -> backoff.getValue() == null ? ""
                : BackoffPolicies.byName(backoff.getValue()).map(BackoffPolicy::summary).orElse(""),
                backoff.valueProperty()));
        row = add(grid, row, "Backoff preset", new VBox(4, backoff, backoffHint));
        row = add(grid, row, "WebSocket ping (ms, 0 = off)", ping);
        Label pongHint = new Label("The least a pong may take; the deadline grows to 3 x the largest of the last"
                + " 16 round trips, up to 30 s. Defaults: ping 5000, pong deadline 5000, probe 60000.");
        pongHint.setWrapText(true);
        pongHint.setStyle("-fx-font-size: 11px;");
        row = add(grid, row, "Pong deadline (ms)", new VBox(4, pong, pongHint));
        row = add(grid, row, "Health probe (ms, 0 = off)", probe);
        row = add(grid, row, "", faults);
        row = add(grid, row, "", redactIps);
        row = add(grid, row, "", redactHosts);
        row = add(grid, row, "Theme", theme);
        if (autostartPlan != null) {
            autostart.setId("settings-autostart");
            autostart.setSelected(autostartEnabled);
            javafx.scene.control.TextArea shown = new javafx.scene.control.TextArea(
                    "Writes " + autostartPlan.where() + ":\n" + autostartPlan.content());
            shown.setEditable(false);
            shown.setPrefRowCount(6);
            shown.setStyle("-fx-font-family: monospace; -fx-font-size: 11px;");
            row = add(grid, row, "Autostart", new VBox(4, autostart, shown));
        }
        grid.add(problem, 0, row, 2, 1);
        grid.setPadding(new Insets(12));
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        Node ok = getDialogPane().lookupButton(ButtonType.OK);
        ok.setId("settings-ok");
        problem.textProperty().bind(Bindings.createStringBinding(this::currentProblem, url.textProperty(),
                insecure.selectedProperty(), backoff.valueProperty(), ping.textProperty(), pong.textProperty(),
                probe.textProperty(), observeMode.selectedProperty(), observeListen.textProperty(),
                observeTarget.textProperty()));
        ok.disableProperty().bind(problem.textProperty().isNotEmpty());
        setResultConverter(button -> button == ButtonType.OK ? new Result(settings(),
                token.getText().isBlank() ? null : Secret.of(token.getText().strip()), autostart.isSelected()) : null);
    }

    private static int add(GridPane grid, int row, String label, Node field) {
        grid.add(new Label(label), 0, row);
        grid.add(field, 1, row);
        return row + 1;
    }

    private String currentProblem() {
        try {
            String p = settings().problem();
            return p == null ? "" : p;
        } catch (NumberFormatException e) {
            return "Ping, pong deadline and probe take whole milliseconds";
        }
    }

    /** The settings as entered; throws NumberFormatException for a non-number. */
    AppSettings settings() {
        return new AppSettings(url.getText(), insecure.isSelected(), clientName.getText(),
                backoff.getValue() == null ? "" : backoff.getValue(), Long.parseLong(ping.getText().strip()),
                Long.parseLong(pong.getText().strip()), Long.parseLong(probe.getText().strip()),
                faults.isSelected(), redactIps.isSelected(), redactHosts.isSelected(), theme.getValue(),
                observeMode.isSelected(), observeListen.getText(), observeTarget.getText());
    }

    public TextField urlField() {
        return url;
    }

    public Label problemLabel() {
        return problem;
    }
}
