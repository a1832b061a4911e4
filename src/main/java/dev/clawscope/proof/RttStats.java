package dev.clawscope.proof;

import java.util.Arrays;
import java.util.Collection;

/**
 * Round-trip times in milliseconds; percentiles by the nearest-rank method (the p-th percentile
 * is the smallest sample with at least p % of the samples at or below it). All zero when empty.
 */
public record RttStats(int count, double p50, double p95, double max) {

    public static final RttStats EMPTY = new RttStats(0, 0, 0, 0);

    public static RttStats of(Collection<Double> samples) {
        if (samples.isEmpty()) {
            return EMPTY;
        }
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return new RttStats(sorted.length, nearestRank(sorted, 50), nearestRank(sorted, 95),
                sorted[sorted.length - 1]);
    }

    private static double nearestRank(double[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    public boolean isEmpty() {
        return count == 0;
    }
}
