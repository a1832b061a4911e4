package dev.clawscope.chaos;

import java.util.concurrent.TimeUnit;

/**
 * How the current mode treats bytes in flight, as a {@link Pipe} sees it.
 *
 * @param forwarding false while a blackhole holds everything
 * @param delayNanos latency added to each chunk, counted from when the proxy read it
 * @param jitterNanos the most a chunk's own draw adds to {@code delayNanos}, 0 for a fixed delay
 * @param bytesPerSecond the rate limit per direction, 0 for none
 */
record Shaping(boolean forwarding, long delayNanos, long jitterNanos, long bytesPerSecond) {

    static final Shaping PASS = new Shaping(true, 0, 0, 0);
    static final Shaping HOLD = new Shaping(false, 0, 0, 0);

    /** The shaping of a mode; refuse shapes nothing, it acts on new connections only. */
    static Shaping of(Fault mode) {
        if (mode instanceof Fault.Blackhole) {
            return HOLD;
        }
        if (mode instanceof Fault.Delay delay) {
            return new Shaping(true, TimeUnit.MILLISECONDS.toNanos(delay.millis()),
                    TimeUnit.MILLISECONDS.toNanos(delay.maxMillis() - delay.millis()), 0);
        }
        if (mode instanceof Fault.Throttle throttle) {
            return new Shaping(true, 0, 0, throttle.bytesPerSecond());
        }
        return PASS;
    }

    /**
     * The latency of a chunk whose own draw is {@code draw}, from 0 (the shortest) to 1 (the longest):
     * a draw made when the chunk was read keeps its place in whatever range is in force.
     */
    long delayNanos(double draw) {
        return delayNanos + Math.round(draw * jitterNanos);
    }

    boolean throttled() {
        return bytesPerSecond > 0;
    }
}
