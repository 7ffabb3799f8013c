package com.example.tensile;

import dev.tensile.spi.Activation;
import dev.tensile.spi.Params;
import dev.tensile.tensor.Matrix;

/**
 * Mish (Misra, 2019): f(z) = z·tanh(softplus(z)), a smooth, non-monotonic relu. Its derivative is
 * tanh(sp) + z·sigmoid(z)·(1 − tanh²(sp)) with sp = softplus(z).
 */
public final class Mish implements Activation {

    @Override
    public String name() {
        return "mish";
    }

    @Override
    public String description() {
        return "z * tanh(softplus(z)), a smooth relu (Misra 2019); pairs with he-normal";
    }

    @Override
    public String preferredInitializer() {
        return "he-normal";
    }

    private static double softplus(double z) {
        return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    }

    @Override
    public Function create(Params params) {
        return new Function() {
            @Override
            public void forward(Matrix z, Matrix a) {
                float[] zs = z.data();
                float[] as = a.data();
                for (int i = 0; i < zs.length; i++) {
                    as[i] = (float) (zs[i] * Math.tanh(softplus(zs[i])));
                }
            }

            @Override
            public void backward(Matrix z, Matrix a, Matrix gradA, Matrix gradZ) {
                float[] zs = z.data();
                float[] ga = gradA.data();
                float[] gz = gradZ.data();
                for (int i = 0; i < zs.length; i++) {
                    double x = zs[i];
                    double t = Math.tanh(softplus(x));
                    double sigmoid = 1 / (1 + Math.exp(-x));
                    gz[i] = (float) (ga[i] * (t + x * sigmoid * (1 - t * t)));
                }
            }
        };
    }
}
