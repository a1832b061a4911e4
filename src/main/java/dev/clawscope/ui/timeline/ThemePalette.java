package dev.clawscope.ui.timeline;

import dev.clawscope.timeline.Palette;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.CssMetaData;
import javafx.css.SimpleStyleableObjectProperty;
import javafx.css.StyleConverter;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.css.StyleableProperty;
import javafx.scene.paint.Color;

/**
 * The {@link Palette} of the theme a node is shown in. The stylesheet gives the node the theme's
 * ground colour as {@value #PROPERTY} (the app's stylesheet sets it to the AtlantaFX token {@code
 * -color-bg-default}); a dark ground picks {@link Palette#DARK}, any other {@link Palette#LIGHT}.
 * The live timeline and the header's state badge both follow it, so a link state has one colour
 * everywhere in the window, and in the light theme the proof's colour.
 *
 * @param <S> the node that carries the CSS property
 */
public final class ThemePalette<S extends Styleable> {

    /** The CSS property that carries the theme's ground colour. */
    public static final String PROPERTY = "-palette-ground";

    private final StyleableObjectProperty<Color> ground;
    private final ReadOnlyObjectWrapper<Palette> palette;

    /**
     * @param node the node whose style sets the ground
     * @param css the node class's {@link #cssMetaData(Function)}, listed in its CSS properties ({@link #withGround})
     */
    public ThemePalette(S node, CssMetaData<S, Color> css) {
        ground = new SimpleStyleableObjectProperty<>(css, node, "ground", Color.WHITE);
        palette = new ReadOnlyObjectWrapper<>(node, "palette", Palette.LIGHT);
        ground.addListener((obs, was, now) -> palette.set(Palette.forGround(rgb(now))));
    }

    /**
     * The CSS property for a node class, to list in its {@code getCssMetaData()}.
     *
     * @param of the node's theme palette
     */
    public static <S extends Styleable> CssMetaData<S, Color> cssMetaData(Function<S, ThemePalette<S>> of) {
        return new CssMetaData<>(PROPERTY, StyleConverter.getColorConverter(), Color.WHITE) {
            @Override
            public boolean isSettable(S node) {
                return !of.apply(node).ground.isBound();
            }

            @Override
            public StyleableProperty<Color> getStyleableProperty(S node) {
                return of.apply(node).ground;
            }
        };
    }

    /** A node class's CSS properties: those it inherits, and {@code ground}. */
    public static List<CssMetaData<? extends Styleable, ?>> withGround(List<CssMetaData<? extends Styleable, ?>> inherited,
            CssMetaData<? extends Styleable, Color> ground) {
        List<CssMetaData<? extends Styleable, ?>> all = new ArrayList<>(inherited);
        all.add(ground);
        return List.copyOf(all);
    }

    /** The palette of the node's theme; {@link Palette#LIGHT} until its style says otherwise. */
    public ReadOnlyObjectProperty<Palette> paletteProperty() {
        return palette.getReadOnlyProperty();
    }

    /** {@code 0xRRGGBB} as a colour with {@code alpha}. */
    public static Color colour(int rgb, double alpha) {
        return Color.rgb(rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff, alpha);
    }

    /** {@code 0xRRGGBB} as CSS writes it, e.g. {@code #f0a020}. */
    public static String css(int rgb) {
        return String.format(Locale.ROOT, "#%06x", rgb & 0xffffff);
    }

    private static int rgb(Color c) {
        return (int) Math.round(c.getRed() * 255) << 16 | (int) Math.round(c.getGreen() * 255) << 8
                | (int) Math.round(c.getBlue() * 255);
    }
}
