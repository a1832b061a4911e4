package dev.clawscope.ui.inspector;

import dev.clawscope.ui.FxThread;
import dev.clawscope.ui.events.EventTableView;
import dev.clawscope.ui.timeline.TimelineView;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The inspector window's content: header, controls, live timeline above the event table, and a
 * status line, each bound to its own model of the {@link InspectorViewModel}. Activates the view
 * model while it can be seen (in a showing, not minimised window) and deactivates it otherwise.
 */
public final class InspectorView extends BorderPane {

    private final InspectorViewModel model;
    private final ControlsView controls;
    private final TimelineView timeline;
    private final EventTableView events;
    private Consumer<Path> openFolder = path -> { };
    private WindowWatch windowWatch;
    private boolean onScreen;
    /** Closed: never shown again. */
    private boolean closed;

    public InspectorView(InspectorViewModel model) {
        this.model = model;
        getStyleClass().add("inspector");
        controls = new ControlsView(model.controls());
        timeline = new TimelineView(model.events().timeline(), model.events().clock());
        events = new EventTableView(model.events().entries());
        timeline.setOnSelect(events::select);
        events.setOnSelect(timeline::select);

        VBox top = new VBox(model.observed() ? new ClientHeaderView(model.clientHeader())
                : new HeaderView(model.header()), controls);
        setTop(top);
        VBox timelineBox = new VBox(timelineBar(), timeline);
        VBox.setVgrow(timeline, Priority.ALWAYS);
        SplitPane center = new SplitPane(timelineBox, events);
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(0.42);
        setCenter(center);
        setBottom(statusLine(model.statusLine(), model.controls()));

        sceneProperty().addListener((obs, was, scene) -> watch(scene));
    }

    /**
     * Follows whether the view can be seen: in a scene, in a window that shows, not minimised. A
     * tray app's hidden window costs nothing this way: no subscription, no clock, no paint. Shown
     * again, the models catch up from the journal's backlog, each entry once.
     */
    private void watch(Scene scene) {
        if (windowWatch != null) {
            windowWatch.close();
            windowWatch = null;
        }
        if (scene == null) {
            setVisibleOnScreen(false);
            return;
        }
        WindowWatch next = new WindowWatch(scene);
        windowWatch = next;
        next.update();
    }

    private void setVisibleOnScreen(boolean visible) {
        visible &= !closed;
        if (visible == onScreen) {
            return;
        }
        onScreen = visible;
        if (visible) {
            shown();
        } else {
            hidden();
        }
    }

    /** Whether the view shows on screen now (and so its models follow the session); FX thread. */
    public boolean onScreen() {
        return onScreen;
    }

    /** The listeners on one scene's window: showing and (for a stage) minimised; closed when the scene changes. */
    private final class WindowWatch {
        private final Scene scene;
        private final ChangeListener<Object> changed = (obs, was, is) -> update();
        private final ChangeListener<Window> windowChanged = (obs, was, is) -> {
            unlisten(was);
            listen(is);
            update();
        };

        WindowWatch(Scene scene) {
            this.scene = scene;
            scene.windowProperty().addListener(windowChanged);
            listen(scene.getWindow());
        }

        private void listen(Window window) {
            if (window != null) {
                window.showingProperty().addListener(changed);
                if (window instanceof Stage stage) {
                    stage.iconifiedProperty().addListener(changed);
                }
            }
        }

        private void unlisten(Window window) {
            if (window != null) {
                window.showingProperty().removeListener(changed);
                if (window instanceof Stage stage) {
                    stage.iconifiedProperty().removeListener(changed);
                }
            }
        }

        void update() {
            if (windowWatch != this) {
                return;
            }
            Window window = scene.getWindow();
            setVisibleOnScreen(window != null && window.isShowing()
                    && !(window instanceof Stage stage && stage.isIconified()));
        }

        void close() {
            scene.windowProperty().removeListener(windowChanged);
            unlisten(scene.getWindow());
        }
    }

    /** Where "Open folder" goes; the application passes its host services. */
    public void setOpenFolder(Consumer<Path> action) {
        openFolder = action == null ? path -> { } : action;
    }

    /** What the Settings button does; the application opens its dialog. */
    public void setOnSettings(Runnable action) {
        controls.setOnSettings(action);
    }

    private void shown() {
        model.activate();
        timeline.start();
    }

    private void hidden() {
        timeline.stop();
        model.deactivate();
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

    /** The latest message, the link to the last export's folder, and where the gateway came from. */
    private HBox statusLine(StatusLineModel status, ControlsModel exports) {
        Label origin = new Label(status.origin());
        origin.setId("origin");
        origin.getStyleClass().add("hint-text");
        Label message = new Label();
        message.setId("message");
        // The message matters more than where the gateway came from: the origin gives way first.
        message.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        origin.setMinWidth(0);
        message.textProperty().bind(status.messageProperty());
        Hyperlink open = new Hyperlink("Open folder");
        open.setId("open-folder");
        open.visibleProperty().bind(exports.lastExportProperty().isNotNull().and(exports.busyProperty().not()));
        open.setOnAction(e -> {
            Path dir = exports.lastExportProperty().get();
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

    /** Exports into {@code dir} (the chooser's choice, or a test's). */
    public void exportTo(Path dir) {
        controls.exportTo(dir);
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
            closed = true;
            setVisibleOnScreen(false);
            model.shutdown();
        });
    }
}
