package dev.clawscope.bench;

import com.google.gson.JsonArray;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

/** Medians and ranges as the report prints them. */
final class Stats {

    private Stats() {
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static double median(Collection<? extends Number> values) {
        return median(values.stream().mapToDouble(Number::doubleValue).toArray());
    }

    /** The {@code q} quantile by nearest rank, e.g. {@code 0.95} for the 95th percentile. */
    static double percentile(double[] values, double q) {
        double[] v = values.clone();
        Arrays.sort(v);
        int rank = (int) Math.ceil(q * v.length);
        return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
    }

    /** {@code median (min–max)}, whole numbers without a unit, one decimal with one. */
    static String cell(double[] values, String unit) {
        return cell(values, unit, unit.isEmpty() ? 0 : 1);
    }

    static String cell(double[] values, String unit, int decimals) {
        if (values.length == 0) {
            return "–";
        }
        double[] v = values.clone();
        Arrays.sort(v);
        String f = "%." + decimals + "f";
        if (v.length == 1) {
            return String.format(Locale.ROOT, f + unit, v[0]);
        }
        return String.format(Locale.ROOT, f + unit + " (" + f + "–" + f + ")", median(v), v[0], v[v.length - 1]);
    }

    static double[] seconds(Collection<Long> millis) {
        return millis.stream().mapToDouble(ms -> ms / 1000.0).toArray();
    }

    static JsonArray json(Collection<? extends Number> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }

    static JsonArray json(double[] values) {
        JsonArray a = new JsonArray();
        for (double v : values) {
            a.add(v);
        }
        return a;
    }

    /** {@code a / b} to one decimal with an ×, or a dash when it means nothing. */
    static String ratio(double a, double b) {
        if (!(b > 0) || !Double.isFinite(a)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.1f×", a / b);
    }
}
