package dev.tensile.dsl.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import dev.tensile.spi.EpochLog;
import dev.tensile.train.ForwardProbe;
import dev.tensile.train.History;

/** Line charts: loss curves of a training run, and the activation spread per layer of forward probes. */
public final class Charts {
    /** A palette that stays readable when printed in grey: blue, orange, green, red, purple, brown. */
    static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75)};

    private Charts() {
    }

    /** Training and dev loss per epoch of one run (dev only if the run had a dev set). */
    public static XYChart loss(String title, History history, int width, int height) {
        XYChart chart = base(title, "epoch", "loss", width, height);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        List<Double> epochs = new ArrayList<>();
        List<Double> train = new ArrayList<>();
        List<Double> dev = new ArrayList<>();
        for (EpochLog e : history.epochs()) {
            epochs.add((double) e.epoch());
            train.add(e.trainLoss());
            dev.add(e.devLoss());
        }
        if (epochs.isEmpty()) {
            throw new IllegalArgumentException("'" + title + "' has no epochs to plot");
        }
        countingAxis(chart, epochs.size());
        line(chart, "train", epochs, train, PALETTE[0]);
        boolean withDev = dev.stream().allMatch(Double::isFinite);
        if (withDev) {
            line(chart, "dev", epochs, dev, PALETTE[1]);
        }
        List<Double> shown = new ArrayList<>(train);
        if (withDev) {
            shown.addAll(dev);
        }
        valueAxis(chart, shown);
        return chart;
    }

    /**
     * The standard deviation of every layer's output, one line per probe, as its base-10 logarithm (so 1e36 and
     * 1e-15 share one readable axis). A line ends where its activations stopped being finite (or their spread
     * reached 0), which is the point of the picture.
     */
    public static XYChart activationStd(String title, Map<String, ForwardProbe.Result> probes, int width, int height) {
        XYChart chart = base(title, "layer", "log10 of the std of the layer's output", width, height);
        int k = 0;
        List<Double> shown = new ArrayList<>();
        countingAxis(chart, probes.values().stream().mapToInt(ForwardProbe.Result::depth).max().orElse(1));
        for (Map.Entry<String, ForwardProbe.Result> e : probes.entrySet()) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (ForwardProbe.LayerReport r : e.getValue().layers()) {
                if (!r.finite() || !(r.std() > 0)) {
                    break;
                }
                xs.add((double) r.index());
                ys.add(Math.log10(r.std()));
            }
            if (!xs.isEmpty()) {
                line(chart, e.getKey(), xs, ys, PALETTE[k % PALETTE.length]);
            }
            shown.addAll(ys);
            k++;
        }
        valueAxis(chart, shown);
        return chart;
    }

    static XYChart base(String title, String x, String y, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(x).yAxisTitle(y).build();
        Styler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setLegendBackgroundColor(new Color(255, 255, 255, 200));
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        s.setAntiAlias(true);
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        chart.getStyler().setPlotGridLinesStroke(new BasicStroke(1f));
        chart.getStyler().setMarkerSize(0);
        return chart;
    }

    /**
     * An x axis from 0 to {@code last} for counts (epochs, layers). The half past the end keeps XChart from taking
     * the equally spaced x values as tick positions, which crowds their labels on narrow charts.
     */
    private static void countingAxis(XYChart chart, int last) {
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(last + 0.5);
        chart.getStyler().setXAxisDecimalPattern(Ticks.pattern(0, last + 0.5));
    }

    /** The y axis's tick labels for the finite values drawn on it. */
    private static void valueAxis(XYChart chart, List<Double> values) {
        double lo = values.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).min().orElse(0);
        double hi = values.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).max().orElse(1);
        chart.getStyler().setYAxisDecimalPattern(Ticks.pattern(lo, hi));
    }

    private static void line(XYChart chart, String name, List<Double> xs, List<Double> ys, Color color) {
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(2f));
    }
}
