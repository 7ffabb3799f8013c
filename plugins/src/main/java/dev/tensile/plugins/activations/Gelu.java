package dev.tensile.plugins.activations;

import java.util.List;

import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXRef;

import dev.tensile.spi.Activation;
import dev.tensile.spi.OnnxOps;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.tensor.Matrix;

/**
 * Gaussian error linear unit z·Φ(z), Φ the standard normal CDF. Parameter {@code approximate}: {@code none}
 * (default, as PyTorch) computes Φ(z) = erfc(-z/√2)/2 with a Chebyshev-fitted erfc whose relative error is below
 * 1.2e-7, under float32 resolution; its derivative is Φ(z) + z·φ(z). {@code tanh} uses the approximation
 * 0.5·z·(1 + tanh(√(2/π)·(z + 0.044715·z³))) of the GELU paper and BERT, with its exact derivative. Both saturate to
 * 0 and z for large |z| without NaN. Pairs with he-normal.
 */
public final class Gelu implements Activation {
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    private static final double INV_SQRT_2 = 1 / Math.sqrt(2);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    @Override
    public String name() {
        return "gelu";
    }

    @Override
    public String description() {
        return "z * Phi(z), smooth relu of transformers; exact (erf) or tanh approximation";
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.choice("approximate", "none", List.of("none", "tanh"),
                "none: exact z*Phi(z) through erf; tanh: the tanh approximation"));
    }

    @Override
    public String preferredInitializer() {
        return "he-normal";
    }

    /**
     * The complementary error function, Numerical Recipes' {@code erfcc}: fractional error below 1.2e-7 everywhere.
     */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    @Override
    public Function create(Params params) {
        boolean tanh = params.text("approximate").equals("tanh");
        return new Function() {
            @Override
            public ONNXRef<?> onnx(ONNXRef<?> z) {
                var ctx = z.onnxContext();
                if (tanh) { // 0.5 z (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3)))
                    ONNXRef<?> cube = z.apply(ONNXOperators.MUL, z).apply(ONNXOperators.MUL, z);
                    ONNXRef<?> inner = z.apply(ONNXOperators.ADD, cube.apply(ONNXOperators.MUL, ctx.constant("gelu_c", 0.044715f)))
                            .apply(ONNXOperators.MUL, ctx.constant("gelu_k", (float) SQRT_2_OVER_PI));
                    return half(z, inner.apply(OnnxOps.TANH));
                } // 0.5 z (1 + erf(z / sqrt 2))
                return half(z, z.apply(ONNXOperators.MUL, ctx.constant("gelu_s", (float) INV_SQRT_2)).apply(OnnxOps.ERF));
            }

            /** 0.5 z (1 + t). */
            private ONNXRef<?> half(ONNXRef<?> z, ONNXRef<?> t) {
                var ctx = z.onnxContext();
                return t.apply(ONNXOperators.ADD, ctx.constant("one", 1f)).apply(ONNXOperators.MUL, z)
                        .apply(ONNXOperators.MUL, ctx.constant("half", 0.5f));
            }

            @Override
            public void forward(Matrix z, Matrix a) {
                float[] zs = z.data();
                float[] as = a.data();
                for (int i = 0; i < zs.length; i++) {
                    double v = zs[i];
                    as[i] = (float) (tanh
                            ? 0.5 * v * (1 + Math.tanh(SQRT_2_OVER_PI * (v + 0.044715 * v * v * v)))
                            : 0.5 * v * erfc(-v * INV_SQRT_2));
                }
            }

            @Override
            public void backward(Matrix z, Matrix a, Matrix gradA, Matrix gradZ) {
                float[] zs = z.data();
                float[] ga = gradA.data();
                float[] gz = gradZ.data();
                for (int i = 0; i < zs.length; i++) {
                    double v = zs[i];
                    double d;
                    if (tanh) {
                        double th = Math.tanh(SQRT_2_OVER_PI * (v + 0.044715 * v * v * v));
                        d = 0.5 * (1 + th) + 0.5 * v * (1 - th * th) * SQRT_2_OVER_PI * (1 + 3 * 0.044715 * v * v);
                    } else {
                        d = 0.5 * erfc(-v * INV_SQRT_2) + v * INV_SQRT_2PI * Math.exp(-0.5 * v * v);
                    }
                    gz[i] = (float) (ga[i] * d);
                }
            }
        };
    }
}
