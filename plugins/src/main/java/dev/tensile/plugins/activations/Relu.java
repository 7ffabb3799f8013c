package dev.tensile.plugins.activations;

import dev.tensile.spi.Activation;
import dev.tensile.spi.Params;
import dev.tensile.tensor.Matrix;

/** max(0, z). Its derivative at exactly 0 is taken as 0, as PyTorch does. */
public final class Relu implements Activation {

    @Override
    public String name() {
        return "relu";
    }

    @Override
    public String description() {
        return "rectified linear unit max(0, z); pairs with he-normal";
    }

    @Override
    public String preferredInitializer() {
        return "he-normal";
    }

    @Override
    public Function create(Params params) {
        return new Function() {
            @Override
            public void forward(Matrix z, Matrix a) {
                float[] zs = z.data();
                float[] as = a.data();
                for (int i = 0; i < zs.length; i++) {
                    as[i] = Math.max(0f, zs[i]);
                }
            }

            @Override
            public void backward(Matrix z, Matrix a, Matrix gradA, Matrix gradZ) {
                float[] zs = z.data();
                float[] ga = gradA.data();
                float[] gz = gradZ.data();
                for (int i = 0; i < zs.length; i++) {
                    gz[i] = zs[i] > 0f ? ga[i] : 0f;
                }
            }
        };
    }
}
