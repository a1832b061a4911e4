package dev.clawscope.ui.timeline;

import dev.clawscope.timeline.Legend;
import dev.clawscope.timeline.Palette;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.geometry.Insets;
import javafx.scene.layout.FlowPane;
import javafx.scene.shape.Rectangle;

/** The proof's legend under the live timeline: one swatch per {@link Legend} entry, in the current palette. */
final class LegendBar extends FlowPane {

    private final List<Rectangle> swatches = new ArrayList<>();

    LegendBar() {
        super(12, 2);
        getStyleClass().add("timeline-legend");
        setPadding(new Insets(3, 0, 3, 0));
        setAlignment(Pos.CENTER_LEFT);
        setMouseTransparent(true);
        for (Legend.Entry entry : Legend.ENTRIES) {
            Rectangle swatch = new Rectangle(10, 10);
            swatches.add(swatch);
            Label label = new Label(entry.label(), swatch);
            label.setStyle("-fx-font-size: 10px;");
            label.setMinWidth(Label.USE_PREF_SIZE);
            getChildren().add(label);
        }
    }

    void paint(Palette palette) {
        for (int i = 0; i < swatches.size(); i++) {
            Legend.Entry entry = Legend.ENTRIES.get(i);
            int rgb = palette.rgb(entry.tone());
            swatches.get(i).setFill(ThemePalette.colour(rgb, entry.alpha()));
        }
    }
}
