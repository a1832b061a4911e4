package dev.clawscope.ui;

import atlantafx.base.theme.PrimerLight;
import dev.clawscope.session.SourceSession;
import dev.clawscope.ui.inspector.InspectorView;
import dev.clawscope.ui.inspector.InspectorViewModel;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The inspector on a session, shown in a stage as the window tests and the screenshots show it. FX thread. */
public final class InspectorStage {

    private InspectorStage() {
    }

    /** Shows the inspector on {@code session} in {@code stage}: the light theme, the app's stylesheet, this size. */
    public static InspectorView show(Stage stage, SourceSession session, double width, double height) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        InspectorView view = new InspectorView(new InspectorViewModel(session));
        Scene scene = new Scene(view, width, height);
        scene.getStylesheets().add(ClawscopeApp.stylesheet());
        stage.setScene(scene);
        stage.show();
        return view;
    }
}
