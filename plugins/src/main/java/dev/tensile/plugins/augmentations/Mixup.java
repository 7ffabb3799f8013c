package dev.tensile.plugins.augmentations;

import java.util.List;

import dev.tensile.spi.Augmentation;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

/**
 * Mixup (Zhang et al. 2018) for any input: each training example becomes λ·(its inputs, its targets) + (1 - λ)·(the
 * inputs and targets of another example of the batch, chosen by a random permutation), with one λ ~ Beta(α, α) per
 * batch as in the paper's code. Targets are mixed with the same λ, so one-hot rows become two-class distributions
 * that still sum to 1; the cross-entropy loss takes such soft targets as they are. Parameter {@code alpha} (default
 * 0.2, at least 0): small α keeps λ near 0 or 1 (mild mixing), α = 1 makes λ uniform; 0 turns mixup off.
 */
public final class Mixup implements Augmentation {

    @Override
    public String name() {
        return "mixup";
    }

    @Override
    public String description() {
        return "blends pairs of training examples and their targets with a Beta(alpha, alpha) weight";
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.real("alpha", 0.2, 0, 1000, "Beta(alpha, alpha) shape of the mixing weight; 0 is off"));
    }

    @Override
    public Augmenter create(Params params) {
        double alpha = params.real("alpha");
        return new Augmenter() {
            private Matrix x0;
            private Matrix y0;
            private int[] perm = new int[0];

            @Override
            public void apply(Matrix inputs, Matrix targets, Rng rng) {
                if (alpha == 0) {
                    return;
                }
                int n = inputs.rows();
                if (x0 == null || x0.rows() != n || x0.cols() != inputs.cols() || y0.cols() != targets.cols()) {
                    x0 = new Matrix(n, inputs.cols());
                    y0 = new Matrix(n, targets.cols());
                    perm = new int[n];
                }
                x0.copyFrom(inputs);
                y0.copyFrom(targets);
                for (int i = 0; i < n; i++) {
                    perm[i] = i;
                }
                rng.shuffle(perm);
                double lambda = sampleLambda(alpha, rng);
                mix(x0, inputs, lambda);
                mix(y0, targets, lambda);
            }

            private void mix(Matrix original, Matrix out, double lambda) {
                int c = out.cols();
                float[] src = original.data();
                float[] dst = out.data();
                for (int r = 0; r < out.rows(); r++) {
                    int a = r * c;
                    int b = perm[r] * c;
                    for (int j = 0; j < c; j++) {
                        dst[a + j] = (float) (lambda * src[a + j] + (1 - lambda) * src[b + j]);
                    }
                }
            }
        };
    }

    /** λ ~ Beta(α, α) as X / (X + Y) for X, Y ~ Gamma(α), in logs so tiny gammas (small α) cannot give 0/0. */
    static double sampleLambda(double alpha, Rng rng) {
        double logX = logGamma(alpha, rng);
        double logY = logGamma(alpha, rng);
        return 1 / (1 + Math.exp(logY - logX));
    }

    /**
     * The log of a Gamma(a, 1) draw: Marsaglia and Tsang's method for a ≥ 1, and for a < 1 their boost
     * Gamma(a) = Gamma(a + 1)·U^(1/a), taken in logs.
     */
    static double logGamma(double a, Rng rng) {
        if (a < 1) {
            double u;
            do {
                u = rng.nextDouble();
            } while (u == 0);
            return logGamma(a + 1, rng) + Math.log(u) / a;
        }
        double d = a - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = rng.gaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = rng.nextDouble();
            if (u > 0 && Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return Math.log(d * v);
            }
        }
    }
}
