package dev.clawscope.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.proof.BundleInfo;
import dev.clawscope.proof.ProofBundle;
import dev.clawscope.proof.ProofBundleWriter;
import dev.clawscope.proof.SyntheticJournals;
import dev.clawscope.proof.Timeline;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AwtPngRendererTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final Timeline timeline = Timeline.of(SyntheticJournals.fiveMinutes(), "five minutes");

    @Test
    void aValidPngOfTheRequestedSize() throws Exception {
        byte[] png = new AwtPngRenderer().render(timeline, 1200, timeline.height());
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, 8));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image);
        assertEquals(1200, image.getWidth());
        assertEquals(timeline.height(), image.getHeight());
    }

    @Test
    void scalesToAnySize() throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(new AwtPngRenderer().render(timeline, 600, 200)));
        assertEquals(600, image.getWidth());
        assertEquals(200, image.getHeight());
        assertThrows(IllegalArgumentException.class, () -> new AwtPngRenderer().render(timeline, 0, 10));
    }

    @Test
    void theStateLaneShowsConnectedGreenAndTheOutageAmber() throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                new AwtPngRenderer().render(timeline, 1200, timeline.height())));
        int laneY = findStateLaneY(image);
        // 30 s into the run the link is connected; 100 s in it is backing off after the pong timeout
        assertEquals(0x2e9e48, image.getRGB(xAt(30), laneY) & 0xffffff);
        // the outage shade lies under the band, so the band's own colour shows unchanged
        assertEquals(0xf0a020, image.getRGB(xAt(100), laneY) & 0xffffff);
    }

    @Test
    void theBundleWriterEmbedsThePng(@TempDir Path dir) throws Exception {
        ProofBundle bundle = new ProofBundleWriter(new AwtPngRenderer())
                .write(dir, SyntheticJournals.fiveMinutes(),
                        new BundleInfo("five minutes", "ws://127.0.0.1:18789", Map.of(), List.of()));
        assertTrue(bundle.file(ProofBundle.PNG).isPresent());
        BufferedImage image = ImageIO.read(Files.newInputStream(dir.resolve(ProofBundle.PNG)));
        assertEquals(1200, image.getWidth());
    }

    /** The lanes run from 120 px to 1180 px over the run's 300.0065 s. */
    private static int xAt(double seconds) {
        return (int) Math.round(120 + seconds / 300.0066 * 1060);
    }

    /** The middle row of the first green band found at 30 s. */
    private static int findStateLaneY(BufferedImage image) {
        for (int y = 0; y < image.getHeight(); y++) {
            if ((image.getRGB(xAt(30), y) & 0xffffff) == 0x2e9e48) {
                return y + 10;
            }
        }
        throw new AssertionError("no green connected band at 30 s");
    }
}
