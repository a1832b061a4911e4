package dev.clawscope.ui.inspector;

import java.io.File;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
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
 * The toolbar: connect, disconnect, reconnect, recreate the link (for this app's link), inject one of
 * the faults the session offers, export the proof (with its progress) and open the settings. Every
 * button runs a command of the {@link ControlsModel}.
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
        for (Button b : List.of(connect, disconnect, reconnect, recreate)) {
            // An observed client connects by itself: the window only relays it.
            b.setVisible(model.linkCommands());
            b.setManaged(model.linkCommands());
        }

        MenuButton faults = new MenuButton("Inject fault", new FontIcon(Feather.ZAP));
        faults.setId("inject-fault");
        for (ControlsModel.FaultItem item : model.faults()) {
            if (item.startsGroup()) {
                faults.getItems().add(new SeparatorMenuItem());
            }
            faults.getItems().add(fault(item));
        }
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

    private MenuItem fault(ControlsModel.FaultItem fault) {
        MenuItem item = new MenuItem(fault.label());
        item.setId(fault.id());
        item.setOnAction(e -> model.inject(fault.id()));
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
