package dev.tensile.nn;

import dev.tensile.tensor.Matrix;

/**
 * Softmax and cross-entropy fused, from logits. The log-probability is computed as
 * {@code z_i - max - log(sum exp(z_j - max))} in double precision (a float difference of two huge logits can
 * overflow), so it is finite for any finite logits, even when softmax
 * itself would round a probability to zero (where a naive {@code log(softmax)} gives -inf). The fused gradient
 * is {@code (softmax - target) / batch}.
 */
public final class SoftmaxCrossEntropy implements Loss {

    @Override
    public double lossAndGradient(Matrix logits, Matrix targets, Matrix grad) {
        logits.requireSameShape(targets);
        logits.requireSameShape(grad);
        int batch = logits.rows();
        int classes = logits.cols();
        float[] z = logits.data();
        float[] t = targets.data();
        float[] g = grad.data();
        double total = 0;
        float invBatch = 1f / batch;
        for (int r = 0; r < batch; r++) {
            int row = r * classes;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                max = Math.max(max, z[row + j]);
            }
            double sum = 0;
            for (int j = 0; j < classes; j++) {
                sum += Math.exp((double) z[row + j] - max);
            }
            double logSum = Math.log(sum);
            for (int j = 0; j < classes; j++) {
                double logP = (double) z[row + j] - max - logSum;
                float target = t[row + j];
                if (target != 0f) {
                    total -= target * logP;
                }
                g[row + j] = (float) (Math.exp(logP) - target) * invBatch;
            }
        }
        return total / batch;
    }

    @Override
    public void toPredictions(Matrix logits) {
        int classes = logits.cols();
        float[] z = logits.data();
        for (int r = 0; r < logits.rows(); r++) {
            int row = r * classes;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                max = Math.max(max, z[row + j]);
            }
            double sum = 0;
            for (int j = 0; j < classes; j++) {
                sum += Math.exp((double) z[row + j] - max);
            }
            for (int j = 0; j < classes; j++) {
                z[row + j] = (float) (Math.exp((double) z[row + j] - max) / sum);
            }
        }
    }

    @Override
    public String name() {
        return "cross-entropy";
    }

    @Override
    public String fusedActivation() {
        return "softmax";
    }

    @Override
    public boolean classification() {
        return true;
    }

    @Override
    public org.tribuo.util.onnx.ONNXRef<?> onnxPredictions(org.tribuo.util.onnx.ONNXRef<?> outputs) {
        return outputs.apply(org.tribuo.util.onnx.ONNXOperators.SOFTMAX);
    }
}
