package dev.clawscope.proof;

import java.util.Objects;

/** The timeline as a self-contained SVG document, readable in any browser. */
public final class TimelineSvg {

    private TimelineSvg() {
    }

    public static String render(Timeline timeline) {
        Objects.requireNonNull(timeline, "timeline");
        SvgCanvas canvas = new SvgCanvas(timeline.width(), timeline.height(), timeline.title());
        timeline.paint(canvas);
        return canvas.finish();
    }
}
