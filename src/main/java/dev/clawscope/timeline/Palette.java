package dev.clawscope.timeline;

import java.util.EnumMap;
import java.util.Map;

/**
 * The colour of every {@link Tone} in a theme, as {@code 0xRRGGBB}. The proof is always drawn
 * {@link #LIGHT}; the window follows its theme. Dark grounds are the AtlantaFX Primer Dark ones.
 */
public enum Palette {
    LIGHT(Map.ofEntries(
            Map.entry(Tone.CONNECTED, 0x2e9e48), Map.entry(Tone.TRANSIENT, 0xf0a020),
            Map.entry(Tone.STOPPED, 0xd64545), Map.entry(Tone.ENDED, 0x8a8f98), Map.entry(Tone.IDLE, 0xd5d8dd),
            Map.entry(Tone.OUTAGE, 0xd64545), Map.entry(Tone.UNDETECTED, 0x8e44ad),
            Map.entry(Tone.PONG, 0x2e9e48), Map.entry(Tone.TICK, 0x3a6fd8), Map.entry(Tone.PROBE, 0x11928f),
            Map.entry(Tone.PING, 0xa4a9b2), Map.entry(Tone.FAULT, 0x8e44ad), Map.entry(Tone.TIMEOUT, 0xc0392b),
            Map.entry(Tone.CLOSE, 0x4a4f58), Map.entry(Tone.BACKOFF, 0xf0a020), Map.entry(Tone.MUTED, 0x5b626c),
            Map.entry(Tone.GROUND, 0xffffff), Map.entry(Tone.LANE, 0xf4f5f7), Map.entry(Tone.GRID, 0xd0d4da),
            Map.entry(Tone.TEXT, 0x1f2328), Map.entry(Tone.ON_FILL, 0xffffff))),
    DARK(Map.ofEntries(
            Map.entry(Tone.CONNECTED, 0x3fb950), Map.entry(Tone.TRANSIENT, 0xd29922),
            Map.entry(Tone.STOPPED, 0xf85149), Map.entry(Tone.ENDED, 0x6e7681), Map.entry(Tone.IDLE, 0x30363d),
            Map.entry(Tone.OUTAGE, 0xf85149), Map.entry(Tone.UNDETECTED, 0xbc8cff),
            Map.entry(Tone.PONG, 0x3fb950), Map.entry(Tone.TICK, 0x58a6ff), Map.entry(Tone.PROBE, 0x39c5cf),
            Map.entry(Tone.PING, 0x8b949e), Map.entry(Tone.FAULT, 0xbc8cff), Map.entry(Tone.TIMEOUT, 0xff7b72),
            Map.entry(Tone.CLOSE, 0xc9d1d9), Map.entry(Tone.BACKOFF, 0xbb8009), Map.entry(Tone.MUTED, 0x8b949e),
            Map.entry(Tone.GROUND, 0x0d1117), Map.entry(Tone.LANE, 0x161b22), Map.entry(Tone.GRID, 0x30363d),
            Map.entry(Tone.TEXT, 0xe6edf3), Map.entry(Tone.ON_FILL, 0x0d1117)));

    private final EnumMap<Tone, Integer> colours;

    Palette(Map<Tone, Integer> colours) {
        this.colours = new EnumMap<>(colours);
        if (this.colours.size() != Tone.values().length) {
            throw new IllegalStateException(name() + " lacks a colour for some tone");
        }
    }

    /** The colour of {@code tone} as {@code 0xRRGGBB}. */
    public int rgb(Tone tone) {
        return colours.get(tone);
    }

    /**
     * The colour of text on a fill of {@code fill}, as {@code 0xRRGGBB}: {@link Tone#ON_FILL}, except
     * on the idle fill, which is about as quiet as the ground and so takes {@link Tone#TEXT}.
     */
    public int textOn(Tone fill) {
        return rgb(fill == Tone.IDLE ? Tone.TEXT : Tone.ON_FILL);
    }

    /** The palette for a theme whose ground is {@code groundRgb}: dark on a dark ground. */
    public static Palette forGround(int groundRgb) {
        int r = groundRgb >> 16 & 0xff;
        int g = groundRgb >> 8 & 0xff;
        int b = groundRgb & 0xff;
        return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128 ? DARK : LIGHT;
    }
}
