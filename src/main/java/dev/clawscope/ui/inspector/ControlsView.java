package dev.clawscope.ui.inspector;

import dev.clawscope.chaos.Fault;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.event.ActionEvent;
import javafx.event.EventHandler;
import javafx.scene.control.Button;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.stage.DirectoryChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The toolbar: connect, disconnect, reconnect, recreate the link, inject a fault, export the proof
 * (with its progress) and open the settings. Every button runs a command of the {@link ControlsModel}.
 */
final class ControlsView extends ToolBar {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final ControlsModel model;
    private Runnable onSettings = () -> { };

    ControlsView(ControlsModel model) {
        this.model = model;
        Button connect = button("connect", "Connect", Feather.PLAY, e -> model.connect());
        Button disconnect = button("disconnect", "Disconnect", Feather.SQUARE, e -> model.disconnect());
        Button reconnect = button("reconnect", "Reconnect now", Feather.REFRESH_CW, e -> model.reconnectNow());
        Button recreate = button("recreate", "Dispose and recreate link", Feather.REPEAT, e -> model.recreateLink());
        connect.disableProperty().bind(model.canConnect().not());
        disconnect.disableProperty().bind(model.canDisconnect().not());

        MenuButton faults = new MenuButton("Inject fault", new FontIcon(Feather.ZAP));
        faults.setId("inject-fault");
        faults.getItems().addAll(
                fault("fault-blackhole-30", "Blackhole 30 s", new Fault.Blackhole(Optional.of(Duration.ofSeconds(30)))),
                fault("fault-blackhole-90", "Blackhole 90 s", new Fault.Blackhole(Optional.of(Duration.ofSeconds(90)))),
                fault("fault-reset", "Reset connections", new Fault.Reset()),
                fault("fault-delay", "Delay 2 s", new Fault.Delay(2_000, Optional.empty())),
                fault("fault-refuse", "Refuse 20 s", new Fault.Refuse(Optional.of(Duration.ofSeconds(20)))),
                new SeparatorMenuItem(),
                fault("fault-heal", "Heal", new Fault.Heal()));
        boolean injectable = model.faultInjection();
        faults.setDisable(!injectable);
        if (!injectable) {
            faults.setTooltip(new Tooltip("Fault injection is off for this gateway"));
        }

        Button export = button("export", "Export proof…", Feather.DOWNLOAD, e -> chooseAndExport());
        export.disableProperty().bind(model.busyProperty());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setId("export-progress");
        progress.setPrefSize(18, 18);
        progress.visibleProperty().bind(model.busyProperty());
        // Determinate while hidden, so no spinner animation keeps pulses running in the background.
        progress.progressProperty().bind(Bindings.when(model.busyProperty())
                .then(ProgressIndicator.INDETERMINATE_PROGRESS).otherwise(0.0));
        Pane spacer = new Pane();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button settings = button("settings", "Settings…", Feather.SETTINGS, e -> onSettings.run());
        getItems().addAll(connect, disconnect, reconnect, recreate, faults, spacer, progress, export, settings);
    }

    /** What the Settings button does; the application opens its dialog. */
    void setOnSettings(Runnable action) {
        onSettings = action == null ? () -> { } : action;
    }

    private MenuItem fault(String id, String text, Fault fault) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setOnAction(e -> model.inject(fault));
        return item;
    }

    private static Button button(String id, String text, Feather icon, EventHandler<ActionEvent> action) {
        Button b = new Button(text, new FontIcon(icon));
        b.setId(id);
        b.setOnAction(action);
        return b;
    }

    private void chooseAndExport() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Export proof bundle into a new folder");
        File parent = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
        if (parent != null) {
            exportTo(parent.toPath().resolve("clawscope-proof-" + STAMP.format(LocalDateTime.now())));
        }
    }

    /** Exports into {@code dir} (the chooser's choice, or a test's). */
    void exportTo(Path dir) {
        model.exportProof(dir);
    }
}
