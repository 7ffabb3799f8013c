package dev.tensile.plugins.regularizers;

import java.util.List;

import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.spi.Regularizer;
import dev.tensile.tensor.Matrix;

/**
 * L1 and L2 together: λ₁/m·Σ|w| + λ₂/(2m)·Σw² over every weight matrix (biases excluded), m the batch size, with
 * the conventions of {@link L1} and {@link L2}; its gradient is λ₁/m·sign(w) + λ₂/m·w. Sparse like L1, but keeps
 * groups of correlated weights together like L2. Parameters: {@code l1} and {@code l2} (each default 1e-4, at
 * least 0).
 */
public final class ElasticNet implements Regularizer {

    @Override
    public String name() {
        return "elastic-net";
    }

    @Override
    public String description() {
        return "l1 and l2 together: l1/m * sum(|w|) + l2/(2m) * sum(w^2), biases excluded";
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.real("l1", 1e-4, 0, Double.MAX_VALUE, "strength of the L1 part"),
                Param.real("l2", 1e-4, 0, Double.MAX_VALUE, "strength of the L2 part"));
    }

    @Override
    public Term create(Params params) {
        double l1 = params.real("l1");
        double l2 = params.real("l2");
        return new WeightPenalty() {
            @Override
            public double penalty(Matrix w, int m) {
                double sumSq = 0;
                for (float v : w.data()) {
                    sumSq += (double) v * v;
                }
                return l1 / m * L1.sumAbs(w) + l2 / (2.0 * m) * sumSq;
            }

            @Override
            public void addGradient(Matrix w, Matrix grad, int m) {
                float k1 = (float) (l1 / m);
                float k2 = (float) (l2 / m);
                float[] ws = w.data();
                float[] gs = grad.data();
                for (int i = 0; i < ws.length; i++) {
                    gs[i] += k1 * Math.signum(ws[i]) + k2 * ws[i];
                }
            }
        };
    }
}
