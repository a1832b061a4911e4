package dev.clawscope.journal;

import java.time.Instant;

/** A journal clock that moves only when told. */
final class ManualClock implements JournalClock {

    static final Instant START = Instant.parse("2026-11-27T23:05:14.090Z");

    private volatile double monoMs;

    @Override
    public double monoMs() {
        return monoMs;
    }

    @Override
    public Instant now() {
        return START.plusMillis((long) monoMs);
    }

    void advanceMs(double ms) {
        monoMs += ms;
    }
}
