package dev.clawscope.proof;

import java.util.Locale;

/** A colour for a {@link Canvas}: 0-255 channels and an opacity from 0 (clear) to 1 (solid). */
public record Rgb(int red, int green, int blue, double alpha) {

    public Rgb {
        channel(red);
        channel(green);
        channel(blue);
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be within 0..1, was " + alpha);
        }
    }

    /** A solid colour from {@code 0xRRGGBB}. */
    public static Rgb of(int rgb) {
        return new Rgb(rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff, 1);
    }

    /** A solid colour from {@code #rrggbb}. */
    public static Rgb hex(String hex) {
        if (!hex.matches("#[0-9a-fA-F]{6}")) {
            throw new IllegalArgumentException("not #rrggbb: " + hex);
        }
        int v = Integer.parseInt(hex.substring(1), 16);
        return new Rgb(v >> 16 & 0xff, v >> 8 & 0xff, v & 0xff, 1);
    }

    /**
     * This colour laid over white, fully opaque. SVG renderers disagree on opacity (some ignore
     * it); everything translucent in the timeline is drawn over a white or near-white ground.
     */
    public Rgb overWhite() {
        return new Rgb(blend(red), blend(green), blend(blue), 1.0);
    }

    private int blend(int channel) {
        return (int) Math.round(channel * alpha + 255 * (1 - alpha));
    }

    public Rgb withAlpha(double value) {
        return new Rgb(red, green, blue, value);
    }

    /** {@code #rrggbb}, without the opacity. */
    public String hex() {
        return String.format(Locale.ROOT, "#%02x%02x%02x", red, green, blue);
    }

    private static void channel(int value) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("channel must be within 0..255, was " + value);
        }
    }
}
