package dev.tensile.plugins.initializers;

import java.util.List;

import dev.tensile.spi.Initializer;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

/**
 * Orthogonal (Saxe et al. 2014): a Gaussian matrix orthonormalised by modified Gram-Schmidt (run twice, in double
 * precision), times {@code gain} (default 1, at least 0). For a fan_in x fan_out matrix W the shorter side's vectors
 * come out orthonormal: WᵀW = gain²·I when fan_in ≥ fan_out (columns, one per unit), WWᵀ = gain²·I otherwise.
 * Gram-Schmidt gives the QR factor whose R has a positive diagonal, so the result is uniformly (Haar) distributed.
 * Every singular value equals gain, so a deep linear stack neither grows nor shrinks signals.
 */
public final class Orthogonal implements Initializer {

    @Override
    public String name() {
        return "orthogonal";
    }

    @Override
    public String description() {
        return "random orthogonal weights times 'gain': all singular values equal gain";
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.real("gain", 1, 0, Double.MAX_VALUE, "scale of the orthogonal matrix"));
    }

    @Override
    public WeightInit create(Params params) {
        double gain = params.real("gain");
        return (w, in, out, rng) -> fill(w, gain, rng);
    }

    static void fill(Matrix w, double gain, Rng rng) {
        int rows = w.rows();
        int cols = w.cols();
        boolean byColumn = rows >= cols;
        int k = Math.min(rows, cols);
        int n = Math.max(rows, cols);
        double[][] v = new double[k][n];
        for (int j = 0; j < k; j++) {
            do {
                for (int i = 0; i < n; i++) {
                    v[j][i] = rng.gaussian();
                }
            } while (!orthonormalise(v, j));
        }
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < n; i++) {
                if (byColumn) {
                    w.set(i, j, (float) (gain * v[j][i]));
                } else {
                    w.set(j, i, (float) (gain * v[j][i]));
                }
            }
        }
    }

    /** Makes v[j] orthogonal to v[0..j) and of unit length; false if it was (numerically) in their span. */
    private static boolean orthonormalise(double[][] v, int j) {
        double original = norm(v[j]);
        for (int pass = 0; pass < 2; pass++) {
            for (int p = 0; p < j; p++) {
                double dot = 0;
                for (int i = 0; i < v[j].length; i++) {
                    dot += v[j][i] * v[p][i];
                }
                for (int i = 0; i < v[j].length; i++) {
                    v[j][i] -= dot * v[p][i];
                }
            }
        }
        double norm = norm(v[j]);
        if (!(norm > 1e-6 * original)) {
            return false;
        }
        for (int i = 0; i < v[j].length; i++) {
            v[j][i] /= norm;
        }
        return true;
    }

    private static double norm(double[] x) {
        double s = 0;
        for (double e : x) {
            s += e * e;
        }
        return Math.sqrt(s);
    }
}
