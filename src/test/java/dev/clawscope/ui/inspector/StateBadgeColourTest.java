package dev.clawscope.ui.inspector;

import static dev.clawscope.ui.FxWait.fx;
import static dev.clawscope.ui.FxWait.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.clawscope.link.LinkState;
import dev.clawscope.session.GatewaySession;
import dev.clawscope.timeline.EventKinds;
import dev.clawscope.timeline.Palette;
import dev.clawscope.timeline.Tone;
import dev.clawscope.ui.ClawscopeApp;
import dev.clawscope.ui.timeline.ThemePalette;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kordamp.ikonli.javafx.FontIcon;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The header's state badge wears the timeline's colour for its state, in the light and the dark
 * theme: idle, then connecting (the same orange as the timeline's connecting span, not a blue of
 * its own) while the link retries a gateway nobody answers on.
 */
@ExtendWith(ApplicationExtension.class)
class StateBadgeColourTest {

    @TempDir
    Path settings;

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @Test
    void inTheLightThemeTheBadgeHasTheTimelinesColours(FxRobot robot) throws Exception {
        badgeFollowsTheTimeline(robot, new PrimerLight().getUserAgentStylesheet(), Palette.LIGHT);
    }

    @Test
    void inTheDarkThemeTheBadgeHasTheTimelinesColours(FxRobot robot) throws Exception {
        badgeFollowsTheTimeline(robot, new PrimerDark().getUserAgentStylesheet(), Palette.DARK);
    }

    private void badgeFollowsTheTimeline(FxRobot robot, String theme, Palette palette) throws Exception {
        try (GatewaySession session = GatewaySession.open(NobodyListening.find().choice, false,
                NobodyListening.FAST, settings)) {
            InspectorView view = fx(() -> {
                InspectorView v = new InspectorView(new InspectorViewModel(session));
                Scene scene = new Scene(v, 1000, 700);
                scene.getStylesheets().addAll(theme, ClawscopeApp.stylesheet());
                stage.setScene(scene);
                stage.show();
                return v;
            });
            assertEquals(palette, fx(() -> view.timeline().paletteProperty().get()), "the timeline's palette");
            waitFor("the badge in the theme's palette", () -> fx(() -> header(robot).paletteProperty().get()) == palette);

            assertEquals("Idle", fx(() -> badge(robot).getText()));
            waitFor("the idle badge in the idle tone", () -> fx(() -> fill(robot)).equals(colour(palette, Tone.IDLE)));
            assertEquals(colour(palette.textOn(Tone.IDLE)), fx(() -> badge(robot).getTextFill()));

            robot.clickOn("#connect");
            waitFor("the link retries", () -> fx(() -> view.model().header().reconnectsProperty().get()) >= 1);
            LinkState retrying = fx(() -> view.model().header().stateProperty().get());
            Tone tone = EventKinds.tone(LinkState.CONNECTING);
            assertEquals(tone, EventKinds.tone(retrying), "connecting and waiting to retry share the timeline's tone");
            waitFor("the badge in the timeline's connecting colour",
                    () -> fx(() -> fill(robot)).equals(colour(palette, tone)));
            assertNotEquals(Color.web("#2e90fa"), fx(() -> fill(robot)), "not the badge's own blue of before");
            Color onFill = colour(palette.textOn(tone));
            assertEquals(onFill, fx(() -> badge(robot).getTextFill()), "the text in the colour for text on that tone");
            assertEquals(onFill, fx(() -> ((FontIcon) badge(robot).getGraphic()).getIconColor()), "and the icon");
        }
    }

    private static Color colour(Palette palette, Tone tone) {
        return colour(palette.rgb(tone));
    }

    private static Color colour(int rgb) {
        return ThemePalette.colour(rgb, 1);
    }

    private static HeaderView header(FxRobot robot) {
        return robot.lookup(".header").queryAs(HeaderView.class);
    }

    private static Label badge(FxRobot robot) {
        return robot.lookup("#state-badge").queryAs(Label.class);
    }

    private static Color fill(FxRobot robot) {
        Label badge = badge(robot);
        badge.applyCss();
        return (Color) badge.getBackground().getFills().get(0).getFill();
    }
}
