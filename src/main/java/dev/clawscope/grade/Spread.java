package dev.clawscope.grade;

import java.util.List;

/**
 * How spread out a set of times is: the interquartile range (quartiles interpolated linearly
 * between the sorted values, as spreadsheets and R's default do) and the range, max minus min.
 */
record Spread(double iqr, double range) {

    static Spread of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Spread(quantile(sorted, 0.75) - quantile(sorted, 0.25), sorted[sorted.length - 1] - sorted[0]);
    }

    /** The {@code p} quantile of sorted values, linear between neighbours (Hyndman and Fan's type 7). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
