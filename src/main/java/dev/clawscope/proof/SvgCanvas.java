package dev.clawscope.proof;

import java.util.Locale;

/** A {@link Canvas} that writes self-contained SVG: no scripts, no external fonts or links. */
public final class SvgCanvas implements Canvas {

    private static final String FONTS = "DejaVu Sans, Segoe UI, Helvetica, Arial, sans-serif";

    private final StringBuilder out = new StringBuilder(64 * 1024);
    private final int width;
    private final int height;

    public SvgCanvas(int width, int height, String title) {
        this.width = width;
        this.height = height;
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" font-family=\"").append(FONTS).append("\">\n")
                .append("<title>").append(escape(title)).append("</title>\n");
    }

    @Override
    public void rect(double x, double y, double w, double h, Rgb fill, String tooltip) {
        out.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y))
                .append("\" width=\"").append(num(w)).append("\" height=\"").append(num(h)).append('"')
                .append(fill(fill));
        if (tooltip == null) {
            out.append("/>\n");
        } else {
            out.append("><title>").append(escape(tooltip)).append("</title></rect>\n");
        }
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Rgb stroke, double strokeWidth) {
        out.append("<line x1=\"").append(num(x1)).append("\" y1=\"").append(num(y1))
                .append("\" x2=\"").append(num(x2)).append("\" y2=\"").append(num(y2))
                .append("\" stroke=\"").append(stroke.overWhite().hex()).append("\" stroke-width=\"")
                .append(num(strokeWidth)).append("\"/>\n");
    }

    @Override
    public void text(double x, double y, String text, double size, Rgb colour, Anchor anchor, boolean bold) {
        out.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y))
                .append("\" font-size=\"").append(num(size)).append('"').append(fill(colour));
        if (anchor != Anchor.START) {
            out.append(" text-anchor=\"").append(anchor == Anchor.MIDDLE ? "middle" : "end").append('"');
        }
        if (bold) {
            out.append(" font-weight=\"bold\"");
        }
        out.append('>').append(escape(text)).append("</text>\n");
    }

    /** The finished document. */
    public String finish() {
        return out + "</svg>\n";
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    private static String fill(Rgb colour) {
        return " fill=\"" + colour.overWhite().hex() + "\"";
    }

    private static String num(double value) {
        String s = String.format(Locale.ROOT, "%.2f", value);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** XML text and attribute escaping; characters XML 1.0 cannot hold become U+FFFD. */
    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
                    sb.append(allowed ? c : '\uFFFD');
                }
            }
        }
        return sb.toString();
    }
}
