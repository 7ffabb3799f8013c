package dev.tensile.plugins.regularizers;

import java.util.List;

import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.spi.Regularizer;
import dev.tensile.tensor.Matrix;

/**
 * The max-norm constraint (Srebro et al.; used with dropout by Srivastava et al. 2014): after every optimizer step,
 * each unit's incoming weight vector (a column of a dense layer's inputs x outputs weights; biases excluded) whose
 * Euclidean norm exceeds {@code c} is scaled back onto the sphere of radius c; shorter vectors are left untouched.
 * It adds no loss term. Parameter: {@code c} (default 3, at least 0.001).
 */
public final class MaxNorm implements Regularizer {

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
    public Term create(Params params) {
        double c = params.real("c");
        return (WeightConstraint) weights -> MaxNorm.constrain(weights, c);
    }

    static void constrain(Matrix weights, double c) {
        float[] w = weights.data();
        int rows = weights.rows();
        int cols = weights.cols();
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
