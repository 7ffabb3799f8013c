package dev.tensile.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.tensile.nn.Network;
import dev.tensile.nn.Stage;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

/**
 * One forward pass in inference mode, with statistics of every layer's output: how activations grow or shrink with
 * depth before any training (the background text's 100-layer experiments). A "layer" here is a layer with weights
 * together with the activation and the weightless layers (dropout, pooling) that follow it, numbered from 1 like the
 * text's loop; its statistics are those of the last of them, i.e. of what the next weighted layer receives.
 *
 * <p>Statistics are accumulated in double from the float32 values, so they stay finite for any finite activations
 * (a float32 norm overflows once an element passes about 1.8e19, long before the elements themselves do).
 * Layers whose outputs hold an infinity or a NaN are reported, not thrown: where that first happens is the point.
 */
public final class ForwardProbe {
    private ForwardProbe() {
    }

    /**
     * One layer's output after the probe's forward pass.
     *
     * @param index    1-based number of the weighted layer
     * @param layer    e.g. {@code layer 3 (dense 256) + tanh}
     * @param mean     mean of the finite outputs (NaN if none is finite)
     * @param std      population standard deviation of the finite outputs (NaN if none is finite)
     * @param maxAbs   largest absolute finite output
     * @param infinite how many outputs are +-infinity
     * @param nan      how many outputs are NaN
     */
    public record LayerReport(int index, String layer, double mean, double std, double maxAbs, long infinite, long nan) {
        /** True when every output of the layer is a finite float. */
        public boolean finite() {
            return infinite == 0 && nan == 0;
        }
    }

    /** The whole pass: one report per weighted layer, and where non-finite values first appeared (0: never). */
    public record Result(List<LayerReport> layers, int firstInfinite, int firstNaN) {
        public Result {
            layers = Collections.unmodifiableList(new ArrayList<>(layers));
        }

        /** The report of weighted layer {@code index} (1-based). */
        public LayerReport layer(int index) {
            if (index < 1 || index > layers.size()) {
                throw new IllegalArgumentException("layer " + index + " out of 1.." + layers.size());
            }
            return layers.get(index - 1);
        }

        /** How many weighted layers the pass went through. */
        public int depth() {
            return layers.size();
        }

        /** A one-line summary (the shell prints results): depth, last std, where values stopped being finite. */
        @Override
        public String toString() {
            LayerReport last = layers.get(layers.size() - 1);
            return "ForwardProbe.Result[" + layers.size() + " layers, last std " + String.format("%.4g", last.std())
                    + (firstInfinite > 0 ? ", first infinite at layer " + firstInfinite : "")
                    + (firstNaN > 0 ? ", first NaN at layer " + firstNaN : "") + "]";
        }

        /** The first layer with a non-finite output, infinite or NaN (0: every layer stayed finite). */
        public int firstNonFinite() {
            if (firstInfinite == 0 || firstNaN == 0) {
                return Math.max(firstInfinite, firstNaN);
            }
            return Math.min(firstInfinite, firstNaN);
        }
    }

    /** {@code rows} x {@code cols} values drawn from the standard normal distribution with {@code seed}. */
    public static Matrix standardNormal(int rows, int cols, long seed) {
        Rng rng = new Rng(seed);
        Matrix m = new Matrix(rows, cols);
        float[] d = m.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) rng.gaussian();
        }
        return m;
    }

    /** Runs {@code input} (batch x inputs) through {@code net} in inference mode and reports every weighted layer. */
    public static Result run(Network net, Matrix input) {
        net.forward(input, false);
        List<Stage> layers = net.stages();
        List<LayerReport> reports = new ArrayList<>();
        int firstInf = 0;
        int firstNaN = 0;
        int i = 0;
        while (i < layers.size()) {
            StringBuilder label = new StringBuilder(layers.get(i).label());
            i++;
            while (i < layers.size() && !layers.get(i).ownRow()) {
                label.append(" + ").append(layers.get(i).describe());
                i++;
            }
            LayerReport r = stats(reports.size() + 1, label.toString(), net.layerOutput(i - 1).data());
            if (r.infinite() > 0 && firstInf == 0) {
                firstInf = r.index();
            }
            if (r.nan() > 0 && firstNaN == 0) {
                firstNaN = r.index();
            }
            reports.add(r);
        }
        return new Result(reports, firstInf, firstNaN);
    }

    static LayerReport stats(int index, String label, float[] v) {
        long inf = 0;
        long nan = 0;
        long n = 0;
        double sum = 0;
        double maxAbs = 0;
        for (float x : v) {
            if (Float.isNaN(x)) {
                nan++;
            } else if (Float.isInfinite(x)) {
                inf++;
            } else {
                n++;
                sum += x;
                maxAbs = Math.max(maxAbs, Math.abs((double) x));
            }
        }
        double mean = n == 0 ? Double.NaN : sum / n;
        double ss = 0;
        for (float x : v) {
            if (Float.isFinite(x)) {
                double d = x - mean;
                ss += d * d;
            }
        }
        double std = n == 0 ? Double.NaN : Math.sqrt(ss / n);
        return new LayerReport(index, label, mean, std, maxAbs, inf, nan);
    }
}
