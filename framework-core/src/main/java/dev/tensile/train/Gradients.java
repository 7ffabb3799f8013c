package dev.tensile.train;

import java.util.List;

import dev.tensile.kernel.VectorOps;
import dev.tensile.nn.Parameter;

/** Gradient clipping and the global gradient norm, without overflow and without allocation. */
public final class Gradients {
    private Gradients() {
    }

    /**
     * Σ g² over one array: on the vector kernel (the common case, every step; float within blocks, see {@link
     * VectorOps#sumOfSquares}), and again in double when that overflows or meets a NaN, so the result is NaN or inf
     * only if an element is.
     */
    public static double sumOfSquares(float[] g) {
        double fast = VectorOps.sumOfSquares(g, g.length);
        if (Double.isFinite(fast)) {
            return fast;
        }
        double s0 = 0;
        double s1 = 0;
        int i = 0;
        for (; i + 1 < g.length; i += 2) {
            s0 += (double) g[i] * g[i];
            s1 += (double) g[i + 1] * g[i + 1];
        }
        if (i < g.length) {
            s0 += (double) g[i] * g[i];
        }
        return s0 + s1;
    }

    public static void clipByValue(List<Parameter> params, float limit) {
        for (Parameter p : params) {
            float[] g = p.grad().data();
            for (int i = 0; i < g.length; i++) {
                g[i] = Math.max(-limit, Math.min(limit, g[i]));
            }
        }
    }

    public static void scale(List<Parameter> params, float factor) {
        for (Parameter p : params) {
            VectorOps.scale(p.grad().data(), p.grad().size(), factor);
        }
    }

    /** Mean and standard deviation of a matrix's values. */
    static double[] meanAndStd(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x;
        }
        double mean = sum / Math.max(1, v.length);
        double ss = 0;
        for (float x : v) {
            double d = x - mean;
            ss += d * d;
        }
        return new double[] {mean, Math.sqrt(ss / Math.max(1, v.length))};
    }
}
