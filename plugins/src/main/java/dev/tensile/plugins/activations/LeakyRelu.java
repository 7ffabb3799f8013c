package dev.tensile.plugins.activations;

import java.util.List;

import org.tribuo.util.onnx.ONNXRef;

import dev.tensile.spi.Activation;
import dev.tensile.spi.OnnxOps;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.tensor.Matrix;

/**
 * max(z, alpha·z): like relu but negative inputs keep a small slope {@code alpha} (default 0.01, in [0, 1]), so a
 * unit never dies completely. Derivative 1 for z > 0 and alpha otherwise (alpha at exactly 0, as relu takes 0
 * there). Pairs with he-normal; its exact match is he-normal with {@code negativeSlope} = alpha, which the
 * preferred-initializer hook (a name, without parameters) cannot express: for alpha 0.01 the difference in
 * standard deviation is 0.005 %.
 */
public final class LeakyRelu implements Activation {

    @Override
    public String name() {
        return "leaky-relu";
    }

    @Override
    public String description() {
        return "max(z, alpha*z), relu with a small negative slope; pairs with he-normal";
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.real("alpha", 0.01, 0, 1, "slope for negative inputs"));
    }

    @Override
    public String preferredInitializer() {
        return "he-normal";
    }

    @Override
    public Function create(Params params) {
        float alpha = (float) params.real("alpha");
        return new Function() {
            @Override
            public ONNXRef<?> onnx(ONNXRef<?> z) {
                return z.apply(OnnxOps.LEAKY_RELU, java.util.Map.of("alpha", alpha));
            }

            @Override
            public void forward(Matrix z, Matrix a) {
                float[] zs = z.data();
                float[] as = a.data();
                for (int i = 0; i < zs.length; i++) {
                    as[i] = zs[i] > 0f ? zs[i] : alpha * zs[i];
                }
            }

            @Override
            public void backward(Matrix z, Matrix a, Matrix gradA, Matrix gradZ) {
                float[] zs = z.data();
                float[] ga = gradA.data();
                float[] gz = gradZ.data();
                for (int i = 0; i < zs.length; i++) {
                    gz[i] = zs[i] > 0f ? ga[i] : alpha * ga[i];
                }
            }
        };
    }
}
