package dev.clawscope.grade;

import java.util.List;

/**
 * Whether the gaps between reconnect attempts grow: the mean of the last third of the gaps is at
 * least {@link #FACTOR} times the mean of the first third (a third is at least one gap). Chosen so
 * that full jitter (a uniform delay under a doubling bound) passes in more than 99 % of 90 s windows
 * and paced jitter (Clawscope's default: paced for 30 s, then growing) in all of 20 000 simulated, while
 * a fixed interval, with or without a little jitter, never does. One gap or none counts as growing:
 * a client that tried once in the window, or not at all, did not storm.
 */
record Growth(int gaps, double earlyMeanMs, double lateMeanMs) {

    static final double FACTOR = 2.0;

    static Growth of(List<Double> gaps) {
        if (gaps.size() < 2) {
            return new Growth(gaps.size(), Double.NaN, Double.NaN);
        }
        int third = Math.max(1, gaps.size() / 3);
        double early = gaps.subList(0, third).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double late = gaps.subList(gaps.size() - third, gaps.size()).stream().mapToDouble(Double::doubleValue)
                .average().orElseThrow();
        return new Growth(gaps.size(), early, late);
    }

    boolean grows() {
        return gaps < 2 || lateMeanMs >= FACTOR * earlyMeanMs;
    }

    /** E.g. {@code ; gaps grow from 0.9 s to 14.2 s (mean of the first and last third)}. */
    String describe() {
        if (gaps < 2) {
            return "";
        }
        return "; gaps " + (grows() ? "grow" : "do not grow") + " from " + Threshold.time(earlyMeanMs) + " to "
                + Threshold.time(lateMeanMs) + " (mean of the first and last third)";
    }
}
