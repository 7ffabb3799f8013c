package dev.tensile.plugins.activations;

import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXRef;

import dev.tensile.spi.Activation;
import dev.tensile.spi.Params;
import dev.tensile.tensor.Matrix;

/**
 * The logistic function 1 / (1 + e^-z), computed as e^z / (1 + e^z) for negative z so exp never overflows: it
 * saturates to exactly 0 and 1 for large |z| without NaN. Its derivative a(1 - a) is computed from the output and
 * vanishes in saturation, the vanishing gradient that makes deep sigmoid stacks slow to train. Pairs with
 * xavier-uniform.
 */
public final class Sigmoid implements Activation {

    @Override
    public String name() {
        return "sigmoid";
    }

    @Override
    public String description() {
        return "logistic 1/(1+e^-z), squashes to (0, 1); pairs with xavier-uniform";
    }

    @Override
    public String preferredInitializer() {
        return "xavier-uniform";
    }

    static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }

    @Override
    public Function create(Params params) {
        return new Function() {
            @Override
            public ONNXRef<?> onnx(ONNXRef<?> z) {
                return z.apply(ONNXOperators.SIGMOID);
            }

            @Override
            public void forward(Matrix z, Matrix a) {
                float[] zs = z.data();
                float[] as = a.data();
                for (int i = 0; i < zs.length; i++) {
                    as[i] = (float) sigmoid(zs[i]);
                }
            }

            @Override
            public void backward(Matrix z, Matrix a, Matrix gradA, Matrix gradZ) {
                float[] as = a.data();
                float[] ga = gradA.data();
                float[] gz = gradZ.data();
                for (int i = 0; i < as.length; i++) {
                    gz[i] = ga[i] * as[i] * (1f - as[i]);
                }
            }
        };
    }
}
