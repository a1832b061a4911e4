package dev.clawscope.tray;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;

/**
 * Draws the tray icon at any size: the Clawscope mark (a scope's ring with a heartbeat trace, as
 * in {@code assets/icons/clawscope.svg}) with a status badge in the lower right corner.
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

    /** The app icon: the mark alone. */
    public static BufferedImage renderMark(int size) {
        return draw(null, size);
    }

    /** The tray icon: the mark with the status badge. */
    public static BufferedImage render(TrayStatus status, int size) {
        return draw(status, size);
    }

    private static BufferedImage draw(TrayStatus status, int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            // The app mark of assets/icons/clawscope.svg (a 256 unit square), scaled to the icon.
            g.scale(size / 256.0, size / 256.0);
            g.setColor(new Color(0x14, 0x21, 0x3d));
            g.fill(new RoundRectangle2D.Float(8, 8, 240, 240, 104, 104));
            g.setStroke(new BasicStroke(size < 24 ? 22 : size < 64 ? 17 : 14, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.setColor(new Color(0x8e, 0xca, 0xe6));
            g.draw(new Ellipse2D.Float(50, 50, 156, 156));
            g.setColor(new Color(0xff, 0xb7, 0x03));
            Path2D.Float pulse = new Path2D.Float();
            int[][] points = {{58, 136}, {92, 136}, {108, 96}, {128, 170}, {148, 112}, {162, 136}, {198, 136}};
            pulse.moveTo(points[0][0], points[0][1]);
            for (int i = 1; i < points.length; i++) {
                pulse.lineTo(points[i][0], points[i][1]);
            }
            g.draw(pulse);
            if (status == null) {
                return image;
            }
            // The status badge, bottom right, with a light rim so it reads on dark and light panels.
            g.setColor(Color.WHITE);
            g.fill(new Ellipse2D.Float(140, 140, 116, 116));
            g.setColor(badgeColor(status));
            g.fill(new Ellipse2D.Float(152, 152, 92, 92));
        } finally {
            g.dispose();
        }
        return image;
    }
}
