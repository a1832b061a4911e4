package dev.clawscope.watch.archfixture;

import dev.clawscope.render.AwtPngRenderer;

/** A deliberate violation, used to show that the watch rule bites: the recorder reaching for Java2D itself. */
public final class RendersPng {

    public Object renderer() {
        return new AwtPngRenderer();
    }
}
