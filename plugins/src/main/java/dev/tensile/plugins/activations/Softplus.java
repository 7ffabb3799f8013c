package dev.tensile.plugins.activations;

import org.tribuo.util.onnx.ONNXRef;

import dev.tensile.spi.Activation;
import dev.tensile.spi.OnnxOps;
import dev.tensile.spi.Params;
import dev.tensile.tensor.Matrix;

/**
 * log(1 + e^z), a smooth relu, computed as log1p(e^-|z|) + max(z, 0) so it never overflows and keeps full precision:
 * softplus(1e4) is exactly 1e4 and softplus(-1e4) is 0 (the naive form gives infinity and 0). Its derivative is the
 * sigmoid of z. Pairs with he-normal.
 */
public final class Softplus implements Activation {

    @Override
    public String name() {
        return "softplus";
    }

    @Override
    public String description() {
        return "log(1 + e^z), a smooth relu; pairs with he-normal";
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
                return z.apply(OnnxOps.SOFTPLUS);
            }

            @Override
            public void forward(Matrix z, Matrix a) {
                float[] zs = z.data();
                float[] as = a.data();
                for (int i = 0; i < zs.length; i++) {
                    double v = zs[i];
                    as[i] = (float) (Math.log1p(Math.exp(-Math.abs(v))) + Math.max(v, 0));
                }
            }

            @Override
            public void backward(Matrix z, Matrix a, Matrix gradA, Matrix gradZ) {
                float[] zs = z.data();
                float[] ga = gradA.data();
                float[] gz = gradZ.data();
                for (int i = 0; i < zs.length; i++) {
                    gz[i] = (float) (ga[i] * Sigmoid.sigmoid(zs[i]));
                }
            }
        };
    }
}
