package dev.tensile.plugins.callbacks;

import java.util.List;

import dev.tensile.nn.Parameter;
import dev.tensile.spi.Callback;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.train.TrainingContext;

/**
 * The max-norm constraint (Srebro et al.; used with dropout by Srivastava et al. 2014): after every optimizer step,
 * each unit's incoming weight vector (a column of a dense layer's inputs x outputs weights; biases excluded) whose
 * Euclidean norm exceeds {@code c} is scaled back onto the sphere of radius c; shorter vectors are left untouched.
 * It is also applied once when training begins. Parameter: {@code c} (default 3, at least 0.001).
 *
 * <p>It is a callback, not a regularizer, because it is a projection after the step rather than a loss term: the
 * regularizer SPI ({@code Regularizer.Term}) has only {@code penalty} and {@code addGradient}, which act before the
 * step, while {@link dev.tensile.spi.Callback.Listener#onBatchEnd} runs right after it. Callbacks listed before it
 * see the weights of that step before the projection.
 */
public final class MaxNorm implements Callback {

    @Override
    public String name() {
        return "max-norm";
    }

    @Override
    public String description() {
        return "after each step, rescales every unit's incoming weight vector to norm at most 'c'";
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.real("c", 3, 1e-3, Double.MAX_VALUE, "largest allowed norm of a unit's incoming weights"));
    }

    @Override
    public Listener create(Params params) {
        double c = params.real("c");
        return new Listener() {
            @Override
            public void onTrainBegin(TrainingContext ctx) {
                constrain(ctx.network().parameters(), c);
            }

            @Override
            public void onBatchEnd(TrainingContext ctx, int step, double loss) {
                constrain(ctx.network().parameters(), c);
            }
        };
    }

    static void constrain(List<Parameter> parameters, double c) {
        for (Parameter p : parameters) {
            if (p.isBias()) {
                continue;
            }
            float[] w = p.value().data();
            int rows = p.value().rows();
            int cols = p.value().cols();
            for (int j = 0; j < cols; j++) {
                double sq = 0;
                for (int i = 0; i < rows; i++) {
                    sq += (double) w[i * cols + j] * w[i * cols + j];
                }
                double norm = Math.sqrt(sq);
                if (norm > c) {
                    double scale = c / norm;
                    for (int i = 0; i < rows; i++) {
                        w[i * cols + j] = (float) (w[i * cols + j] * scale);
                    }
                }
            }
        }
    }
}
