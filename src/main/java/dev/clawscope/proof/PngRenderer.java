package dev.clawscope.proof;

import java.io.IOException;

/** Turns a {@link Timeline} into PNG bytes; implemented where a bitmap toolkit may be used. */
@FunctionalInterface
public interface PngRenderer {

    /** The timeline scaled to exactly {@code width} x {@code height} pixels, as a PNG file. */
    byte[] render(Timeline timeline, int width, int height) throws IOException;
}
