package dev.clawscope.ui;

import dev.clawscope.Version;
import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/** The desktop window. Until the inspector lands it shows what this build is and how to use it. */
public final class ClawscopeApp extends Application {

    @Override
    public void start(Stage stage) {
        Label title = new Label("Clawscope");
        title.setStyle("-fx-font-size: 28px; -fx-font-weight: bold;");
        Label version = new Label("Version " + Version.get());
        Label hint = new Label("Run `clawscope --help` for the headless commands.");
        VBox root = new VBox(12, title, version, hint);
        root.setAlignment(Pos.CENTER);
        root.setPadding(new Insets(32));
        stage.setTitle("Clawscope " + Version.get());
        stage.setScene(new Scene(root, 520, 260));
        stage.show();
    }
}
