package dev.clawscope.link;

import java.util.random.RandomGenerator;

/** A generator whose {@code nextDouble()} always returns one value, to pin jitter to its bounds. */
final class FixedRandom implements RandomGenerator {

    private final double value;

    FixedRandom(double value) {
        this.value = value;
    }

    /** The largest double below 1: the top of a {@code [0, 1)} draw. */
    static FixedRandom top() {
        return new FixedRandom(Math.nextDown(1.0));
    }

    @Override
    public double nextDouble() {
        return value;
    }

    @Override
    public long nextLong() {
        throw new UnsupportedOperationException("only nextDouble() is fixed");
    }
}
