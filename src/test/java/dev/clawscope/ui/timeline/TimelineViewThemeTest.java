package dev.clawscope.ui.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.clawscope.proof.SyntheticJournals;
import dev.clawscope.timeline.Lane;
import dev.clawscope.timeline.Legend;
import dev.clawscope.timeline.Palette;
import dev.clawscope.ui.ClawscopeApp;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The live timeline in the app's themes: the dark theme darkens it; it shades outages and shows the legend. */
@ExtendWith(ApplicationExtension.class)
class TimelineViewThemeTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @Test
    void theDarkThemeDarkensTheTimeline() throws Exception {
        TimelineView light = show(new PrimerLight().getUserAgentStylesheet());
        Color lightGround = fx(() -> snapshot(light).getPixelReader().getColor(3, 3));
        TimelineView dark = show(new PrimerDark().getUserAgentStylesheet());
        Color darkGround = fx(() -> snapshot(dark).getPixelReader().getColor(3, 3));
        assertEquals(Palette.LIGHT, fx(() -> light.paletteProperty().get()));
        assertEquals(Palette.DARK, fx(() -> dark.paletteProperty().get()));
        assertTrue(darkGround.getBrightness() < 0.3, "dark ground: " + darkGround);
        assertTrue(lightGround.getBrightness() > 0.9, "light ground: " + lightGround);
    }

    @Test
    void outagesAndTheirUndetectedPartAreShadedAsInTheProof() throws Exception {
        TimelineView view = show(new PrimerLight().getUserAgentStylesheet());
        Image image = fx(() -> snapshot(view));
        Color clear = fx(() -> pixel(view, image, 30_000));
        Color undetected = fx(() -> pixel(view, image, 50_000));
        Color down = fx(() -> pixel(view, image, 58_500));
        assertNotEquals(clear, undetected, "fault at 44 s, detected at 55 s");
        assertNotEquals(clear, down, "down from 55 s to 62 s");
        assertNotEquals(undetected, down, "two shades");
        assertTrue(down.getRed() > down.getBlue(), "the outage is tinted with the outage tone: " + down);
        assertTrue(undetected.getBlue() > down.getBlue(), "the undetected part with its own tone: " + undetected);
    }

    @Test
    void theLegendIsTheProofsLegend() throws Exception {
        TimelineView view = show(new PrimerLight().getUserAgentStylesheet());
        List<String> shown = fx(() -> view.lookupAll(".timeline-legend .label").stream()
                .map(n -> ((Label) n).getText()).toList());
        assertEquals(Legend.ENTRIES.stream().map(Legend.Entry::label).toList(), shown);
    }

    private TimelineView show(String theme) throws Exception {
        return fx(() -> {
            TimelineData data = new TimelineData();
            data.addAll(SyntheticJournals.twoOutages());
            TimelineView view = new TimelineView(data, () -> 121_000);
            view.followProperty().set(false);
            view.setSpanMs(125_000);
            StackPane root = new StackPane(view);
            Scene scene = new Scene(root, 900, 320);
            scene.getStylesheets().addAll(theme, ClawscopeApp.stylesheet());
            stage.setScene(scene);
            stage.show();
            root.applyCss();
            root.layout();
            return view;
        });
    }

    private static Image snapshot(TimelineView view) {
        view.paint();
        return view.snapshot(null, null);
    }

    /** A pixel of the disposal lane, empty at these times, so only shading colours it. */
    private static Color pixel(TimelineView view, Image image, double t) {
        return image.getPixelReader().getColor((int) view.xOf(t), (int) view.yOf(Lane.DISPOSAL));
    }

    private static <T> T fx(java.util.concurrent.Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(10, TimeUnit.SECONDS);
    }
}
