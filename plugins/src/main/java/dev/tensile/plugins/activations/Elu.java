package dev.tensile.plugins.activations;

import java.util.List;

import org.tribuo.util.onnx.ONNXRef;

import dev.tensile.spi.Activation;
import dev.tensile.spi.OnnxOps;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.tensor.Matrix;

/**
 * Exponential linear unit: z for z > 0, alpha·(e^z - 1) otherwise (computed with expm1, exact near 0), with
 * {@code alpha} default 1, at least 0. Negative outputs saturate at -alpha, pulling mean activations toward zero.
 * Derivative 1 for z > 0, alpha·e^z otherwise (alpha at exactly 0). Pairs with he-normal.
 */
public final class Elu implements Activation {

    @Override
    public String name() {
        return "elu";
    }

    @Override
    public String description() {
        return "z for z > 0, alpha*(e^z - 1) below; pairs with he-normal";
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.real("alpha", 1, 0, Double.MAX_VALUE, "value the output approaches for very negative z, negated"));
    }

    @Override
    public String preferredInitializer() {
        return "he-normal";
    }

    @Override
    public Function create(Params params) {
        double alpha = params.real("alpha");
        return new Function() {
            @Override
            public ONNXRef<?> onnx(ONNXRef<?> z) {
                return z.apply(OnnxOps.ELU, java.util.Map.of("alpha", (float) alpha));
            }

            @Override
            public void forward(Matrix z, Matrix a) {
                float[] zs = z.data();
                float[] as = a.data();
                for (int i = 0; i < zs.length; i++) {
                    as[i] = zs[i] > 0f ? zs[i] : (float) (alpha * Math.expm1(zs[i]));
                }
            }

            @Override
            public void backward(Matrix z, Matrix a, Matrix gradA, Matrix gradZ) {
                float[] zs = z.data();
                float[] ga = gradA.data();
                float[] gz = gradZ.data();
                for (int i = 0; i < zs.length; i++) {
                    gz[i] = zs[i] > 0f ? ga[i] : (float) (ga[i] * alpha * Math.exp(zs[i]));
                }
            }
        };
    }
}
