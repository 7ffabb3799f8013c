package dev.tensile.nn;

import dev.tensile.tensor.Matrix;

/**
 * Sigmoid and binary cross-entropy fused, from logits, for independent yes/no outputs (one per column; targets 0 or 1,
 * or soft targets in between). Each element's loss is {@code max(z, 0) - z·t + log(1 + e^-|z|)}, which equals
 * {@code -t·log σ(z) - (1-t)·log(1-σ(z))} but stays finite for any finite z (a naive log of a sigmoid that has
 * rounded to 0 or 1 gives inf). The loss is the mean over every element (PyTorch's {@code BCEWithLogitsLoss}
 * default); the fused gradient is {@code (σ(z) - t) / (batch · outputs)}. Predictions are σ(z).
 */
public final class BinaryCrossEntropy implements Loss {

    @Override
    public double lossAndGradient(Matrix logits, Matrix targets, Matrix grad) {
        logits.requireSameShape(targets);
        logits.requireSameShape(grad);
        float[] z = logits.data();
        float[] t = targets.data();
        float[] g = grad.data();
        int n = z.length;
        double total = 0;
        double scale = 1.0 / n;
        for (int i = 0; i < n; i++) {
            double zi = z[i];
            total += Math.max(zi, 0) - zi * t[i] + Math.log1p(Math.exp(-Math.abs(zi)));
            g[i] = (float) ((sigmoid(zi) - t[i]) * scale);
        }
        return total / n;
    }

    static double sigmoid(double z) {
        // the branch keeps exp's argument non-positive, so it never overflows
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }

    @Override
    public void toPredictions(Matrix logits) {
        float[] z = logits.data();
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) sigmoid(z[i]);
        }
    }

    @Override
    public String name() {
        return "binary-cross-entropy";
    }

    @Override
    public boolean classification() {
        return true;
    }

    @Override
    public String fusedActivation() {
        return "sigmoid";
    }

    @Override
    public org.tribuo.util.onnx.ONNXRef<?> onnxPredictions(org.tribuo.util.onnx.ONNXRef<?> outputs) {
        return outputs.apply(org.tribuo.util.onnx.ONNXOperators.SIGMOID);
    }
}
