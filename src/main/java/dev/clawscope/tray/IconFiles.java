package dev.clawscope.tray;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Writes the icon set: the app mark as PNGs at the sizes Linux, Windows and macOS use, a Windows
 * {@code .ico} and a macOS {@code .icns} holding those PNGs, and the tray's status variants. The
 * packaging profile runs it; its output is also kept in {@code assets/icons}.
 *
 * <p>Usage: {@code IconFiles OUTPUT_DIR}
 */
public final class IconFiles {

    public static final List<Integer> APP_SIZES = List.of(16, 24, 32, 48, 64, 128, 256, 512, 1024);
    public static final List<Integer> ICO_SIZES = List.of(16, 24, 32, 48, 64, 128, 256);
    public static final List<Integer> TRAY_SIZES = List.of(16, 22, 24, 32, 48);
    /** ICNS entry types holding PNG data, by pixel size. */
    private static final List<Object[]> ICNS_TYPES = List.of(new Object[] {16, "icp4"}, new Object[] {32, "icp5"},
            new Object[] {64, "icp6"}, new Object[] {128, "ic07"}, new Object[] {256, "ic08"},
            new Object[] {512, "ic09"}, new Object[] {1024, "ic10"});

    private IconFiles() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: IconFiles OUTPUT_DIR");
            System.exit(2);
        }
        write(Path.of(args[0]));
    }

    public static void write(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("tray"));
        for (int size : APP_SIZES) {
            Files.write(dir.resolve("clawscope-" + size + ".png"), png(TrayIcons.renderMark(size)));
        }
        for (TrayStatus status : TrayStatus.values()) {
            for (int size : TRAY_SIZES) {
                Files.write(dir.resolve("tray").resolve("clawscope-" + status.name().toLowerCase(Locale.ROOT) + "-"
                        + size + ".png"), png(TrayIcons.render(status, size)));
            }
        }
        Files.write(dir.resolve("clawscope.ico"), ico());
        Files.write(dir.resolve("clawscope.icns"), icns());
    }

    static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** ICO with PNG-compressed entries (Windows Vista and later read these at every size). */
    static byte[] ico() throws IOException {
        List<byte[]> images = new java.util.ArrayList<>();
        for (int size : ICO_SIZES) {
            images.add(png(TrayIcons.renderMark(size)));
        }
        int offset = 6 + 16 * images.size();
        ByteBuffer out = ByteBuffer.allocate(offset + images.stream().mapToInt(b -> b.length).sum())
                .order(ByteOrder.LITTLE_ENDIAN);
        out.putShort((short) 0).putShort((short) 1).putShort((short) images.size());
        for (int i = 0; i < images.size(); i++) {
            int size = ICO_SIZES.get(i);
            out.put((byte) (size >= 256 ? 0 : size)).put((byte) (size >= 256 ? 0 : size));
            out.put((byte) 0).put((byte) 0).putShort((short) 1).putShort((short) 32);
            out.putInt(images.get(i).length).putInt(offset);
            offset += images.get(i).length;
        }
        images.forEach(out::put);
        return out.array();
    }

    /** ICNS with PNG entries, big-endian lengths that include the 8-byte headers. */
    static byte[] icns() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Object[] type : ICNS_TYPES) {
            byte[] data = png(TrayIcons.renderMark((Integer) type[0]));
            body.write(((String) type[1]).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            body.write(ByteBuffer.allocate(4).putInt(data.length + 8).array());
            body.write(data);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("icns".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(ByteBuffer.allocate(4).putInt(body.size() + 8).array());
        body.writeTo(out);
        return out.toByteArray();
    }
}
