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

/** The proof's legend under the live timeline: one swatch per {@link Legend} entry of its source, in the current palette. */
final class LegendBar extends FlowPane {

    private final List<Legend.Entry> entries;
    private final List<Rectangle> swatches = new ArrayList<>();

    /** @param entries the legend of the timeline's source ({@link Legend#of}) */
    LegendBar(List<Legend.Entry> entries) {
        super(12, 2);
        this.entries = List.copyOf(entries);
        getStyleClass().add("timeline-legend");
        setPadding(new Insets(3, 0, 3, 0));
        setAlignment(Pos.CENTER_LEFT);
        setMouseTransparent(true);
        for (Legend.Entry entry : this.entries) {
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
            Legend.Entry entry = entries.get(i);
            int rgb = palette.rgb(entry.tone());
            swatches.get(i).setFill(ThemePalette.colour(rgb, entry.alpha()));
        }
    }
}
