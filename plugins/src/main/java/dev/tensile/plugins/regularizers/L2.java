package dev.tensile.plugins.regularizers;

import java.util.List;

import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.spi.Regularizer;
import dev.tensile.tensor.Matrix;

/**
 * L2 weight penalty λ/(2m)·Σw² over every weight matrix (biases excluded), m the batch size; its gradient λw/m
 * shrinks each weight toward zero every step, hence the name weight decay. Parameter: {@code lambda} (default 1e-4).
 */
public final class L2 implements Regularizer {

    @Override
    public String name() {
        return "l2";
    }

    @Override
    public String description() {
        return "penalises large weights: lambda/(2m) * sum(w^2), biases excluded";
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
                double sum = 0;
                for (float v : w.data()) {
                    sum += (double) v * v;
                }
                return lambda / (2.0 * m) * sum;
            }

            @Override
            public void addGradient(Matrix w, Matrix grad, int m) {
                float k = (float) (lambda / m);
                float[] ws = w.data();
                float[] gs = grad.data();
                for (int i = 0; i < ws.length; i++) {
                    gs[i] += k * ws[i];
                }
            }
        };
    }
}
