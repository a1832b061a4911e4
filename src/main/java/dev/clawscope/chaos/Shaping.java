package dev.clawscope.chaos;

import java.util.concurrent.TimeUnit;

/**
 * How the current mode treats bytes in flight, as a {@link Pipe} sees it.
 *
 * @param forwarding false while a blackhole holds everything
 * @param delayNanos latency added to each chunk, counted from when the proxy read it
 * @param bytesPerSecond the rate limit per direction, 0 for none
 */
record Shaping(boolean forwarding, long delayNanos, long bytesPerSecond) {

    static final Shaping PASS = new Shaping(true, 0, 0);
    static final Shaping HOLD = new Shaping(false, 0, 0);

    /** The shaping of a mode; refuse shapes nothing, it acts on new connections only. */
    static Shaping of(Fault mode) {
        if (mode instanceof Fault.Blackhole) {
            return HOLD;
        }
        if (mode instanceof Fault.Delay delay) {
            return new Shaping(true, TimeUnit.MILLISECONDS.toNanos(delay.millis()), 0);
        }
        if (mode instanceof Fault.Throttle throttle) {
            return new Shaping(true, 0, throttle.bytesPerSecond());
        }
        return PASS;
    }

    boolean throttled() {
        return bytesPerSecond > 0;
    }
}
