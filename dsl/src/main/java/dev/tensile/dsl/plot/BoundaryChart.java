package dev.tensile.dsl.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

/**
 * The decision regions of a classifier with two input features: a grid over the data's range, each cell coloured by
 * the predicted class, with the examples drawn on top in a darker shade of their true class. Predictions go through
 * Tribuo's {@code Model.predict}, so whatever the model does to its inputs (scaling) is applied.
 */
public final class BoundaryChart {
    private static final int GRID = 120;

    private BoundaryChart() {
    }

    public static XYChart of(String title, Model<Label> model, Dataset<Label> points, int width, int height) {
        ImmutableFeatureMap features = model.getFeatureIDMap();
        if (features.size() != 2) {
            throw new IllegalArgumentException("a decision boundary needs a model with 2 input features, this one has "
                    + features.size());
        }
        String[] names = {features.get(0).getName(), features.get(1).getName()};
        ImmutableOutputInfo<Label> labels = model.getOutputIDInfo();
        List<double[]> xy = new ArrayList<>();
        List<Integer> cls = new ArrayList<>();
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE};
        for (Example<Label> ex : points) {
            double[] p = new double[2];
            for (Feature f : ex) {
                int at = f.getName().equals(names[0]) ? 0 : f.getName().equals(names[1]) ? 1 : -1;
                if (at >= 0) {
                    p[at] = f.getValue();
                }
            }
            for (int d = 0; d < 2; d++) {
                lo[d] = Math.min(lo[d], p[d]);
                hi[d] = Math.max(hi[d], p[d]);
            }
            xy.add(p);
            cls.add(labels.getID(ex.getOutput()));
        }
        if (xy.isEmpty()) {
            throw new IllegalArgumentException("no examples to draw the boundary around");
        }
        for (int d = 0; d < 2; d++) {
            double margin = Math.max(1e-9, (hi[d] - lo[d]) * 0.08);
            lo[d] -= margin;
            hi[d] += margin;
        }
        XYChart chart = Charts.base(title, names[0], names[1], width, height);
        chart.getStyler().setPlotContentSize(1.0);
        chart.getStyler().setXAxisMin(lo[0]).setXAxisMax(hi[0]).setYAxisMin(lo[1]).setYAxisMax(hi[1]);
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setXAxisDecimalPattern(Ticks.pattern(lo[0], hi[0])).setYAxisDecimalPattern(Ticks.pattern(lo[1], hi[1]));
        // below the plot: a legend inside it covers points wherever it goes, and every corner of the data can hold some
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        int classes = labels.size();
        List<List<Double>> gx = lists(classes);
        List<List<Double>> gy = lists(classes);
        List<Example<Label>> grid = new ArrayList<>(GRID * GRID);
        double dx = (hi[0] - lo[0]) / GRID;
        double dy = (hi[1] - lo[1]) / GRID;
        for (int i = 0; i < GRID; i++) {
            for (int j = 0; j < GRID; j++) {
                grid.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names,
                        new double[] {lo[0] + (i + 0.5) * dx, lo[1] + (j + 0.5) * dy}));
            }
        }
        List<Prediction<Label>> predicted = model.predict(grid);
        for (int k = 0; k < predicted.size(); k++) {
            int c = labels.getID(predicted.get(k).getOutput());
            gx.get(c).add(lo[0] + (k / GRID + 0.5) * dx);
            gy.get(c).add(lo[1] + (k % GRID + 0.5) * dy);
        }
        // XChart's plot area is the chart minus axes, titles and padding; cells a little larger leave no gaps
        Cell cell = new Cell(Math.ceil((width - 60) / (double) GRID) + 1, Math.ceil((height - 75) / (double) GRID) + 1);
        for (int c = 0; c < classes; c++) {
            if (!gx.get(c).isEmpty()) {
                XYSeries s = chart.addSeries("region " + labels.getOutput(c).getLabel(), gx.get(c), gy.get(c));
                s.setMarker(cell).setMarkerColor(blend(Charts.PALETTE[c % Charts.PALETTE.length], 0.25));
                s.setShowInLegend(false);
            }
        }
        List<List<Double>> px = lists(classes);
        List<List<Double>> py = lists(classes);
        for (int k = 0; k < xy.size(); k++) {
            px.get(cls.get(k)).add(xy.get(k)[0]);
            py.get(cls.get(k)).add(xy.get(k)[1]);
        }
        for (int c = 0; c < classes; c++) {
            if (!px.get(c).isEmpty()) {
                XYSeries s = chart.addSeries(labels.getOutput(c).getLabel(), px.get(c), py.get(c));
                s.setMarker(new Dot()).setMarkerColor(Charts.PALETTE[c % Charts.PALETTE.length].darker());
            }
        }
        for (XYSeries s : chart.getSeriesMap().values()) {
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        }
        return chart;
    }

    private static List<List<Double>> lists(int n) {
        List<List<Double>> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(new ArrayList<>());
        }
        return l;
    }

    /** {@code c} mixed with white: {@code amount} of the colour, the rest white. */
    private static Color blend(Color c, double amount) {
        return new Color((int) Math.round(255 - (255 - c.getRed()) * amount),
                (int) Math.round(255 - (255 - c.getGreen()) * amount), (int) Math.round(255 - (255 - c.getBlue()) * amount));
    }

    /** A filled rectangle of a fixed size in pixels: one grid cell. */
    private static final class Cell extends Marker {
        private final double w;
        private final double h;

        Cell(double w, double h) {
            this.w = w;
            this.h = h;
        }

        @Override
        public void paint(Graphics2D g, double x, double y, int size) {
            g.fill(new Rectangle2D.Double(x - w / 2, y - h / 2, w, h));
        }
    }

    /** A filled circle with a thin white rim, so points stay visible on a region of their own colour. */
    private static final class Dot extends Marker {
        @Override
        public void paint(Graphics2D g, double x, double y, int size) {
            Ellipse2D.Double e = new Ellipse2D.Double(x - size / 2.0, y - size / 2.0, size, size);
            g.fill(e);
            Color c = g.getColor();
            g.setColor(Color.WHITE);
            g.draw(e);
            g.setColor(c);
        }
    }
}
