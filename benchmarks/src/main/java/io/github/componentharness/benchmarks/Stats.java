package io.github.componentharness.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Minimum, median and maximum of repeated measurements, in one unit. */
record Stats(double min, double median, double max, int n) {

    static Stats of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no measurements");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int size = sorted.size();
        double median = size % 2 == 1 ? sorted.get(size / 2) : (sorted.get(size / 2 - 1) + sorted.get(size / 2)) / 2;
        return new Stats(sorted.get(0), median, sorted.get(size - 1), size);
    }

    Stats times(double factor) {
        return new Stats(min * factor, median * factor, max * factor, n);
    }

    /** The same measurements through a monotonic {@code f} (a decreasing one swaps minimum and maximum). */
    Stats map(java.util.function.DoubleUnaryOperator f) {
        double a = f.applyAsDouble(min);
        double b = f.applyAsDouble(max);
        return new Stats(Math.min(a, b), f.applyAsDouble(median), Math.max(a, b), n);
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("min", round(min));
        m.put("median", round(median));
        m.put("max", round(max));
        m.put("n", n);
        return m;
    }

    static double round(double v) {
        return v >= 100 ? Math.round(v) : Math.round(v * 1000) / 1000.0;
    }

    String format() {
        return fmt(median) + " (" + fmt(min) + "–" + fmt(max) + ")";
    }

    static String fmt(double v) {
        if (v >= 1000) {
            return String.format("%,.0f", v);
        }
        if (v >= 10) {
            return String.format("%.1f", v);
        }
        return String.format("%.2f", v);
    }
}
