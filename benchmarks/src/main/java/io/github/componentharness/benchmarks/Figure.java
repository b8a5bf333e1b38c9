package io.github.componentharness.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One published figure: what we measured, its baseline measured in the same run, and their
 * ratio as "times better than the baseline" (baseline over ours for times and memory, ours over
 * baseline for rates), so above 1 is always better.
 *
 * @param label a short name, for the chart
 * @param minRatio the ratio the target asks for, or NaN
 * @param maxValue the most the target allows for our median, in {@code unit}, or NaN
 */
record Figure(String key, String label, String title, String unit, Stats ours, String baselineName, Stats baseline, boolean higherIsBetter,
        double minRatio, double maxValue, String target) {

    double ratio() {
        return higherIsBetter ? ours.median() / baseline.median() : baseline.median() / ours.median();
    }

    boolean met() {
        return (Double.isNaN(minRatio) || ratio() >= minRatio) && (Double.isNaN(maxValue) || ours.median() <= maxValue);
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", title);
        m.put("unit", unit);
        m.put("value", ours.toJson());
        m.put("baseline", baselineName);
        m.put("baselineValue", baseline.toJson());
        m.put("timesBetter", Stats.round(ratio()));
        m.put("target", target);
        m.put("met", met());
        return m;
    }
}
