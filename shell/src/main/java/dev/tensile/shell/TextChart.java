package dev.tensile.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small line chart in characters, for {@code :plot} in a terminal: one mark per series, y axis labelled. */
final class TextChart {
    private static final char[] MARKS = {'*', 'o', '+', 'x'};

    private TextChart() {
    }

    /** Draws each series (NaN values skipped) over x = 1..n, in a width x height grid plus axes and a legend. */
    static String draw(Map<String, double[]> series, int width, int height) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int n = 0;
        Map<String, double[]> shown = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            boolean any = false;
            for (double v : e.getValue()) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                    any = true;
                }
            }
            if (any) {
                shown.put(e.getKey(), e.getValue());
                n = Math.max(n, e.getValue().length);
            }
        }
        if (shown.isEmpty()) {
            return "nothing to plot yet";
        }
        if (hi == lo) {
            hi = lo + 1;
        }
        char[][] grid = new char[height][width];
        for (char[] row : grid) {
            java.util.Arrays.fill(row, ' ');
        }
        int s = 0;
        List<String> legend = new ArrayList<>();
        for (Map.Entry<String, double[]> e : shown.entrySet()) {
            char mark = MARKS[s++ % MARKS.length];
            legend.add(mark + " " + e.getKey());
            double[] v = e.getValue();
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) {
                    continue;
                }
                int col = n == 1 ? 0 : (int) Math.round((double) i / (n - 1) * (width - 1));
                int row = (int) Math.round((hi - v[i]) / (hi - lo) * (height - 1));
                grid[row][col] = mark;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < height; r++) {
            String label = r == 0 ? fmt(hi) : r == height - 1 ? fmt(lo) : "";
            sb.append(String.format("%10s |", label)).append(grid[r]).append(System.lineSeparator());
        }
        sb.append(String.format("%10s +", "")).append("-".repeat(width)).append(System.lineSeparator());
        sb.append(String.format("%10s  %-" + Math.max(1, width - 8) + "s%s", "", "epoch 1", "epoch " + n))
                .append(System.lineSeparator());
        sb.append(String.format("%10s  %s", "", String.join("   ", legend)));
        return sb.toString();
    }

    private static String fmt(double v) {
        return String.format("%.4g", v);
    }
}
