package dev.clawscope.tray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IconFilesTest {

    @TempDir
    Path dir;

    @Test
    void theIconSetHasEverySizeAndWellFormedIcoAndIcns() throws Exception {
        IconFiles.write(dir);
        for (int size : IconFiles.APP_SIZES) {
            BufferedImage png = ImageIO.read(dir.resolve("clawscope-" + size + ".png").toFile());
            assertEquals(size, png.getWidth());
            assertEquals(size, png.getHeight());
            assertEquals(0xff14213d, png.getRGB(size / 2, Math.max(1, size / 10)), "the dark tile at " + size);
        }
        for (TrayStatus status : TrayStatus.values()) {
            for (int size : IconFiles.TRAY_SIZES) {
                assertTrue(Files.exists(dir.resolve("tray/clawscope-" + status.name().toLowerCase() + "-" + size + ".png")));
            }
        }
        ByteBuffer ico = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("clawscope.ico"))).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0, ico.getShort(0));
        assertEquals(1, ico.getShort(2), "type icon");
        assertEquals(IconFiles.ICO_SIZES.size(), ico.getShort(4));
        for (int i = 0; i < IconFiles.ICO_SIZES.size(); i++) {
            int entry = 6 + 16 * i;
            int length = ico.getInt(entry + 8);
            int offset = ico.getInt(entry + 12);
            byte[] png = new byte[length];
            ico.get(offset, png);
            assertEquals(IconFiles.ICO_SIZES.get(i), ImageIO.read(new ByteArrayInputStream(png)).getWidth());
        }
        byte[] icns = Files.readAllBytes(dir.resolve("clawscope.icns"));
        assertArrayEquals("icns".getBytes(), java.util.Arrays.copyOf(icns, 4));
        assertEquals(icns.length, ByteBuffer.wrap(icns).getInt(4), "the header's length is the file's");
    }

    @Test
    void theCommittedAssetsAreTheSetTheRendererWrites() throws Exception {
        Path assets = Path.of("assets", "icons");
        for (int size : IconFiles.APP_SIZES) {
            BufferedImage committed = ImageIO.read(assets.resolve("clawscope-" + size + ".png").toFile());
            assertEquals(size, committed.getWidth(), "assets/icons/clawscope-" + size + ".png");
        }
        assertTrue(Files.size(assets.resolve("clawscope.ico")) > 1_000);
        assertTrue(Files.size(assets.resolve("clawscope.icns")) > 1_000);
    }
}
