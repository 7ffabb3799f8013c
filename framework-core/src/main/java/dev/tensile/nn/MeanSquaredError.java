package dev.tensile.nn;

import dev.tensile.tensor.Matrix;

/**
 * Mean squared error for regression: {@code L = (1 / (batch * outputs)) * sum (o - t)^2}, averaged over every
 * output of every row (as Keras and PyTorch do by default), with gradient {@code 2 (o - t) / (batch * outputs)}.
 * Predictions are the raw outputs.
 */
public final class MeanSquaredError implements Loss {

    @Override
    public double lossAndGradient(Matrix outputs, Matrix targets, Matrix grad) {
        outputs.requireSameShape(targets);
        outputs.requireSameShape(grad);
        float[] o = outputs.data();
        float[] t = targets.data();
        float[] g = grad.data();
        int n = o.length;
        double total = 0;
        float scale = 2f / n;
        for (int i = 0; i < n; i++) {
            float d = o[i] - t[i];
            total += (double) d * d;
            g[i] = d * scale;
        }
        return total / n;
    }

    @Override
    public void toPredictions(Matrix outputs) {
        // the outputs are the predicted values
    }

    @Override
    public String name() {
        return "mse";
    }
}
