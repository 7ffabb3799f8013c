package dev.tensile.plugins.regularizers;

import java.util.List;

import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.spi.Regularizer;
import dev.tensile.tensor.Matrix;

/**
 * L1 weight penalty λ/m·Σ|w| over every weight matrix (biases excluded), m the batch size: the background text's
 * λΣ|w| with the same 1/m as {@link L2}, so that one λ means the same strength for both. Its gradient λ/m·sign(w)
 * pulls every weight toward zero by a constant amount, which drives small weights to exactly zero (sparsity);
 * at w = 0 the subgradient 0 is used. Parameter: {@code lambda} (default 1e-4, at least 0).
 */
public final class L1 implements Regularizer {

    @Override
    public String name() {
        return "l1";
    }

    @Override
    public String description() {
        return "penalises the size of weights: lambda/m * sum(|w|), biases excluded; favours sparse weights";
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.real("lambda", 1e-4, 0, Double.MAX_VALUE, "penalty strength"));
    }

    @Override
    public Term create(Params params) {
        double lambda = params.real("lambda");
        return new WeightPenalty() {
            @Override
            public double penalty(Matrix w, int m) {
                return lambda / m * sumAbs(w);
            }

            @Override
            public void addGradient(Matrix w, Matrix grad, int m) {
                float k = (float) (lambda / m);
                float[] ws = w.data();
                float[] gs = grad.data();
                for (int i = 0; i < ws.length; i++) {
                    gs[i] += k * Math.signum(ws[i]);
                }
            }
        };
    }

    static double sumAbs(Matrix w) {
        double sum = 0;
        for (float v : w.data()) {
            sum += Math.abs(v);
        }
        return sum;
    }
}
