package dev.tensile.plugins.regularizers;

import java.util.List;

import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.spi.Regularizer;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

/**
 * Inverted dropout. {@code rate} is the fraction of units DROPPED (Keras's meaning; Deeplearning4j's {@code p} is
 * the fraction kept). In training each unit is zeroed with probability rate and the survivors are scaled by
 * 1/keep, so the expected activation is unchanged; backward reuses the same mask. At inference it does nothing.
 */
public final class Dropout implements Regularizer {

    @Override
    public String name() {
        return "dropout";
    }

    @Override
    public String description() {
        return "zeroes a fraction 'rate' of units in training (rate = fraction dropped), scales the rest by 1/(1-rate)";
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.real("rate", 0.5, 0, 0.99, "fraction of units dropped in each training step"));
    }

    @Override
    public Term create(Params params) {
        double rate = params.real("rate");
        float scale = (float) (1.0 / (1.0 - rate));
        return new Term() {
            private float[] mask = new float[0];

            @Override
            public boolean actsOnActivations() {
                return true;
            }

            @Override
            public void forward(Matrix a, boolean training, Rng rng) {
                if (!training) {
                    return;
                }
                float[] d = a.data();
                // grown only, and used as a prefix, so the short last batch of an epoch allocates nothing
                if (mask.length < d.length) {
                    mask = new float[d.length];
                }
                for (int i = 0; i < d.length; i++) {
                    mask[i] = rng.nextDouble() < rate ? 0f : scale;
                    d[i] *= mask[i];
                }
            }

            @Override
            public void backward(Matrix grad) {
                float[] g = grad.data();
                for (int i = 0; i < g.length; i++) {
                    g[i] *= mask[i];
                }
            }
        };
    }
}
