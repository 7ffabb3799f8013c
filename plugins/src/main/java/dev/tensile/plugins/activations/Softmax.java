package dev.tensile.plugins.activations;

import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXRef;

import dev.tensile.spi.Activation;
import dev.tensile.spi.Params;
import dev.tensile.tensor.Matrix;

/**
 * Row-wise softmax for classification outputs, shifted by the row maximum so exp never overflows. With the
 * cross-entropy loss the engine fuses the two and never calls this; on its own it uses the full Jacobian:
 * gradZ = a * (gradA - sum(gradA * a)).
 */
public final class Softmax implements Activation {

    @Override
    public String name() {
        return "softmax";
    }

    @Override
    public String description() {
        return "row-wise probabilities for class outputs; fused with cross-entropy";
    }

    @Override
    public Function create(Params params) {
        return new Function() {
            @Override
            public ONNXRef<?> onnx(ONNXRef<?> z) {
                return z.apply(ONNXOperators.SOFTMAX); // opset 13: over the last axis, each row
            }

            @Override
            public void forward(Matrix z, Matrix a) {
                int c = z.cols();
                float[] zs = z.data();
                float[] as = a.data();
                for (int r = 0; r < z.rows(); r++) {
                    int o = r * c;
                    float max = Float.NEGATIVE_INFINITY;
                    for (int j = 0; j < c; j++) {
                        max = Math.max(max, zs[o + j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < c; j++) {
                        sum += Math.exp((double) zs[o + j] - max);
                    }
                    for (int j = 0; j < c; j++) {
                        as[o + j] = (float) (Math.exp((double) zs[o + j] - max) / sum);
                    }
                }
            }

            @Override
            public void backward(Matrix z, Matrix a, Matrix gradA, Matrix gradZ) {
                int c = a.cols();
                float[] as = a.data();
                float[] ga = gradA.data();
                float[] gz = gradZ.data();
                for (int r = 0; r < a.rows(); r++) {
                    int o = r * c;
                    double dot = 0;
                    for (int j = 0; j < c; j++) {
                        dot += ga[o + j] * as[o + j];
                    }
                    for (int j = 0; j < c; j++) {
                        gz[o + j] = (float) (as[o + j] * (ga[o + j] - dot));
                    }
                }
            }
        };
    }
}
