package dev.tensile.plugins.activations;

import org.tribuo.util.onnx.ONNXRef;

import dev.tensile.spi.Activation;
import dev.tensile.spi.OnnxOps;
import dev.tensile.spi.Params;
import dev.tensile.tensor.Matrix;

/** Hyperbolic tangent; its derivative 1 - tanh² is computed from the forward output. */
public final class Tanh implements Activation {

    @Override
    public String name() {
        return "tanh";
    }

    @Override
    public String description() {
        return "hyperbolic tangent, linear near 0; pairs with xavier-uniform";
    }

    @Override
    public Function create(Params params) {
        return new Function() {
            @Override
            public ONNXRef<?> onnx(ONNXRef<?> z) {
                return z.apply(OnnxOps.TANH);
            }

            @Override
            public void forward(Matrix z, Matrix a) {
                float[] zs = z.data();
                float[] as = a.data();
                for (int i = 0; i < zs.length; i++) {
                    as[i] = (float) Math.tanh(zs[i]);
                }
            }

            @Override
            public void backward(Matrix z, Matrix a, Matrix gradA, Matrix gradZ) {
                float[] as = a.data();
                float[] ga = gradA.data();
                float[] gz = gradZ.data();
                for (int i = 0; i < as.length; i++) {
                    gz[i] = ga[i] * (1f - as[i] * as[i]);
                }
            }
        };
    }
}
