package dev.tensile.plugins.activations;

import dev.tensile.kernel.VectorOps;
import org.tribuo.util.onnx.ONNXRef;

import dev.tensile.spi.Activation;
import dev.tensile.spi.OnnxOps;
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
            public ONNXRef<?> onnx(ONNXRef<?> z) {
                return z.apply(OnnxOps.RELU);
            }

            @Override
            public void forward(Matrix z, Matrix a) {
                VectorOps.relu(z.data(), a.data(), z.size());
            }

            @Override
            public void backward(Matrix z, Matrix a, Matrix gradA, Matrix gradZ) {
                VectorOps.reluBackward(z.data(), gradA.data(), gradZ.data(), z.size());
            }
        };
    }
}
