/**
 * Bitmap rendering with Java2D into off-screen images: the proof timeline as a PNG. Needs no
 * window and no display (it works headless), so the CLI and the desktop app both use it; it
 * depends on {@code proof} and nothing else of Clawscope.
 */
package dev.clawscope.render;
