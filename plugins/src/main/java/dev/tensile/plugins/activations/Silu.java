package dev.tensile.plugins.activations;

import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXRef;

import dev.tensile.spi.Activation;
import dev.tensile.spi.Params;
import dev.tensile.tensor.Matrix;

/**
 * SiLU, also called swish: z·σ(z), with the overflow-free sigmoid of {@link Sigmoid}. Smooth, slightly negative
 * for negative z, and linear for large z. Derivative σ(z)·(1 + z·(1 - σ(z))). Pairs with he-normal.
 */
public final class Silu implements Activation {

    @Override
    public String name() {
        return "silu";
    }

    @Override
    public String description() {
        return "z * sigmoid(z), also called swish; pairs with he-normal";
    }

    @Override
    public String preferredInitializer() {
        return "he-normal";
    }

    @Override
    public Function create(Params params) {
        return new Function() {
            @Override
            public ONNXRef<?> onnx(ONNXRef<?> z) {
                return z.apply(ONNXOperators.MUL, z.apply(ONNXOperators.SIGMOID));
            }

            @Override
            public void forward(Matrix z, Matrix a) {
                float[] zs = z.data();
                float[] as = a.data();
                for (int i = 0; i < zs.length; i++) {
                    as[i] = (float) (zs[i] * Sigmoid.sigmoid(zs[i]));
                }
            }

            @Override
            public void backward(Matrix z, Matrix a, Matrix gradA, Matrix gradZ) {
                float[] zs = z.data();
                float[] ga = gradA.data();
                float[] gz = gradZ.data();
                for (int i = 0; i < zs.length; i++) {
                    double s = Sigmoid.sigmoid(zs[i]);
                    gz[i] = (float) (ga[i] * s * (1 + zs[i] * (1 - s)));
                }
            }
        };
    }
}
