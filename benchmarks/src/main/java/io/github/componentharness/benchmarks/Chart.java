package io.github.componentharness.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Performance page's chart, drawn from the results: one bar per figure, how many times better
 * than its baseline (log scale), with the target marked where the target is a ratio; and time to
 * ready and peak memory against the number of components, threads vs processes.
 */
final class Chart {

    private static final int WIDTH = 900;
    private static final int LABEL = 330;
    private static final int ROW = 26;
    private static final double MIN_LOG = -1;
    private static final double MAX_LOG = 4;

    private Chart() {
    }

    static String svg(List<Figure> figures, Map<String, Map<Integer, Stats>> scaling, String caption) {
        StringBuilder out = new StringBuilder();
        int ratioHeight = 60 + figures.size() * ROW;
        int scalingTop = ratioHeight + 30;
        int height = scalingTop + 260;
        out.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height));
        out.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(out, 10, 20, "Times better than the baseline measured in the same run (log scale; | marks the target; green met, red not met, grey no target)", "bold");
        int plot = WIDTH - LABEL - 20;
        for (int tick = (int) MIN_LOG; tick <= MAX_LOG; tick++) {
            double x = xOf(Math.pow(10, tick), plot);
            out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"34\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>%n", x, x,
                    ratioHeight - 10, tick == 0 ? "#888" : "#ddd"));
            text(out, x - 8, 32, tick < 0 ? "0.1x" : (int) Math.pow(10, tick) + "x", null);
        }
        for (int i = 0; i < figures.size(); i++) {
            Figure f = figures.get(i);
            int y = 44 + i * ROW;
            text(out, 10, y + 13, f.label(), null);
            double ratio = f.ratio();
            double one = xOf(1, plot);
            double end = xOf(ratio, plot);
            String colour = f.target().equals("none") ? "#6b7b8c" : f.met() ? "#3a7d44" : "#c0392b";
            out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"%s\"/>%n",
                    Math.min(one, end), y + 2, Math.max(1, Math.abs(end - one)), colour));
            text(out, Math.max(one, end) + 4, y + 14, String.format(Locale.ROOT, "%.2fx", ratio), null);
            if (!Double.isNaN(f.minRatio())) {
                double tx = xOf(f.minRatio(), plot);
                out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\" "
                        + "stroke-width=\"2\"/>%n", tx, y, tx, y + 20));
            }
        }
        scalingPanel(out, scaling, scalingTop);
        text(out, 10, height - 8, caption, null);
        out.append("</svg>\n");
        return out.toString();
    }

    private static double xOf(double ratio, int plot) {
        double log = Math.max(MIN_LOG, Math.min(MAX_LOG, Math.log10(ratio)));
        return LABEL + plot * (log - MIN_LOG) / (MAX_LOG - MIN_LOG);
    }

    /** Two small plots: time to ready and peak RSS for 1, 10, 30 components, log scale. */
    private static void scalingPanel(StringBuilder out, Map<String, Map<Integer, Stats>> scaling, int top) {
        String[][] panels = {{"ready_threads_ms", "ready_processes_ms", "Time to ready (ms)"},
            {"rss_threads_mib", "rss_processes_mib", "Peak memory of all JVMs (MiB)"}};
        for (int p = 0; p < panels.length; p++) {
            Map<Integer, Stats> threads = scaling.get(panels[p][0]);
            Map<Integer, Stats> processes = scaling.get(panels[p][1]);
            if (threads == null || processes == null) {
                continue;
            }
            int left = 60 + p * 420;
            int width = 340;
            int height = 180;
            int bottom = top + 20 + height;
            text(out, left - 40, top + 10, panels[p][2] + ": threads (green), processes (grey)", "bold");
            double max = processes.values().stream().mapToDouble(Stats::median).max().orElse(1);
            double min = threads.values().stream().mapToDouble(Stats::median).min().orElse(1);
            double lo = Math.floor(Math.log10(Math.max(min, 1)));
            double hi = Math.ceil(Math.log10(max));
            for (double d = lo; d <= hi; d++) {
                double y = bottom - height * (d - lo) / Math.max(1, hi - lo);
                out.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                        left, y, left + width, y));
                text(out, left - 45, y + 4, String.format(Locale.ROOT, "%,d", (long) Math.pow(10, d)), null);
            }
            int group = 0;
            for (Integer n : threads.keySet()) {
                int x = left + 20 + group * (width / threads.size());
                bar(out, x, bottom, height, lo, hi, threads.get(n).median(), "#3a7d44");
                bar(out, x + 34, bottom, height, lo, hi, processes.get(n).median(), "#6b7b8c");
                text(out, x + 8, bottom + 16, n + (n == 1 ? " component" : " components"), null);
                group++;
            }
        }
    }

    private static void bar(StringBuilder out, int x, int bottom, int height, double lo, double hi, double value, String colour) {
        double h = height * (Math.log10(Math.max(value, 1)) - lo) / Math.max(1, hi - lo);
        out.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"30\" height=\"%.1f\" fill=\"%s\"/>%n", x,
                bottom - h, Math.max(h, 1), colour));
        text(out, x, bottom - h - 3, Stats.fmt(value), null);
    }

    private static void text(StringBuilder out, double x, double y, String s, String weight) {
        out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\"%s>%s</text>%n", x, y,
                weight == null ? "" : " font-weight=\"" + weight + "\"",
                s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")));
    }
}
