package dev.clawscope.ui.inspector;

import dev.clawscope.timeline.Palette;
import dev.clawscope.timeline.Tone;
import dev.clawscope.ui.timeline.ThemePalette;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.scene.control.Label;
import javafx.scene.paint.Color;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The header's state badge: a word and an icon on the timeline's colour for the state, its text in
 * the colour for text on that tone, in the theme's {@link Palette} (the stylesheet gives it the
 * theme's ground). The link's header and an observed client's show their state with it, so a state
 * looks the same in the header and on the timeline.
 */
final class StateBadge extends Label {

    private static final CssMetaData<StateBadge, Color> GROUND = ThemePalette.cssMetaData(badge -> badge.theme);
    private static final List<CssMetaData<? extends Styleable, ?>> CSS =
            ThemePalette.withGround(Label.getClassCssMetaData(), GROUND);

    private final ThemePalette<StateBadge> theme = new ThemePalette<>(this, GROUND);
    private final FontIcon icon = new FontIcon(Feather.CIRCLE);
    private Tone tone = Tone.IDLE;

    StateBadge() {
        setId("state-badge");
        getStyleClass().add("state-badge");
        setGraphic(icon);
        theme.paletteProperty().addListener((obs, was, now) -> colour(now));
        colour(theme.paletteProperty().get());
    }

    /**
     * Shows {@code text} with {@code glyph} in {@code tone}; {@code styleClass} (e.g. {@code
     * state-connected}) replaces the state class shown before.
     */
    void show(String text, Tone tone, Feather glyph, String styleClass) {
        this.tone = tone;
        setText(text);
        icon.setIconCode(glyph);
        getStyleClass().removeIf(c -> c.startsWith("state-") && !c.equals("state-badge"));
        getStyleClass().add(styleClass);
        colour(theme.paletteProperty().get());
    }

    /** Its tone in {@code palette}, its text and icon in the colour for text on that tone (the stylesheet applies them). */
    private void colour(Palette palette) {
        setStyle("-state-fill: " + ThemePalette.css(palette.rgb(tone)) + "; -state-text: "
                + ThemePalette.css(palette.textOn(tone)) + ";");
    }

    /** The palette it is drawn in, chosen by the theme's ground colour. */
    ReadOnlyObjectProperty<Palette> paletteProperty() {
        return theme.paletteProperty();
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getControlCssMetaData() {
        return CSS;
    }
}
