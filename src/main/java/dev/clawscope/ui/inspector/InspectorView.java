package dev.clawscope.ui.inspector;

import dev.clawscope.chaos.Fault;
import dev.clawscope.link.LinkState;
import dev.clawscope.ui.FxThread;
import dev.clawscope.ui.events.EventTableView;
import dev.clawscope.ui.timeline.TimelineView;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The inspector window's content: header, controls, live timeline above the event table, and a
 * status line. Subscribes to the view model when shown and lets go when hidden.
 */
public final class InspectorView extends BorderPane {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final InspectorViewModel model;
    private final HeaderView header;
    private final TimelineView timeline;
    private final EventTableView events;
    private final FxThread.Ticker clock;
    private final FxThread.Ticker countdown;
    private Consumer<Path> openFolder = path -> { };
    private Runnable onSettings = () -> { };

    public InspectorView(InspectorViewModel model) {
        this.model = model;
        getStyleClass().add("inspector");
        header = new HeaderView(model);
        timeline = new TimelineView(model.timeline(), InspectorViewModel::nowMs);
        events = new EventTableView(model.entries());
        timeline.setOnSelect(events::select);
        events.setOnSelect(timeline::select);

        VBox top = new VBox(header, controls());
        setTop(top);
        VBox timelineBox = new VBox(timelineBar(), timeline);
        VBox.setVgrow(timeline, Priority.ALWAYS);
        SplitPane center = new SplitPane(timelineBox, events);
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(0.42);
        setCenter(center);
        setBottom(statusLine());

        // Once a second, on the same wall-clock second as the timeline's follow step, so one pulse
        // repaints both; four times a second only while the retry countdown (tenths) shows.
        clock = new FxThread.Ticker(java.time.Duration.ofSeconds(1), () -> header.refresh(InspectorViewModel.nowMs()));
        countdown = new FxThread.Ticker(java.time.Duration.ofMillis(250), () -> {
            if (header.countingDown()) {
                header.refresh(InspectorViewModel.nowMs());
            }
        });
        sceneProperty().addListener((obs, was, scene) -> {
            if (scene == null) {
                hidden();
            } else {
                shown();
            }
        });
    }

    /** Where "Open folder" goes; the application passes its host services. */
    public void setOpenFolder(Consumer<Path> action) {
        openFolder = action == null ? path -> { } : action;
    }

    /** What the Settings button does; the application opens its dialog. */
    public void setOnSettings(Runnable action) {
        onSettings = action == null ? () -> { } : action;
    }

    private void shown() {
        model.activate();
        timeline.start();
        clock.start();
        countdown.start();
        header.refresh(InspectorViewModel.nowMs());
    }

    private void hidden() {
        clock.stop();
        countdown.stop();
        timeline.stop();
        model.deactivate();
    }

    private ToolBar controls() {
        Button connect = button("connect", "Connect", Feather.PLAY, e -> model.connect());
        Button disconnect = button("disconnect", "Disconnect", Feather.SQUARE, e -> model.disconnect());
        Button reconnect = button("reconnect", "Reconnect now", Feather.REFRESH_CW, e -> model.reconnectNow());
        Button recreate = button("recreate", "Dispose and recreate link", Feather.REPEAT, e -> model.recreateLink());
        connect.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            LinkState s = model.stateProperty().get();
            return s == LinkState.CONNECTED || s == LinkState.CONNECTING || s == LinkState.HANDSHAKING;
        }, model.stateProperty()));
        disconnect.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            LinkState s = model.stateProperty().get();
            return s == LinkState.IDLE || s == LinkState.DISCONNECTED;
        }, model.stateProperty()));

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
            faults.setTooltip(new javafx.scene.control.Tooltip("Fault injection is off for this gateway"));
        }

        Button export = button("export", "Export proof…", Feather.DOWNLOAD, e -> chooseAndExport());
        export.disableProperty().bind(model.busyProperty());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setId("export-progress");
        progress.setPrefSize(18, 18);
        progress.visibleProperty().bind(model.busyProperty());
        // Determinate while hidden, so no spinner animation keeps pulses running in the background.
        progress.progressProperty().bind(javafx.beans.binding.Bindings.when(model.busyProperty())
                .then(ProgressIndicator.INDETERMINATE_PROGRESS).otherwise(0.0));
        Pane spacer = new Pane();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button settings = button("settings", "Settings…", Feather.SETTINGS, e -> onSettings.run());
        return new ToolBar(connect, disconnect, reconnect, recreate, faults, spacer, progress, export, settings);
    }

    private MenuItem fault(String id, String text, Fault fault) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setOnAction(e -> model.inject(fault));
        return item;
    }

    private static Button button(String id, String text, Feather icon,
            javafx.event.EventHandler<javafx.event.ActionEvent> action) {
        Button b = new Button(text, new FontIcon(icon));
        b.setId(id);
        b.setOnAction(action);
        return b;
    }

    private HBox timelineBar() {
        ToggleButton follow = new ToggleButton("Follow", new FontIcon(Feather.CHEVRONS_RIGHT));
        follow.setId("follow");
        follow.selectedProperty().bindBidirectional(timeline.followProperty());
        Button all = new Button("Whole session");
        all.setId("show-all");
        all.setOnAction(e -> timeline.showAll());
        Button in = new Button("", new FontIcon(Feather.ZOOM_IN));
        in.setOnAction(e -> timeline.zoom(0.5));
        Button out = new Button("", new FontIcon(Feather.ZOOM_OUT));
        out.setOnAction(e -> timeline.zoom(2));
        Label help = new Label("wheel: zoom · drag: pan · F: follow · click: select");
        help.getStyleClass().add("hint-text");
        Pane spacer = new Pane();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(6, new Label("Timeline"), follow, all, in, out, spacer, help);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 4, 8));
        return bar;
    }

    private HBox statusLine() {
        Label origin = new Label(model.origin());
        origin.setId("origin");
        origin.getStyleClass().add("hint-text");
        Label message = new Label();
        message.setId("message");
        // The message matters more than where the gateway came from: the origin gives way first.
        message.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        origin.setMinWidth(0);
        message.textProperty().bind(model.messageProperty());
        Hyperlink open = new Hyperlink("Open folder");
        open.setId("open-folder");
        open.visibleProperty().bind(model.lastExportProperty().isNotNull().and(model.busyProperty().not()));
        open.setOnAction(e -> {
            Path dir = model.lastExportProperty().get();
            if (dir != null) {
                openFolder.accept(dir);
            }
        });
        Pane spacer = new Pane();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox line = new HBox(8, message, open, spacer, origin);
        line.setAlignment(Pos.CENTER_LEFT);
        line.setPadding(new Insets(4, 10, 4, 10));
        line.getStyleClass().add("status-line");
        return line;
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
    public void exportTo(Path dir) {
        model.exportProof(dir);
    }

    public TimelineView timeline() {
        return timeline;
    }

    public EventTableView events() {
        return events;
    }

    public InspectorViewModel model() {
        return model;
    }

    /** For the window's close: stop following and release the session. */
    public void close() {
        FxThread.run(() -> {
            hidden();
            model.shutdown();
        });
    }
}
