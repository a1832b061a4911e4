package dev.clawscope.proof;

/**
 * The few drawing operations a {@link Timeline} needs, so one drawing becomes SVG here and a
 * bitmap elsewhere. Coordinates are in pixels from the top left; text is placed at its baseline.
 */
public interface Canvas {

    /** Where a text's {@code x} lies: at its start, middle or end. */
    enum Anchor { START, MIDDLE, END }

    /** A filled rectangle; {@code tooltip} (may be {@code null}) is shown on hover where the medium can. */
    void rect(double x, double y, double width, double height, Rgb fill, String tooltip);

    void line(double x1, double y1, double x2, double y2, Rgb stroke, double strokeWidth);

    void text(double x, double y, String text, double size, Rgb colour, Anchor anchor, boolean bold);
}
