package dev.tensile.spark.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import dev.tensile.dsl.plot.PngFiles;

/**
 * A throughput model of B2a on Spark, fitted to the local[2] measurements (benchmarks/README.md), predicting more
 * executors on a 10 Gbit/s network. One round of P executors takes
 * <pre>
 *   K·B·c                          compute: K local steps of B samples at c seconds per sample (one core)
 * + o + τ·P                        Spark's fixed cost per round (job, tasks, serialization) and per task
 * + V/bw · ceil(log2(P + 1))       broadcast of the V-byte state (torrent: every holder serves a copy)
 * + V/bw · Σ(fan-in of each level) treeReduce: each level's receiver takes one V-byte result per child
 * </pre>
 * and yields P·K·B samples. In synchronous mode a round is one global batch of B rows split over P executors (B/P
 * each) and V is the parameters alone. {@code c}, {@code o} and the measured points come from the benchmark;
 * τ and the network are assumptions, printed beside the figures.
 */
public final class ScalingModel {
    /** B2a's parameters: 784·256 + 256 + 256·256 + 256 + 256·10 + 10. */
    static final long PARAMETERS = 269_322;
    static final int BATCH = 128;

    private final double secondsPerSample;
    private final double roundOverhead;
    private final double perTask;
    private final double bytesPerSecond;

    ScalingModel(double secondsPerSample, double roundOverhead, double perTask, double bytesPerSecond) {
        this.secondsPerSample = secondsPerSample;
        this.roundOverhead = roundOverhead;
        this.perTask = perTask;
        this.bytesPerSecond = bytesPerSecond;
    }

    /** Levels of treeReduce with a fan-in of 8 (as DriverLoop chooses the depth), each level's largest fan-in. */
    static double reduceVectors(int p) {
        double sum = 0;
        int left = p;
        while (left > 1) {
            int fan = Math.min(8, left);
            sum += fan;
            left = (left + 7) / 8;
        }
        return Math.max(sum, 1);
    }

    double communication(int p, double bytes) {
        double perVector = bytes / bytesPerSecond;
        return perVector * Math.ceil(Math.log(p + 1) / Math.log(2)) + perVector * reduceVectors(p);
    }

    /** Samples per second of parameter averaging every {@code k} steps (Adam: weights and two moments travel). */
    double averaging(int p, int k) {
        double bytes = PARAMETERS * 3 * 4.0;
        double round = k * BATCH * secondsPerSample + roundOverhead + perTask * p + communication(p, bytes);
        return p * (double) k * BATCH / round;
    }

    /** Samples per second of synchronous SGD with a global batch of {@link #BATCH}. */
    double synchronous(int p) {
        double bytes = PARAMETERS * 4.0;
        double round = Math.ceil((double) BATCH / p) * secondsPerSample + roundOverhead + perTask * p
                + communication(p, bytes);
        return BATCH / round;
    }

    /**
     * {@code ScalingModel OUT.png c_us o_ms [measured: K=samples/s ...]}: prints the table for 1 to 64 executors and
     * draws it.
     */
    public static void main(String[] args) {
        Path out = Path.of(args[0]);
        double c = Double.parseDouble(args[1]) * 1e-6;
        double o = Double.parseDouble(args[2]) * 1e-3;
        ScalingModel m = new ScalingModel(c, o, 2e-3, 10e9 / 8);
        int[] ps = {1, 2, 4, 8, 16, 32, 64};
        int[] ks = {1, 8, 32};
        System.out.printf(Locale.ROOT, "model: c = %.1f us/sample, o = %.0f ms/round, tau = 2 ms/task (assumed), "
                + "10 Gbit/s, V = %.2f MB (averaging) / %.2f MB (sync)%n", c * 1e6, o * 1e3, PARAMETERS * 12 / 1e6,
                PARAMETERS * 4 / 1e6);
        System.out.printf("%-10s", "executors");
        for (int k : ks) {
            System.out.printf("%12s", "K=" + k);
        }
        System.out.printf("%12s%12s%n", "sync", "ideal");
        double[] x = new double[ps.length];
        double[][] y = new double[ks.length + 2][ps.length];
        for (int i = 0; i < ps.length; i++) {
            int p = ps[i];
            x[i] = p;
            System.out.printf("%-10d", p);
            for (int j = 0; j < ks.length; j++) {
                y[j][i] = m.averaging(p, ks[j]);
                System.out.printf(Locale.ROOT, "%12.0f", y[j][i]);
            }
            y[ks.length][i] = m.synchronous(p);
            y[ks.length + 1][i] = p / c;
            System.out.printf(Locale.ROOT, "%12.0f%12.0f%n", y[ks.length][i], y[ks.length + 1][i]);
        }
        XYChart chart = new XYChartBuilder().width(960).height(480)
                .title("B2a on Spark: predicted samples/s (10 Gbit/s), points measured on local[2]")
                .xAxisTitle("executors (1 core each)").yAxisTitle("samples/s").build();
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true).setLegendPosition(
                org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        for (int j = 0; j < ks.length; j++) {
            chart.addSeries("averaging, K = " + ks[j], x, y[j]).setMarker(SeriesMarkers.NONE);
        }
        chart.addSeries("synchronous SGD", x, y[ks.length]).setMarker(SeriesMarkers.NONE);
        XYSeries ideal = chart.addSeries("no communication (P / c)", x, y[ks.length + 1]);
        ideal.setMarker(SeriesMarkers.NONE);
        ideal.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
        for (int a = 3; a < args.length; a++) {
            int eq = args[a].lastIndexOf('=');
            XYSeries point = chart.addSeries("measured on local[2]: " + args[a].substring(0, eq), new double[] {2},
                    new double[] {Double.parseDouble(args[a].substring(eq + 1))});
            point.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        }
        PngFiles.headless();
        PngFiles.write(List.of(chart), 1, out);
        System.out.println("wrote " + out);
    }
}
