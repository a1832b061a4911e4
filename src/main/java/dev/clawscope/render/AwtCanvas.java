package dev.clawscope.render;

import dev.clawscope.proof.Canvas;
import dev.clawscope.proof.Rgb;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.Objects;

/** A {@link Canvas} on Java2D; tooltips have no place on a bitmap and are dropped. */
public final class AwtCanvas implements Canvas {

    private final Graphics2D g;

    public AwtCanvas(Graphics2D g) {
        this.g = Objects.requireNonNull(g, "g");
    }

    @Override
    public void rect(double x, double y, double width, double height, Rgb fill, String tooltip) {
        g.setColor(colour(fill));
        g.fill(new Rectangle2D.Double(x, y, width, height));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Rgb stroke, double strokeWidth) {
        g.setColor(colour(stroke));
        g.setStroke(new BasicStroke((float) strokeWidth, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void text(double x, double y, String text, double size, Rgb colour, Anchor anchor, boolean bold) {
        g.setFont(new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size));
        g.setColor(colour(colour));
        double width = g.getFontMetrics().getStringBounds(text, g).getWidth();
        double left = switch (anchor) {
            case START -> x;
            case MIDDLE -> x - width / 2;
            case END -> x - width;
        };
        g.drawString(text, (float) left, (float) y);
    }

    private static Color colour(Rgb rgb) {
        return new Color(rgb.red(), rgb.green(), rgb.blue(), (int) Math.round(rgb.alpha() * 255));
    }
}
