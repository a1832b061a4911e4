package dev.clawscope.timeline;

/** A colour token of the timeline; a {@link Palette} says what colour it is in a theme. */
public enum Tone {
    // link states
    CONNECTED, TRANSIENT, STOPPED, ENDED, IDLE,
    // outages: the part the link had noticed, and the part before it noticed
    OUTAGE, UNDETECTED,
    // marks
    PONG, TICK, PROBE, PING, FAULT, TIMEOUT, CLOSE, BACKOFF, MUTED,
    // the ground they are drawn on
    GROUND, LANE, GRID, TEXT, ON_FILL
}
