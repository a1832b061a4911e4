package dev.clawscope.tray;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;

/**
 * Draws the tray icon at any size: the Clawscope mark (a ring, like a scope's lens, crossed by
 * three claw strokes) with a status badge in the lower right corner.
 */
public final class TrayIcons {

    private TrayIcons() {
    }

    public static Color badgeColor(TrayStatus status) {
        return switch (status) {
            case GREEN -> new Color(0x12, 0xb7, 0x6a);
            case AMBER -> new Color(0xf7, 0x90, 0x09);
            case RED -> new Color(0xd9, 0x2d, 0x20);
            case GREY -> new Color(0x98, 0xa2, 0xb3);
        };
    }

    public static BufferedImage render(TrayStatus status, int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            float s = size;
            Color ink = new Color(0x1d, 0x29, 0x39);
            g.setColor(Color.WHITE);
            g.fill(new Ellipse2D.Float(s * 0.04f, s * 0.04f, s * 0.84f, s * 0.84f));
            g.setColor(ink);
            g.setStroke(new BasicStroke(Math.max(1.2f, s * 0.09f), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new Ellipse2D.Float(s * 0.08f, s * 0.08f, s * 0.76f, s * 0.76f));
            g.setStroke(new BasicStroke(Math.max(1f, s * 0.07f), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            for (int i = 0; i < 3; i++) {
                float x = s * (0.26f + i * 0.16f);
                g.draw(new Arc2D.Float(x - s * 0.10f, s * 0.22f, s * 0.2f, s * 0.48f, 100, 110, Arc2D.OPEN));
            }
            float b = s * 0.46f;
            g.setColor(Color.WHITE);
            g.fill(new Ellipse2D.Float(s - b - s * 0.02f, s - b - s * 0.02f, b + s * 0.02f, b + s * 0.02f));
            g.setColor(badgeColor(status));
            g.fill(new Ellipse2D.Float(s - b + s * 0.02f, s - b + s * 0.02f, b - s * 0.06f, b - s * 0.06f));
        } finally {
            g.dispose();
        }
        return image;
    }
}
